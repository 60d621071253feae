package io.gipc.netty.properties;

import io.gipc.GipcFuture;
import io.gipc.GipcReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * One run of a program on a real pipe: its two ends, what was done on each lane ({@link LaneRecord}), which ends
 * are closed, and notes on the finishing steps for the report. {@link ProgramRunner} runs the program's steps on
 * it, {@link Finishing} ends it.
 */
final class PipeRun {
    final PipeKind kind;
    final PipeKind.Ends ends;
    private final Map<End, LaneRecord> lanesByWriter = new EnumMap<>(End.class);
    private final Set<End> closed = EnumSet.noneOf(End.class);
    private final List<Supplier<String>> finishNotes = new ArrayList<>();
    private int drainGets;

    /**
     * Opens the pipe.
     *
     * @param program the program to run on it: its kind and seed
     */
    PipeRun(Program program) {
        this.kind = program.kind();
        this.ends = kind.open();
        for (End writer : End.values()) {
            if (kind.writes(writer)) {
                long payloadSeed = program.seed() * 31 + writer.ordinal();
                lanesByWriter.put(writer, new LaneRecord(kind.laneName(writer), payloadSeed));
            }
        }
    }

    /** @return the lanes, by the end that writes them */
    Map<End, LaneRecord> lanes() {
        return lanesByWriter;
    }

    LaneRecord writeLane(End writer) {
        return lanesByWriter.get(writer);
    }

    LaneRecord readLane(End reader) {
        return lanesByWriter.get(reader.other());
    }

    boolean isClosed(End end) {
        return closed.contains(end);
    }

    /** Records that an end closed; {@code whileTheProgramRan} if a step closed it, not the finishing. */
    void markClosed(End end, boolean whileTheProgramRan) {
        closed.add(end);
        if (kind.writes(end)) {
            writeLane(end).writerClosed = true;
        }
        if (kind.reads(end) && whileTheProgramRan) {
            readLane(end).readerClosed = true;
        }
    }

    /** @return the futures of an end (its puts and gets) that have not ended */
    List<CompletableFuture<?>> pendingFutures(End end) {
        List<CompletableFuture<?>> pending = new ArrayList<>();
        if (kind.writes(end)) {
            writeLane(end).puts.stream()
                    .map(p -> p.future)
                    .filter(f -> !f.isDone())
                    .forEach(pending::add);
        }
        if (kind.reads(end)) {
            readLane(end).gets.stream()
                    .map(g -> g.future)
                    .filter(f -> !f.isDone())
                    .forEach(pending::add);
        }
        return pending;
    }

    /** Issues a get on an end and records it on the lane it reads. */
    LaneRecord.IssuedGet issueGet(End reader, String label, GetKind getKind, int timeoutMillis) {
        GipcReader<byte[]> r = ends.reader(reader);
        GipcFuture<byte[]> future;
        switch (getKind) {
            case WAIT:
                future = r.get();
                break;
            case LONG:
                future = r.get(GetKind.LONG_TIMEOUT);
                break;
            default:
                future = r.get(Duration.ofMillis(timeoutMillis));
        }
        LaneRecord.IssuedGet issued = new LaneRecord.IssuedGet(label, getKind, future);
        readLane(reader).gets.add(issued);
        return issued;
    }

    /** A plain get() of the finishing, named d0, d1, ... */
    LaneRecord.IssuedGet issueDrainGet(End reader) {
        LaneRecord.IssuedGet get = issueGet(reader, "d" + drainGets++, GetKind.WAIT, 0);
        note(() -> kind.name(reader) + ": " + get.label + " = get()  =>  " + Outcomes.describe(get.future));
        return get;
    }

    /** cancel() of a get: true exactly when it withdrew the get, and either way the future has ended. */
    static String cancelGet(LaneRecord.IssuedGet get, boolean mustWithdraw) {
        boolean endedBefore = get.future.isDone();
        String before = Outcomes.describe(get.future);
        boolean cancelled = get.future.cancel(true);
        if (!get.future.isDone()) {
            throw new AssertionFailedError(
                    "cancel() of " + get.label + " returned " + cancelled + " but the future has not ended");
        }
        if (cancelled != get.future.isCancelled()) {
            throw new AssertionFailedError("cancel() of " + get.label + " returned " + cancelled + " but the future "
                    + Outcomes.describe(get.future));
        }
        if (endedBefore && !before.equals(Outcomes.describe(get.future))) {
            throw new AssertionFailedError("cancel() of " + get.label + ", which had ended (" + before
                    + "), changed it to " + Outcomes.describe(get.future));
        }
        if (mustWithdraw && !cancelled) {
            throw new AssertionFailedError("cancel() of " + get.label + ", which nothing could have ended, returned"
                    + " false; the future " + Outcomes.describe(get.future));
        }
        if (cancelled && !endedBefore) {
            get.withdrawn = true;
        }
        return "returned " + cancelled;
    }

    /** Notes a finishing step for the report; the note is read when the report is written. */
    void note(Supplier<String> note) {
        finishNotes.add(note);
    }

    /** @return the notes of the finishing steps, as they read now */
    List<String> finishNotes() {
        List<String> notes = new ArrayList<>();
        finishNotes.forEach(n -> notes.add(n.get()));
        return notes;
    }
}
