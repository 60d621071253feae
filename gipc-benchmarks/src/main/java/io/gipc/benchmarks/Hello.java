package io.gipc.benchmarks;

import io.gipc.Gipc;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The bare child of the start-up benchmark: {@code java -cp <class path> io.gipc.benchmarks.Hello}. Given a file
 * name, it first writes the wall-clock time at which its main began there (for the start-up breakdown). Given
 * {@code --use-gipc} before the file, it first opens and closes a gipc pipe, then writes the time: what follows is
 * the exit of a JVM that used gipc.
 */
public final class Hello {
    private Hello() {}

    /**
     * Prints a greeting.
     *
     * @param args nothing, or the file to write the time to, after {@code --use-gipc} or not
     * @throws IOException if that file cannot be written
     */
    public static void main(String[] args) throws IOException {
        if (args.length == 2 && args[0].equals("--use-gipc")) {
            Gipc.pipe().close();
            stamp(args[1]);
        } else if (args.length == 1) {
            stamp(args[0]);
        }
        System.out.println("Hello");
    }

    /** Writes {@code System.currentTimeMillis()} to the file. */
    static void stamp(String file) throws IOException {
        Files.writeString(Path.of(file), Long.toString(System.currentTimeMillis()), StandardCharsets.US_ASCII);
    }
}
