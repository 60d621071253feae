package io.gipc.netty.properties;

import io.gipc.GipcEofException;
import io.gipc.GipcFuture;
import io.gipc.GipcReader;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.CancellationException;
import java.util.concurrent.TimeoutException;
import org.opentest4j.AssertionFailedError;

/**
 * The reading side of a {@link CrossProgram}, in whichever process reads. It reads in rounds drawn from the
 * program's reader seed: each round issues one to three gets of random kinds ({@code get()}, {@code get(a few
 * ms)}, {@code get(30 s)} when a message is sure to come), sometimes cancels one of them, and waits for all of
 * them. One get of each round is a plain {@code get()} that is never cancelled, so every round takes a message and
 * the reading ends. It stops when it has every message and end of stream; or, if the program says so, as soon as
 * it has enough messages, closing its end while the writer may still be writing, or handing it over. Then it
 * judges its gets.
 */
final class CrossReader {
    private final CrossProgram program;
    private final GipcReader<byte[]> reader;
    private final Random random;
    private final List<LaneRecord.IssuedGet> gets = new ArrayList<>();
    private final List<String> trace = new ArrayList<>();

    private CrossReader(CrossProgram program, GipcReader<byte[]> reader, long seed) {
        this.program = program;
        this.reader = reader;
        this.random = new Random(seed);
    }

    /**
     * Reads as the program says, then closes the reader.
     *
     * @param program the program
     * @param reader the reading end
     * @param who "parent" or "child", for reports
     * @throws AssertionFailedError with the program and the rounds as they went, if an invariant does not hold
     */
    static void read(CrossProgram program, GipcReader<byte[]> reader, String who) {
        int wanted = program.readerStopsEarly()
                ? program.readerStopsAfter()
                : program.sizes().size();
        new CrossReader(program, reader, program.readerSeed()).run(who, 0, wanted, !program.readerStopsEarly(), true);
    }

    /**
     * Reads the first part of the stream, at least {@link CrossProgram#handOverAfter()} messages, and leaves the
     * reader open and idle, to be handed over.
     *
     * @return how many messages it received
     */
    static int readFirstPart(CrossProgram program, GipcReader<byte[]> reader, String who) {
        return new CrossReader(program, reader, program.readerSeed())
                .run(who, 0, program.handOverAfter(), false, false);
    }

    /**
     * Reads the rest of the stream, from message {@code first} to the end, and closes the reader.
     *
     * @param first the number of the first message this reader must receive
     */
    static void readRest(CrossProgram program, GipcReader<byte[]> reader, int first, String who) {
        new CrossReader(program, reader, program.readerSeed() + 1)
                .run(who, first, program.sizes().size(), true, true);
    }

    /** Reads from message {@code first} until at least {@code wanted} have arrived; returns how many have. */
    private int run(String who, int first, int wanted, boolean toTheEnd, boolean close) {
        try {
            return read(first, wanted, toTheEnd, close);
        } catch (AssertionError | RuntimeException e) {
            StringBuilder sb = new StringBuilder("the reader (the " + who + ", from message #" + first + ") found: "
                    + e.getMessage() + "\n" + program.summary() + "\nthe reader's rounds, each get with how it"
                    + " ended:\n");
            trace.forEach(line -> sb.append("    ").append(line).append('\n'));
            sb.append("the writer's script:\n").append(program.writerProgram());
            throw new AssertionFailedError(sb.toString(), e);
        }
    }

    private int read(int first, int wanted, boolean toTheEnd, boolean close) {
        int count = program.sizes().size();
        int received = first;
        boolean ended = false;
        while (received < wanted && !ended) {
            List<LaneRecord.IssuedGet> round = round(received, count);
            received += (int) round.stream()
                    .filter(g -> Outcomes.failure(g.future) == null)
                    .count();
            ended = round.stream().anyMatch(g -> !expectedFailure(Outcomes.failure(g.future)));
        }
        if (toTheEnd && !ended) {
            LaneRecord.IssuedGet last = issue(GetKind.WAIT);
            Outcomes.awaitEnd(last.future, last.label);
            trace.add(last.label + " = get() once every message arrived => " + Outcomes.describe(last.future));
            if (!(Outcomes.failure(last.future) instanceof GipcEofException)) {
                throw new AssertionFailedError(last.label + ", issued once every message arrived, must end with"
                        + " GipcEofException once the writer closes, but it " + Outcomes.describe(last.future));
            }
        }
        if (close) {
            reader.close();
            trace.add("close() of the reader");
        }
        Verdicts.checkGets(gets, count - first, i -> program.payload(first + i), count - first);
        return received;
    }

    /** One round: a few gets, maybe a cancel, then a wait for all of them. */
    private List<LaneRecord.IssuedGet> round(int received, int count) {
        int size = 1 + random.nextInt(3);
        int anchor = random.nextInt(size);
        List<LaneRecord.IssuedGet> round = new ArrayList<>();
        StringBuilder line = new StringBuilder("round with " + received + " received: ");
        for (int i = 0; i < size; i++) {
            GetKind kind = i == anchor ? GetKind.WAIT : drawKind(received + i < count);
            LaneRecord.IssuedGet g = issue(kind);
            round.add(g);
            line.append(g.label).append(" = ").append(kind).append(", ");
        }
        if (size > 1 && random.nextInt(3) == 0) {
            LaneRecord.IssuedGet victim = round.get((anchor + 1 + random.nextInt(size - 1)) % size);
            if (random.nextBoolean()) {
                Outcomes.awaitEnd(round.get(anchor).future, round.get(anchor).label);
                line.append("after ").append(round.get(anchor).label).append(" ended ");
            }
            boolean endedBefore = victim.future.isDone();
            boolean cancelled = victim.future.cancel(true);
            line.append("cancel ")
                    .append(victim.label)
                    .append(" returned ")
                    .append(cancelled)
                    .append(", ");
            if (!victim.future.isDone() || cancelled != victim.future.isCancelled()) {
                throw new AssertionFailedError("cancel() of " + victim.label + " returned " + cancelled
                        + " but the future " + Outcomes.describe(victim.future));
            }
            victim.withdrawn = cancelled && !endedBefore;
        }
        for (LaneRecord.IssuedGet g : round) {
            Outcomes.awaitEnd(g.future, g.label);
            line.append(g.label)
                    .append(" => ")
                    .append(Outcomes.describe(g.future))
                    .append("; ");
        }
        trace.add(line.toString());
        return round;
    }

    /** A get that may time out, or {@code get(30 s)} when a message is sure to come for it. */
    private GetKind drawKind(boolean messageSure) {
        int p = random.nextInt(10);
        if (p < 4) {
            return GetKind.WAIT;
        }
        return p < 8 || !messageSure ? GetKind.SHORT : GetKind.LONG;
    }

    private LaneRecord.IssuedGet issue(GetKind kind) {
        GipcFuture<byte[]> future = kind == GetKind.WAIT
                ? reader.get()
                : kind == GetKind.LONG
                        ? reader.get(GetKind.LONG_TIMEOUT)
                        : reader.get(Duration.ofMillis(1 + random.nextInt(20)));
        LaneRecord.IssuedGet g = new LaneRecord.IssuedGet("g" + gets.size(), kind, future);
        gets.add(g);
        return g;
    }

    /** What a round's get may end with while the reading goes on: a message, a timeout, a cancellation. */
    private static boolean expectedFailure(Throwable failure) {
        return failure == null || failure instanceof TimeoutException || failure instanceof CancellationException;
    }
}
