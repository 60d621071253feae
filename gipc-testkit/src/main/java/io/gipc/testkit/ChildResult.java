package io.gipc.testkit;

/**
 * How a child process run by {@link ChildProcesses} ended, and what it printed.
 *
 * @param name the child's {@link io.gipc.GProcess#name()}
 * @param pid its pid
 * @param exitCode its {@link io.gipc.GProcess#exitCode()}: 0 when the target returned, 1 when it threw,
 *        {@code n} for {@code System.exit(n)}, {@code -N} for death by signal {@code N}
 * @param stdout what it wrote to its standard output, decoded as UTF-8
 * @param stderr what it wrote to its standard error (a throwing target's stack trace, say), decoded as UTF-8
 */
public record ChildResult(String name, long pid, int exitCode, String stdout, String stderr) {}
