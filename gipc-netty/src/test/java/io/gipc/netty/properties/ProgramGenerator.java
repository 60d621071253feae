package io.gipc.netty.properties;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Draws a {@link Program} from a seed: random puts, gets of every kind, cancels, waits and closes on one pipe, in a
 * random order. Each step is chosen among those that make sense at that point, as far as a {@link LaneForecast}
 * can tell without knowing the timing: the program only waits for what surely ends, and states an expected
 * outcome only where it is certain (an expiring get, a withdrawn cancel, a close that must succeed or must be
 * refused). Ends are closed at random points, after the steps that make them idle.
 */
final class ProgramGenerator {
    /** Bytes a program may send in all; after that its messages are small. */
    static final int BYTE_BUDGET = 6 << 20;
    /** The longest program, not counting the steps that make an end idle before it is closed. */
    static final int MAX_STEPS = 60;

    private final Random random;
    private final PipeKind kind;
    private final Map<End, LaneForecast> lanesByWriter = new EnumMap<>(End.class);
    private final Set<End> closed = EnumSet.noneOf(End.class);
    private final List<Step> steps = new ArrayList<>();
    private long bytes;

    private ProgramGenerator(Random random, PipeKind kind) {
        this.random = random;
        this.kind = kind;
        for (End e : End.values()) {
            if (kind.writes(e)) {
                lanesByWriter.put(e, new LaneForecast());
            }
        }
    }

    /**
     * The program of a seed.
     *
     * @param seed any number
     * @return the same program for the same seed
     */
    static Program draw(long seed) {
        Random random = new Random(seed);
        PipeKind kind = PipeKind.values()[random.nextInt(PipeKind.values().length)];
        ProgramGenerator g = new ProgramGenerator(random, kind);
        int length = 5 + random.nextInt(MAX_STEPS - 4);
        while (g.steps.size() < length && g.closed.size() < 2) {
            g.addRandomStep();
        }
        if (g.closed.size() < 2 && random.nextInt(4) == 0) {
            g.closeWhateverIsPending();
        }
        return new Program(seed, kind, List.copyOf(g.steps));
    }

    /** A step drawn with a weight among those possible now. */
    private void addRandomStep() {
        Choices choices = new Choices();
        for (End e : End.values()) {
            if (closed.contains(e)) {
                choices.add(3, () -> useClosed(e));
                continue;
            }
            if (kind.writes(e)) {
                choices.add(30, () -> put(e));
            }
            if (kind.reads(e)) {
                LaneForecast lane = readLane(e);
                choices.add(14, () -> get(e, GetKind.WAIT));
                choices.add(10, () -> get(e, GetKind.SHORT));
                if (lane.messageSureForNextGet()) {
                    choices.add(5, () -> get(e, GetKind.LONG));
                }
                if (lane.nothingCanComeForNextGet()) {
                    choices.add(4, () -> get(e, GetKind.EXPIRING));
                }
                if (lane.anyGetSurelyPending()) {
                    choices.add(3, () -> steps.add(new Step.Close(e, Step.Close.Expect.LOCKED)));
                }
            }
            choices.add(3, () -> closeAtThisPoint(e));
        }
        for (Map.Entry<End, LaneForecast> entry : lanesByWriter.entrySet()) {
            End writer = entry.getKey();
            LaneForecast lane = entry.getValue();
            if (lane.gets() > 0) {
                choices.add(8, () -> cancelGet(writer.other(), pick(lane.gets())));
            }
            if (lane.puts() > 0) {
                choices.add(3, () -> steps.add(new Step.CancelPut(writer, pick(lane.puts()))));
            }
            List<Integer> awaitableGets = new ArrayList<>();
            for (int id : lane.openGets()) {
                if (lane.getWillEnd(id)) {
                    awaitableGets.add(id);
                }
            }
            if (!awaitableGets.isEmpty()) {
                choices.add(8, () -> awaitGet(writer.other(), awaitableGets.get(pick(awaitableGets.size()))));
            }
            List<Integer> awaitablePuts = new ArrayList<>();
            for (int seq : lane.openPuts()) {
                if (lane.putWillEnd(seq)) {
                    awaitablePuts.add(seq);
                }
            }
            if (!awaitablePuts.isEmpty()) {
                choices.add(6, () -> awaitPut(writer, awaitablePuts.get(pick(awaitablePuts.size()))));
            }
        }
        choices.pickAndRun();
    }

    private void put(End writer) {
        int size = bytes < BYTE_BUDGET ? MessageSizes.draw(random) : MessageSizes.small(random);
        bytes += size;
        steps.add(new Step.Put(writer, writeLane(writer).addPut(), size));
    }

    private void get(End reader, GetKind getKind) {
        int timeout = getKind == GetKind.SHORT
                ? 1 + random.nextInt(20)
                : getKind == GetKind.EXPIRING ? 1 + random.nextInt(10) : 0;
        steps.add(new Step.Get(reader, readLane(reader).addGet(getKind), getKind, timeout));
    }

    private void cancelGet(End reader, int id) {
        LaneForecast lane = readLane(reader);
        steps.add(new Step.CancelGet(reader, id, lane.getSurelyPending(id)));
        lane.getCancelled(id);
    }

    private void awaitGet(End reader, int id) {
        steps.add(new Step.AwaitGet(reader, id));
        readLane(reader).getAwaited(id);
    }

    private void awaitPut(End writer, int seq) {
        steps.add(new Step.AwaitPut(writer, seq));
        writeLane(writer).putAwaited(seq);
    }

    /**
     * Closes an end at a random point: first its gets end (cancelled, or waited for when its writer is closed),
     * then its puts (waited for, after enough gets on the other end to read them), then {@code close()}, which
     * must succeed.
     */
    private void closeAtThisPoint(End end) {
        if (kind.reads(end)) {
            LaneForecast lane = readLane(end);
            for (int id : lane.openGets()) {
                if (lane.getWillEnd(id) && random.nextBoolean()) {
                    awaitGet(end, id);
                } else {
                    cancelGet(end, id);
                }
            }
        }
        if (kind.writes(end)) {
            LaneForecast lane = writeLane(end);
            for (int seq : lane.openPuts()) {
                while (!lane.putWillEnd(seq)) {
                    get(end.other(), GetKind.WAIT);
                }
                awaitPut(end, seq);
            }
        }
        steps.add(new Step.Close(end, Step.Close.Expect.CLOSES));
        markClosed(end);
    }

    /** The last step, now and then: close() of an end whatever is pending on it; the run judges the outcome. */
    private void closeWhateverIsPending() {
        End end = closed.contains(End.A) ? End.B : closed.contains(End.B) ? End.A : End.values()[random.nextInt(2)];
        steps.add(new Step.Close(end, Step.Close.Expect.EITHER));
    }

    private void useClosed(End end) {
        List<Step.UseClosed.Use> uses = new ArrayList<>();
        uses.add(Step.UseClosed.Use.CLOSE);
        if (kind.writes(end)) {
            uses.add(Step.UseClosed.Use.PUT);
        }
        if (kind.reads(end)) {
            uses.add(Step.UseClosed.Use.GET);
            uses.add(Step.UseClosed.Use.TIMED_GET);
        }
        steps.add(new Step.UseClosed(end, uses.get(pick(uses.size()))));
    }

    private void markClosed(End end) {
        closed.add(end);
        if (kind.writes(end)) {
            writeLane(end).writerClosed();
        }
        if (kind.reads(end)) {
            readLane(end).readerClosed();
        }
    }

    private LaneForecast writeLane(End writer) {
        return lanesByWriter.get(writer);
    }

    private LaneForecast readLane(End reader) {
        return lanesByWriter.get(reader.other());
    }

    private int pick(int n) {
        return random.nextInt(n);
    }

    /** Weighted choices among the steps possible now. */
    private final class Choices {
        private final List<Integer> weights = new ArrayList<>();
        private final List<Runnable> actions = new ArrayList<>();
        private int total;

        void add(int weight, Runnable action) {
            weights.add(weight);
            actions.add(action);
            total += weight;
        }

        void pickAndRun() {
            int r = random.nextInt(total);
            for (int i = 0; ; i++) {
                r -= weights.get(i);
                if (r < 0) {
                    actions.get(i).run();
                    return;
                }
            }
        }
    }
}
