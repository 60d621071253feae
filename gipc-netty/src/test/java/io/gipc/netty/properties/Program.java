package io.gipc.netty.properties;

import java.util.List;
import java.util.function.IntFunction;

/**
 * A random program: the pipe it runs on and its steps, all drawn from one seed ({@link ProgramGenerator}).
 *
 * @param seed the seed it was drawn from; the same seed gives the same program
 * @param kind the pipe
 * @param steps the steps, in order
 */
record Program(long seed, PipeKind kind, List<Step> steps) {

    /**
     * The program as a numbered list, each step followed by what it did.
     *
     * @param outcome what step {@code i} did, or null to say nothing
     * @return the text, one step a line
     */
    String describe(IntFunction<String> outcome) {
        StringBuilder sb = new StringBuilder("seed " + seed + ", " + kind + ", " + steps.size() + " steps:\n");
        for (int i = 0; i < steps.size(); i++) {
            sb.append(String.format("%4d. ", i + 1)).append(steps.get(i).describe(kind));
            String o = outcome.apply(i);
            if (o != null) {
                sb.append("  =>  ").append(o);
            }
            sb.append('\n');
        }
        return sb.toString();
    }

    @Override
    public String toString() {
        return describe(i -> null);
    }
}
