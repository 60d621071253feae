package io.gipc.netty.properties;

import io.gipc.GipcEofException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.opentest4j.AssertionFailedError;

/**
 * The end of a {@link PipeRun}, after the program's last step, so that every lane can be judged whole: whatever
 * the program left pending is brought to an end without waiting for anything that might not come.
 */
final class Finishing {
    private Finishing() {}

    /**
     * Every message still unread is read (gets are added while messages are left); then the ends are closed in
     * turn (on a simplex pipe the writer first): an end whose writer is open has its pending gets cancelled, an end
     * whose writer is closed waits for them to end with end of stream and must see end of stream once more.
     */
    static void finish(PipeRun run) {
        for (Map.Entry<End, LaneRecord> lane : run.lanes().entrySet()) {
            if (run.isClosed(lane.getKey().other())) {
                lane.getValue().puts.forEach(p -> Outcomes.awaitEnd(p.future, "put #" + p.seq));
            } else {
                readEverything(run, lane.getKey().other(), lane.getValue());
            }
        }
        for (End end : End.values()) {
            if (run.isClosed(end)) {
                continue;
            }
            if (run.kind.reads(end)) {
                LaneRecord lane = run.readLane(end);
                if (lane.writerClosed) {
                    lane.gets.forEach(g -> Outcomes.awaitEnd(g.future, g.label));
                    expectEndOfStream(run, end);
                } else {
                    for (LaneRecord.IssuedGet g : lane.gets) {
                        if (!g.future.isDone()) {
                            String note =
                                    run.kind.name(end) + ": cancel " + g.label + ": " + PipeRun.cancelGet(g, false);
                            run.note(() -> note);
                        }
                    }
                }
            }
            try {
                run.ends.handle(end).close();
            } catch (RuntimeException e) {
                throw new AssertionFailedError(
                        "finishing: close() of the " + run.kind.name(end) + ", which has nothing" + " pending, threw "
                                + e,
                        e);
            }
            run.note(() -> run.kind.name(end) + ": closed");
            run.markClosed(end, false);
        }
    }

    /**
     * Gets until every put has ended and every message sent has been received; waits only for what must end.
     * Each future is looked at once per round, so that one ending meanwhile is not counted twice or not at all.
     */
    private static void readEverything(PipeRun run, End reader, LaneRecord lane) {
        for (int round = 0; ; round++) {
            List<CompletableFuture<?>> pendingPuts = new ArrayList<>();
            int messages = 0;
            for (LaneRecord.SentPut p : lane.puts) {
                boolean ended = p.future.isDone();
                if (!ended) {
                    pendingPuts.add(p.future);
                }
                if (!ended || Outcomes.failure(p.future) == null) {
                    messages++; // sent, or being sent: the reader is open, so it will be
                }
            }
            List<CompletableFuture<?>> pendingGets = new ArrayList<>();
            int received = 0;
            for (LaneRecord.IssuedGet g : lane.gets) {
                if (!g.future.isDone()) {
                    pendingGets.add(g.future);
                } else if (Outcomes.failure(g.future) == null) {
                    received++;
                }
            }
            if (pendingPuts.isEmpty() && received >= messages) {
                return;
            }
            if (round > 10_000) {
                throw new AssertionFailedError("finishing " + lane.name + ": " + pendingPuts.size() + " puts still"
                        + " pending and " + received + " of " + messages + " messages received after 10,000 rounds");
            }
            if (pendingGets.isEmpty() && received < messages) {
                LaneRecord.IssuedGet last = lane.gets.isEmpty() ? null : lane.gets.get(lane.gets.size() - 1);
                if (last != null && last.label.startsWith("d") && Outcomes.failure(last.future) != null) {
                    throw new AssertionFailedError("finishing " + lane.name + ": " + last.label + " was issued while "
                            + (messages - received) + " of " + messages + " messages were unread, but it "
                            + Outcomes.describe(last.future));
                }
                pendingGets.add(run.issueDrainGet(reader).future);
            }
            List<CompletableFuture<?>> any = new ArrayList<>(pendingGets);
            if (!pendingPuts.isEmpty()) {
                any.add(CompletableFuture.allOf(pendingPuts.toArray(CompletableFuture[]::new)));
            }
            Outcomes.awaitEnd(
                    CompletableFuture.anyOf(any.toArray(CompletableFuture[]::new)),
                    "finishing " + lane.name + ": every pending get and put");
        }
    }

    private static void expectEndOfStream(PipeRun run, End reader) {
        LaneRecord.IssuedGet get = run.issueDrainGet(reader);
        Outcomes.awaitEnd(get.future, get.label);
        if (!(Outcomes.failure(get.future) instanceof GipcEofException)) {
            throw new AssertionFailedError(get.label + ", issued once every message was read and the writer was"
                    + " closed, must end with GipcEofException but it " + Outcomes.describe(get.future));
        }
    }
}
