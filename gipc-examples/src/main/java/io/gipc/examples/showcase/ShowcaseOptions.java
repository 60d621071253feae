package io.gipc.examples.showcase;

/**
 * The showcase's command-line options.
 *
 * @param requests how many requests the built-in client sends ({@code --requests=N}, default 300)
 * @param concurrency how many of them are in flight at once ({@code --concurrency=N}, default 8)
 * @param workers how many worker processes ({@code --workers=N}, default 2)
 * @param loops how many event loops the server and gipc share ({@code --loops=N}, default 2)
 * @param port the server's port on 127.0.0.1 ({@code --port=N}, default 0: a free one)
 * @param serve keep serving until Ctrl-C instead of running the client ({@code --serve})
 */
public record ShowcaseOptions(int requests, int concurrency, int workers, int loops, int port, boolean serve) {
    /** The usage text. */
    public static final String USAGE = String.join(
            "\n",
            "usage: Showcase [--requests=N] [--concurrency=N] [--workers=N] [--loops=N] [--port=N] [--serve]",
            "  --requests=N     requests the built-in client sends (default 300)",
            "  --concurrency=N  requests in flight at once (default 8)",
            "  --workers=N      worker processes (default 2)",
            "  --loops=N        event loops shared by the HTTP server and gipc (default 2)",
            "  --port=N         port on 127.0.0.1 (default: a free one)",
            "  --serve          no built-in client: serve until Ctrl-C, for curl");

    /**
     * Checks the options.
     *
     * @param requests at least 1
     * @param concurrency at least 1
     * @param workers at least 1
     * @param loops at least 1
     * @param port 0 to 65535
     * @param serve the serve flag
     */
    public ShowcaseOptions {
        positive("requests", requests);
        positive("concurrency", concurrency);
        positive("workers", workers);
        positive("loops", loops);
        if (port < 0 || port > 65535) {
            throw new IllegalArgumentException("--port must be between 0 and 65535, got " + port);
        }
    }

    /**
     * The defaults.
     *
     * @return 300 requests, 8 at a time, 2 workers, 2 loops, a free port, no serving
     */
    public static ShowcaseOptions defaults() {
        return new ShowcaseOptions(300, 8, 2, 2, 0, false);
    }

    /**
     * Parses {@code --name=value} options and {@code --serve}; blank arguments are ignored.
     *
     * @param args the command line
     * @return the options
     * @throws IllegalArgumentException on an unknown option or a bad value
     */
    public static ShowcaseOptions parse(String... args) {
        ShowcaseOptions o = defaults();
        for (String arg : args) {
            String a = arg.trim();
            if (a.isEmpty()) {
                continue;
            }
            if (a.equals("--serve")) {
                o = new ShowcaseOptions(o.requests, o.concurrency, o.workers, o.loops, o.port, true);
                continue;
            }
            int eq = a.indexOf('=');
            if (!a.startsWith("--") || eq < 0) {
                throw new IllegalArgumentException("unknown argument " + a + "\n" + USAGE);
            }
            String name = a.substring(2, eq);
            int value;
            try {
                value = Integer.parseInt(a.substring(eq + 1).replace("_", ""));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(a + ": not a number\n" + USAGE);
            }
            switch (name) {
                case "requests" -> o = new ShowcaseOptions(value, o.concurrency, o.workers, o.loops, o.port, o.serve);
                case "concurrency" -> o = new ShowcaseOptions(o.requests, value, o.workers, o.loops, o.port, o.serve);
                case "workers" -> o = new ShowcaseOptions(o.requests, o.concurrency, value, o.loops, o.port, o.serve);
                case "loops" -> o = new ShowcaseOptions(o.requests, o.concurrency, o.workers, value, o.port, o.serve);
                case "port" -> o = new ShowcaseOptions(o.requests, o.concurrency, o.workers, o.loops, value, o.serve);
                default -> throw new IllegalArgumentException("unknown option --" + name + "\n" + USAGE);
            }
        }
        return o;
    }

    private static void positive(String name, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("--" + name + " must be at least 1, got " + value);
        }
    }
}
