package io.gipc.examples;

import io.gipc.examples.ports.Benchmark;
import io.gipc.examples.ports.HttpChildPerRequest;
import io.gipc.examples.ports.InfiniteSend;
import io.gipc.examples.ports.ServerClient;
import io.gipc.examples.ports.Synchronization;
import io.gipc.examples.showcase.Showcase;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Runs one example by name: {@code ./mvnw -B -q -Pexample -Dexample=NAME -DskipTests verify}, with the
 * example's own options in {@code -Dexample.args="--name=value ..."}.
 */
public final class Examples {
    /** An example's main method. */
    @FunctionalInterface
    private interface Main {
        void run(String[] args) throws Exception;
    }

    private static final Map<String, Main> EXAMPLES = new LinkedHashMap<>();
    private static final Map<String, String> DESCRIPTIONS = new LinkedHashMap<>();

    static {
        add("showcase", Showcase::main, "HTTP server with a pool of worker processes (the README's first command)");
        add("demo", Demo::main, "first steps: a child worker, simplex/duplex/raw pipes, a timeout");
        add("benchmark", Benchmark::main, "gipc_benchmark.py: 64,000-byte and 1-byte messages, child to parent");
        add("sync", Synchronization::main, "synchronization.py: SYN/ACK, then parent and child clocks compared");
        add("serverclient", ServerClient::main, "serverclient.py: TCP server in the parent, 1,000 clients in a child");
        add("http", HttpChildPerRequest::main, "wsgimultiprocessing.py: HTTP server, a child per response");
        add("infinite", InfiniteSend::main, "infinite_send_to_child.py: a message a second until Ctrl-C");
        add("resultpipes", ResultPipes::main, "a long-lived worker that gets a fresh result pipe inside each job");
    }

    private Examples() {}

    private static void add(String name, Main main, String description) {
        EXAMPLES.put(name, main);
        DESCRIPTIONS.put(name, description);
    }

    /**
     * Runs the example named by the first argument, with the other arguments.
     *
     * @param args the example's name, then its options
     * @throws Exception if the example fails
     */
    public static void main(String[] args) throws Exception {
        Main main = args.length == 0 ? null : EXAMPLES.get(args[0]);
        if (main == null) {
            System.err.println(
                    (args.length == 0 ? "no example named" : "no example named " + args[0]) + "; the examples are:");
            DESCRIPTIONS.forEach((name, text) -> System.err.printf("  %-13s %s%n", name, text));
            System.exit(2);
            return;
        }
        main.run(Arrays.copyOfRange(args, 1, args.length));
    }
}
