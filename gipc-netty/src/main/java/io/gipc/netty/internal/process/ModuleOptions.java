package io.gipc.netty.internal.process;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Reads and removes the module options in a list of JVM options. The JVM reports each one it was started with as
 * {@code --name=value}, however it was written ({@code --name value}, {@code -p value}, in an {@code @argfile});
 * the two-word forms are read as well.
 */
final class ModuleOptions {
    static final String MODULE_PATH = "--module-path";
    static final String UPGRADE_MODULE_PATH = "--upgrade-module-path";
    static final String PATCH_MODULE = "--patch-module";
    static final String ADD_MODULES = "--add-modules";

    /**
     * The options whose values are paths, perhaps relative to this JVM's working directory: a child gets them
     * from its argument file instead, made absolute.
     */
    private static final Set<String> PATH_OPTIONS = Set.of(MODULE_PATH, "-p", UPGRADE_MODULE_PATH, PATCH_MODULE);

    private ModuleOptions() {}

    /**
     * The values of one option, in order.
     *
     * @param options JVM options
     * @param name the option's long name, such as {@code --patch-module}
     * @return its values
     */
    static List<String> valuesOf(List<String> options, String name) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if (option.startsWith(name + "=")) {
                values.add(option.substring(name.length() + 1));
            } else if (option.equals(name) && i + 1 < options.size()) {
                values.add(options.get(++i));
            }
        }
        return values;
    }

    /**
     * Leaves out {@code --module-path} ({@code -p}), {@code --upgrade-module-path} and {@code --patch-module}.
     *
     * @param options JVM options
     * @return the others, in order
     */
    static List<String> withoutPathOptions(List<String> options) {
        List<String> kept = new ArrayList<>();
        for (int i = 0; i < options.size(); i++) {
            String option = options.get(i);
            if (PATH_OPTIONS.contains(option)) {
                i++; // and its value, the next word
            } else if (PATH_OPTIONS.stream().noneMatch(name -> option.startsWith(name + "="))) {
                kept.add(option);
            }
        }
        return kept;
    }

    /**
     * The modules that {@code --add-modules} options name.
     *
     * @param options JVM options
     * @return the module names (and tokens such as {@code ALL-DEFAULT}), in order
     */
    static Set<String> addedModules(List<String> options) {
        Set<String> modules = new LinkedHashSet<>();
        for (String value : valuesOf(options, ADD_MODULES)) {
            for (String module : value.split(",")) {
                if (!module.isBlank()) {
                    modules.add(module.trim());
                }
            }
        }
        return modules;
    }
}
