package io.gipc.benchmarks;

/** The bare child of the start-up benchmark: {@code java -cp <class path> io.gipc.benchmarks.Hello}. */
public final class Hello {
    private Hello() {
    }

    /**
     * Prints a greeting.
     *
     * @param args ignored
     */
    public static void main(String[] args) {
        System.out.println("Hello");
    }
}
