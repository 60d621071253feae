package io.gipc.benchmarks;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Python gipc doing the same work as the gipc figures, run in the same sitting: the script
 * {@code python_gipc_side.py} (a resource beside this class) in a Python that has gevent and Python gipc.
 *
 * <p>Which Python: {@code -Dbench.python} (default {@code /usr/bin/python3}, where Debian's {@code python3-gevent}
 * installs gevent). Where Python gipc is: {@code -Dbench.pythonGipc=DIR}, a directory holding its {@code gipc}
 * package (Python gipc 1.8.0's source, for instance), put on the script's {@code PYTHONPATH}; without it, Python
 * gipc must be importable as installed. When either is missing the report says so and the rest runs.
 */
final class PythonGipc {
    /** Figures of one run of the script, by name: {@code small_msg_per_s}, {@code large_mib_per_s}, ... */
    record Run(Map<String, Double> figures) {
        double get(String name) {
            Double v = figures.get(name);
            if (v == null) {
                throw new IllegalStateException("the Python script printed no '" + name + "': " + figures);
            }
            return v;
        }
    }

    private static final long TIMEOUT_S = 600;

    private final String python;
    private final String gipcDir;
    private String unavailable;

    private PythonGipc(String python, String gipcDir) {
        this.python = python;
        this.gipcDir = gipcDir;
    }

    /** @return the Python named by the system properties; see the class description */
    static PythonGipc fromProperties() {
        String dir = System.getProperty("bench.pythonGipc", "");
        return new PythonGipc(System.getProperty("bench.python", "/usr/bin/python3"), dir.isBlank() ? null : dir);
    }

    /**
     * Whether Python gipc can run here; if not, {@link #whyNot()} says why.
     *
     * @return true if it imports
     */
    boolean available() throws InterruptedException {
        if (unavailable == null) {
            try {
                Process p = command(List.of("-c", "import gevent, gipc"))
                        .redirectErrorStream(true)
                        .start();
                String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                    String last = out.isEmpty() ? "exit " + p.exitValue() : out.substring(out.lastIndexOf('\n') + 1);
                    unavailable = python + " cannot import gevent and Python gipc (" + last + "; Debian: apt-get"
                            + " install python3-gevent; Python gipc: -Dbench.pythonGipc=<dir holding its gipc package>)";
                } else {
                    unavailable = "";
                }
            } catch (IOException e) {
                unavailable = python + " cannot be run: " + e.getMessage();
            }
        }
        return unavailable.isEmpty();
    }

    /** @return why Python gipc cannot run here, or an empty string */
    String whyNot() {
        return unavailable == null ? "" : unavailable;
    }

    /**
     * Runs the script once.
     *
     * @param seconds about how long each timed figure takes
     * @return its figures
     */
    Run run(double seconds) throws IOException, InterruptedException {
        Path script = Files.createTempFile("gipc-bench-python-", ".py");
        try {
            try (InputStream in = PythonGipc.class.getResourceAsStream("python_gipc_side.py")) {
                if (in == null) {
                    throw new IllegalStateException("python_gipc_side.py is missing beside " + PythonGipc.class);
                }
                Files.write(script, in.readAllBytes());
            }
            List<String> args = new ArrayList<>(List.of(script.toString(), String.valueOf(Math.max(seconds, 0.05))));
            Process p =
                    command(args).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!p.waitFor(TIMEOUT_S, TimeUnit.SECONDS) || p.exitValue() != 0) {
                p.destroyForcibly();
                throw new IllegalStateException("the Python gipc script failed (exit " + p.exitValue() + "): " + out);
            }
            Map<String, Double> figures = new LinkedHashMap<>();
            for (String line : out.split("\n")) {
                String[] f = line.trim().split("\t");
                if (f.length == 2) {
                    figures.put(f[0], Double.parseDouble(f[1]));
                }
            }
            return new Run(figures);
        } finally {
            Files.deleteIfExists(script);
        }
    }

    private ProcessBuilder command(List<String> args) {
        List<String> cmd = new ArrayList<>();
        cmd.add(python);
        cmd.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(cmd);
        if (gipcDir != null) {
            String old = pb.environment().get("PYTHONPATH");
            pb.environment().put("PYTHONPATH", old == null || old.isEmpty() ? gipcDir : gipcDir + ":" + old);
        }
        return pb;
    }
}
