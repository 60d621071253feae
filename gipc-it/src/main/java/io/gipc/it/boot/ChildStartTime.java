package io.gipc.it.boot;

import io.gipc.GProcess;
import io.gipc.Gipc;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Times a child's start: {@code Gipc.startProcess} of an empty target to its exit, one child at a time, and prints
 * the median and the range in milliseconds. docs/platforms.md compares a Spring Boot executable jar with the same
 * application on a plain class path with it (the commands are there).
 *
 * <p>Arguments: the number of children timed (default 15), after 3 not counted.
 */
public final class ChildStartTime {
    private ChildStartTime() {}

    /**
     * @param args the number of children timed
     * @throws Exception any failure
     */
    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 15;
        for (int i = 0; i < 3; i++) {
            startAndJoin();
        }
        List<Double> millis = new ArrayList<>();
        for (int i = 0; i < runs; i++) {
            millis.add(startAndJoin());
        }
        Collections.sort(millis);
        System.out.printf(
                "child start to exit: median %.0f ms (min %.0f, max %.0f, %d children)%n",
                millis.get(millis.size() / 2), millis.get(0), millis.get(millis.size() - 1), runs);
    }

    private static double startAndJoin() throws Exception {
        long start = System.nanoTime();
        GProcess child = Gipc.startProcess(ChildStartTime::nothing);
        int code = child.join().get(60, TimeUnit.SECONDS);
        if (code != 0) {
            throw new IllegalStateException("the child exited with " + code);
        }
        return (System.nanoTime() - start) / 1e6;
    }

    static void nothing() {}
}
