package io.gipc.testkit;

import static org.junit.platform.engine.discovery.DiscoverySelectors.selectClass;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.engine.support.descriptor.ClassSource;
import org.junit.platform.engine.support.descriptor.MethodSource;
import org.junit.platform.testkit.engine.EngineExecutionResults;
import org.junit.platform.testkit.engine.EngineTestKit;
import org.junit.platform.testkit.engine.Event;

/**
 * Runs a {@link Sample} class with JUnit's engine test kit and collects how each test and class ended. Shared with
 * gipc-it through this module's test jar.
 */
public final class SampleRun {
    /** The configuration parameter that enables {@link Sample} classes. */
    public static final String ENABLED = "gipc.testkit.samples";

    private final EngineExecutionResults results;

    private SampleRun(EngineExecutionResults results) {
        this.results = results;
    }

    /**
     * Runs a sample class, with the extension auto-detected.
     *
     * @param sample the class
     * @param parameters configuration parameters, key then value
     * @return the results
     */
    public static SampleRun of(Class<?> sample, String... parameters) {
        EngineTestKit.Builder builder = EngineTestKit.engine("junit-jupiter")
                .selectors(selectClass(sample))
                .configurationParameter(ENABLED, "true")
                .configurationParameter("junit.jupiter.extensions.autodetection.enabled", "true");
        for (int i = 0; i < parameters.length; i += 2) {
            builder.configurationParameter(parameters[i], parameters[i + 1]);
        }
        return new SampleRun(builder.execute());
    }

    /**
     * How each test method ended: its name, then null if it passed or what failed it.
     *
     * @return method name to failure
     */
    public Map<String, Throwable> tests() {
        Map<String, Throwable> outcomes = new LinkedHashMap<>();
        results.testEvents().finished().stream().forEach(e -> outcomes.put(methodName(e), failure(e)));
        return outcomes;
    }

    /**
     * The failure of one test method.
     *
     * @param method its name
     * @return what failed it
     * @throws AssertionError if it did not fail
     */
    public Throwable failureOf(String method) {
        Map<String, Throwable> tests = tests();
        if (!tests.containsKey(method)) {
            throw new AssertionError("no test " + method + " ran; tests: " + tests.keySet() + "; all events: "
                    + results.allEvents().list());
        }
        Throwable t = tests.get(method);
        if (t == null) {
            throw new AssertionError(method + " passed; it should have failed");
        }
        return t;
    }

    /**
     * The failure of the sample class itself (its {@code @BeforeAll}/{@code @AfterAll}, or the class-level
     * check), or null.
     *
     * @param sample the class
     * @return what failed it, or null
     */
    public Throwable classFailure(Class<?> sample) {
        return results.containerEvents().finished().stream()
                .filter(e -> e.getTestDescriptor()
                        .getSource()
                        .filter(ClassSource.class::isInstance)
                        .map(s -> ((ClassSource) s).getJavaClass().equals(sample))
                        .orElse(false))
                .map(SampleRun::failure)
                .filter(t -> t != null)
                .findFirst()
                .orElse(null);
    }

    private static String methodName(Event e) {
        return e.getTestDescriptor()
                .getSource()
                .filter(MethodSource.class::isInstance)
                .map(s -> ((MethodSource) s).getMethodName())
                .orElse(e.getTestDescriptor().getDisplayName());
    }

    private static Throwable failure(Event e) {
        return e.getPayload(TestExecutionResult.class)
                .flatMap(TestExecutionResult::getThrowable)
                .orElse(null);
    }
}
