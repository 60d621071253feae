package io.gipc.netty.properties;

import io.gipc.Gipc;
import io.gipc.GipcClosedException;
import io.gipc.GipcFuture;
import io.gipc.GipcHandle;
import io.gipc.GipcLockedException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import org.opentest4j.AssertionFailedError;

/**
 * Runs a {@link Program} on a real pipe in this JVM ({@link PipeRun}), one step after the other on the calling
 * thread, and checks what it can at once: what a step states it must do, and that an end none of whose operations
 * is pending is not locked. Then {@link Finishing} ends the run, each lane is judged whole ({@link Verdicts}), and
 * no handle may be left open. A failure is reported with the seed and the program, each step with what it did.
 */
final class ProgramRunner {
    private final Program program;
    private final PipeRun pipe;
    private final String[] notes;

    private ProgramRunner(Program program) {
        this.program = program;
        this.pipe = new PipeRun(program);
        this.notes = new String[program.steps().size()];
    }

    /**
     * Runs a program and checks every invariant.
     *
     * @param program the program
     * @throws AssertionFailedError naming the seed and showing the program if an invariant does not hold
     */
    static void run(Program program) {
        Set<GipcHandle> before = identitySet(Gipc.openHandles());
        ProgramRunner run = new ProgramRunner(program);
        try {
            for (int i = 0; i < program.steps().size(); i++) {
                run.execute(i, program.steps().get(i));
                run.checkIdleEndsAreUnlocked("after step " + (i + 1));
            }
            Finishing.finish(run.pipe);
            run.judge();
            run.checkNoHandleLeft(before);
        } catch (AssertionError | RuntimeException e) {
            String report = run.report(e); // the state at the failure, before the cleanup changes it
            run.closeWhatCanBeClosed();
            throw new AssertionFailedError(report, e);
        }
    }

    private void execute(int index, Step step) {
        if (step instanceof Step.Put put) {
            LaneRecord lane = pipe.writeLane(put.end());
            byte[] payload = Payloads.of(lane.payloadSeed, put.seq(), put.size());
            GipcFuture<Void> future = pipe.ends.writer(put.end()).put(payload);
            lane.puts.add(new LaneRecord.SentPut(put.seq(), put.size(), future, lane.readerClosed));
        } else if (step instanceof Step.Get get) {
            LaneRecord.IssuedGet issued = pipe.issueGet(get.end(), "g" + get.id(), get.getKind(), get.timeoutMillis());
            if (get.getKind() == GetKind.EXPIRING) {
                Outcomes.awaitEnd(issued.future, issued.label);
                Throwable failure = Outcomes.failure(issued.future);
                if (!(failure instanceof TimeoutException)) {
                    throw new AssertionFailedError(
                            issued.label + " had nothing coming and must time out, but it "
                                    + Outcomes.describe(issued.future) + (failure == null ? "" : ": " + failure),
                            failure);
                }
            }
        } else if (step instanceof Step.CancelGet cancel) {
            LaneRecord.IssuedGet get = pipe.readLane(cancel.end()).gets.get(cancel.id());
            notes[index] = PipeRun.cancelGet(get, cancel.mustWithdraw());
        } else if (step instanceof Step.CancelPut cancel) {
            GipcFuture<Void> put = pipe.writeLane(cancel.end()).puts.get(cancel.seq()).future;
            boolean cancelled = put.cancel(true);
            notes[index] = "returned " + cancelled;
            if (cancelled || put.isCancelled()) {
                throw new AssertionFailedError(
                        "cancel() of put #" + cancel.seq() + " returned " + cancelled + "; a put cannot be cancelled");
            }
        } else if (step instanceof Step.AwaitGet await) {
            LaneRecord.IssuedGet get = pipe.readLane(await.end()).gets.get(await.id());
            Outcomes.awaitEnd(get.future, get.label);
        } else if (step instanceof Step.AwaitPut await) {
            Outcomes.awaitEnd(pipe.writeLane(await.end()).puts.get(await.seq()).future, "put #" + await.seq());
        } else if (step instanceof Step.Close close) {
            notes[index] = close(close.end(), close.expect());
        } else if (step instanceof Step.UseClosed use) {
            notes[index] = useClosed(use.end(), use.use());
        } else {
            throw new IllegalArgumentException("unknown step " + step);
        }
    }

    private String close(End end, Step.Close.Expect expect) {
        GipcHandle handle = pipe.ends.handle(end);
        String name = "close() of the " + pipe.kind.name(end);
        List<CompletableFuture<?>> pendingBefore = pipe.pendingFutures(end);
        try {
            handle.close();
        } catch (GipcLockedException e) {
            if (expect == Step.Close.Expect.CLOSES || pendingBefore.isEmpty()) {
                throw new AssertionFailedError(name + " threw " + e + ", but nothing of it was pending", e);
            }
            if (handle.isClosed()) {
                throw new AssertionFailedError(name + " threw GipcLockedException, yet isClosed() answers true");
            }
            return "threw GipcLockedException";
        }
        if (expect == Step.Close.Expect.LOCKED) {
            throw new AssertionFailedError(name + " closed it, but a get() of it was surely pending");
        }
        if (!handle.isClosed()) {
            throw new AssertionFailedError(name + " returned, but isClosed() is false");
        }
        pipe.markClosed(end, true);
        return "closed";
    }

    /** Every operation on a closed handle throws GipcClosedException from the call itself (docs/api.md, Pipes 4). */
    private String useClosed(End end, Step.UseClosed.Use use) {
        GipcHandle handle = pipe.ends.handle(end);
        if (!handle.isClosed()) {
            throw new AssertionFailedError("the " + pipe.kind.name(end) + " was closed, yet isClosed() is false");
        }
        Supplier<Object> call;
        switch (use) {
            case PUT:
                call = () -> pipe.ends.writer(end).put(new byte[1]);
                break;
            case GET:
                call = () -> pipe.ends.reader(end).get();
                break;
            case TIMED_GET:
                call = () -> pipe.ends.reader(end).get(GetKind.LONG_TIMEOUT);
                break;
            default:
                call = () -> {
                    handle.close();
                    return "nothing";
                };
        }
        Object returned;
        try {
            returned = call.get();
        } catch (GipcClosedException expected) {
            return "threw GipcClosedException";
        }
        String what = returned instanceof CompletableFuture
                ? "a future that " + Outcomes.describe((CompletableFuture<?>) returned)
                : String.valueOf(returned);
        throw new AssertionFailedError(use + " on the closed " + pipe.kind.name(end) + " returned " + what
                + " instead of throwing GipcClosedException");
    }

    /**
     * A handle is locked exactly while one of its futures is pending (docs/api.md, Futures), and the one who ends an
     * operation unlocks the handle before completing the future: an end whose futures have all ended is unlocked.
     */
    private void checkIdleEndsAreUnlocked(String when) {
        for (End end : End.values()) {
            if (!pipe.isClosed(end)
                    && pipe.pendingFutures(end).isEmpty()
                    && pipe.ends.handle(end).isLocked()) {
                throw new AssertionFailedError(when + ": the " + pipe.kind.name(end) + " is locked although none of its"
                        + " operations is pending: " + pipe.ends.handle(end));
            }
        }
    }

    /** Judges each lane whole, now that everything has ended. */
    private void judge() {
        for (LaneRecord lane : pipe.lanes().values()) {
            int succeeded = (int) lane.puts.stream()
                    .filter(p -> Outcomes.failure(p.future) == null)
                    .count();
            Verdicts.Delivery delivery =
                    Verdicts.checkGets(lane.gets, lane.puts.size(), lane::payload, lane.writerClosed ? succeeded : -1);
            Verdicts.checkPuts(
                    lane.puts, lane.readerClosed ? delivery.messages() : lane.puts.size(), lane.readerClosed);
            if (!lane.readerClosed && delivery.messages() != lane.puts.size()) {
                throw new AssertionFailedError(lane.name + ": " + lane.puts.size() + " messages were sent and the"
                        + " reader read until end of stream, but " + delivery.messages() + " arrived");
            }
        }
    }

    private void checkNoHandleLeft(Set<GipcHandle> before) {
        List<GipcHandle> left = new ArrayList<>();
        for (GipcHandle h : Gipc.openHandles()) {
            if (!before.contains(h)) {
                left.add(h);
            }
        }
        if (!left.isEmpty()) {
            throw new AssertionFailedError("handles left open after every end was closed: " + left);
        }
    }

    /** After a failure: closes what is idle, so that the test kit's leak check has less to report. */
    private void closeWhatCanBeClosed() {
        for (End end : End.values()) {
            try {
                pipe.pendingFutures(end).forEach(f -> f.cancel(true));
                pipe.ends.handle(end).close();
            } catch (RuntimeException ignored) {
                // closed already, or a put is pending: the test kit closes it by force
            }
        }
    }

    private String report(Throwable failure) {
        StringBuilder sb = new StringBuilder();
        sb.append(failure instanceof AssertionError ? failure.getMessage() : failure.toString())
                .append('\n');
        sb.append("Rerun this case alone with -D")
                .append(Seeds.SEED_PROPERTY)
                .append('=')
                .append(program.seed())
                .append('\n');
        sb.append(program.describe(this::outcomeOf));
        List<String> finishing = pipe.finishNotes();
        if (!finishing.isEmpty()) {
            sb.append("finishing:\n");
            finishing.forEach(n -> sb.append("      ").append(n).append('\n'));
        }
        for (End end : End.values()) {
            sb.append(pipe.kind.name(end))
                    .append(" at the failure: ")
                    .append(pipe.ends.handle(end))
                    .append('\n');
        }
        return sb.toString();
    }

    private String outcomeOf(int index) {
        Step step = program.steps().get(index);
        if (step instanceof Step.Put put) {
            List<LaneRecord.SentPut> puts = pipe.writeLane(put.end()).puts;
            return put.seq() < puts.size() ? Outcomes.describe(puts.get(put.seq()).future) : null;
        }
        if (step instanceof Step.Get get) {
            List<LaneRecord.IssuedGet> gets = pipe.readLane(get.end()).gets;
            return get.id() < gets.size() ? Outcomes.describe(gets.get(get.id()).future) : null;
        }
        return notes[index];
    }

    private static Set<GipcHandle> identitySet(List<GipcHandle> handles) {
        Set<GipcHandle> set = Collections.newSetFromMap(new IdentityHashMap<>());
        set.addAll(handles);
        return set;
    }
}
