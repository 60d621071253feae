package io.gipc.netty.internal.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a JDK 25 AOT cache from the configuration a child recorded ({@code -XX:AOTMode=record}), once that child
 * has ended: runs {@code java -XX:AOTMode=create} with the child's class path and options, its output discarded, on
 * a daemon thread of its own, then hands the cache to {@link ClassDataCache} to publish. (The JDK's one-step
 * {@code -XX:AOTCacheOutput} would do the same from inside the child, printing to the child's stdout and stderr.)
 *
 * <p>The JVM's exit waits for a cache being made, up to {@link #AT_EXIT_S} seconds, so that a program that starts a
 * child and ends still leaves the cache for its next run; past that the making JVM is killed and its part left for
 * the cache's tidying.
 */
final class AotCacheBuild {
    private static final Logger LOG = LoggerFactory.getLogger(AotCacheBuild.class);
    /** How long a cache may take to make before it is given up. */
    private static final long LIMIT_S = 300;
    /** How long this JVM's exit waits for the caches being made. */
    static final long AT_EXIT_S = 20;
    /**
     * Options of the child that the making JVM must not get: they write files of the user's (a log, a recording)
     * or run an agent. None of them changes what the cache holds.
     */
    private static final List<String> NOT_FOR_MAKING = List.of(
            "-Xlog",
            "-verbose",
            "-Xloggc",
            "-XX:StartFlightRecording",
            "-XX:FlightRecorderOptions",
            "-javaagent",
            "-agentlib",
            "-agentpath",
            "-Xrun",
            "-Xdebug");

    private static final Set<AotCacheBuild> RUNNING = ConcurrentHashMap.newKeySet();
    private static volatile boolean hookAdded;

    private final Path java;
    private final CodeLayout code;
    private final List<String> options;
    private final Path configuration;
    private final Path cache;
    private final Path reference;
    private volatile Thread thread;
    private volatile Process making;

    /**
     * @param java the child's {@code java}
     * @param code the child's code
     * @param options the child's JVM options, without gipc's archive options
     * @param configuration where the child records its configuration
     * @param cache where the cache is made, before it is published
     * @param reference the key's reference file
     */
    AotCacheBuild(Path java, CodeLayout code, List<String> options, Path configuration, Path cache, Path reference) {
        this.java = java;
        this.code = code;
        this.options = List.copyOf(options);
        this.configuration = configuration;
        this.cache = cache;
        this.reference = reference;
    }

    /** The command that makes the cache. */
    List<String> command() {
        List<String> command = new ArrayList<>();
        command.add(java.toString());
        command.add("@" + ChildCommand.argFile(code));
        command.add("-XX:AOTMode=create");
        command.add(ClassDataCache.AOT_CONFIGURATION + configuration);
        command.add(ClassDataCache.AOT_USE + cache);
        command.add(ClassDataCache.AOT_QUIET);
        for (String option : options) {
            if (NOT_FOR_MAKING.stream().noneMatch(option::startsWith)) {
                command.add(option);
            }
        }
        return command;
    }

    /** Starts making the cache in the background. */
    void start() {
        try {
            addHookOnce();
        } catch (IllegalStateException e) { // this JVM is exiting: no time to make it
            ClassDataCache.aotCacheMade(reference, null);
            deleteQuietly(configuration);
            return;
        }
        Thread t = new Thread(this::make, "gipc-aot-cache");
        t.setDaemon(true);
        thread = t;
        RUNNING.add(this);
        t.start();
    }

    private void make() {
        Path made = null;
        try {
            Process p = new ProcessBuilder(command())
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .redirectError(ProcessBuilder.Redirect.DISCARD)
                    .start();
            making = p;
            p.getOutputStream().close();
            if (!p.waitFor(LIMIT_S, TimeUnit.SECONDS)) {
                p.destroyForcibly().waitFor();
                LOG.debug("making the AOT cache {} took over {} s: given up", cache, LIMIT_S);
            } else if (p.exitValue() == 0 && Files.isRegularFile(cache) && Files.size(cache) > 0) {
                made = cache;
            } else {
                LOG.debug("the AOT cache {} could not be made (exit {})", cache, p.exitValue());
            }
        } catch (IOException | RuntimeException e) {
            LOG.debug("cannot make the AOT cache {}: {}", cache, e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            ClassDataCache.aotCacheMade(reference, made);
            deleteQuietly(configuration);
            deleteQuietly(cache);
            RUNNING.remove(this);
        }
    }

    /** At this JVM's exit: waits for the caches being made, then kills what is still making one. */
    private static void awaitAll() {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(AT_EXIT_S);
        for (AotCacheBuild b : RUNNING) {
            Thread t = b.thread;
            try {
                long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
                if (t != null && left > 0) {
                    t.join(left);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        for (AotCacheBuild b : RUNNING) {
            Process p = b.making;
            if (p != null) {
                p.destroyForcibly();
            }
        }
    }

    private static synchronized void addHookOnce() {
        if (!hookAdded) {
            Runtime.getRuntime().addShutdownHook(new Thread(AotCacheBuild::awaitAll, "gipc-aot-cache-at-exit"));
            hookAdded = true;
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            LOG.debug("cannot delete {}: {}", file, e.toString());
        }
    }
}
