package io.gipc.netty.properties;

import io.gipc.GipcFuture;
import io.gipc.GipcWriter;
import java.util.ArrayList;
import java.util.List;
import org.opentest4j.AssertionFailedError;

/**
 * The writing side of a {@link CrossProgram}, in whichever process writes: runs the writer's script, waits for
 * every put, closes the writer and judges the puts: all succeed, unless the reader closed its end early, and then
 * only those after the messages it read may fail, with a broken pipe, and none after one that failed succeeds.
 */
final class CrossWriter {
    private final CrossProgram program;
    private final GipcWriter<byte[]> writer;
    private final List<LaneRecord.SentPut> puts = new ArrayList<>();
    private final String[] notes;

    private CrossWriter(CrossProgram program, GipcWriter<byte[]> writer) {
        this.program = program;
        this.writer = writer;
        this.notes = new String[program.writerSteps().size()];
    }

    /**
     * Writes as the program says, then closes the writer.
     *
     * @param program the program
     * @param writer the writing end
     * @param who "parent" or "child", for reports
     * @throws AssertionFailedError with the program and what each step did, if an invariant does not hold
     */
    static void write(CrossProgram program, GipcWriter<byte[]> writer, String who) {
        CrossWriter w = new CrossWriter(program, writer);
        try {
            w.run();
        } catch (AssertionError | RuntimeException e) {
            throw new AssertionFailedError(
                    "the writer (the " + who + ") found: " + e.getMessage() + "\n"
                            + program.summary() + "\nthe writer's script, each step with what it did:\n"
                            + program.writerProgram().describe(w::outcomeOf),
                    e);
        }
    }

    private void run() {
        for (int i = 0; i < program.writerSteps().size(); i++) {
            Step step = program.writerSteps().get(i);
            if (step instanceof Step.Put put) {
                GipcFuture<Void> future = writer.put(program.payload(put.seq()));
                puts.add(new LaneRecord.SentPut(put.seq(), put.size(), future, false));
            } else if (step instanceof Step.AwaitPut await) {
                Outcomes.awaitEnd(puts.get(await.seq()).future, "put #" + await.seq());
            } else if (step instanceof Step.CancelPut cancel) {
                GipcFuture<Void> future = puts.get(cancel.seq()).future;
                boolean cancelled = future.cancel(true);
                notes[i] = "returned " + cancelled;
                if (cancelled || future.isCancelled()) {
                    throw new AssertionFailedError("cancel() of put #" + cancel.seq() + " returned " + cancelled
                            + "; a put cannot be cancelled");
                }
            } else {
                throw new IllegalArgumentException("not a writer's step: " + step);
            }
        }
        puts.forEach(p -> Outcomes.awaitEnd(p.future, "put #" + p.seq));
        writer.close();
        Verdicts.checkPuts(
                puts,
                program.readerStopsEarly() ? program.readerStopsAfter() : puts.size(),
                program.readerStopsEarly());
    }

    private String outcomeOf(int index) {
        Step step = program.writerSteps().get(index);
        if (step instanceof Step.Put put) {
            return put.seq() < puts.size() ? Outcomes.describe(puts.get(put.seq()).future) : null;
        }
        return notes[index];
    }
}
