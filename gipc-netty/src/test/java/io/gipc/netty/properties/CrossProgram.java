package io.gipc.netty.properties;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

/**
 * A program for two processes, drawn from a seed that both know: the parent draws it to run its side and passes
 * the seed to the child, which draws the same program to run the other side. One side writes a fixed script of
 * puts (random sizes, with waits and cancels between them); the other reads in rounds of random gets (some timed,
 * some cancelled, {@link CrossReader}) until it has what it wants, and may close its end early.
 *
 * @param seed the seed
 * @param kind the pipe, simplex
 * @param mode who writes and who reads
 * @param sizes the sizes of the messages the writer sends, in order
 * @param readerStopsAfter -1 if the reader reads to the end of the stream; else it closes its end as soon as it
 *                         has at least this many messages, while the writer may still be sending
 * @param handOverAfter in {@link Mode#READER_CHANGES_HANDS}, how many messages the parent reads at least before it
 *                      hands the reader over; else -1
 * @param writerSteps the writer's script
 * @param readerSeed the seed of the reader's rounds
 */
record CrossProgram(
        long seed,
        PipeKind kind,
        Mode mode,
        List<Integer> sizes,
        int readerStopsAfter,
        int handOverAfter,
        List<Step> writerSteps,
        long readerSeed) {

    /** Who writes and who reads. */
    enum Mode {
        /** The child writes, the parent reads. */
        CHILD_WRITES,
        /** The parent writes, the child reads. */
        CHILD_READS,
        /**
         * The parent writes (on a thread of its own) and begins to read; then it hands the reader, with whatever it
         * has received and not delivered yet, to a child, which reads the rest.
         */
        READER_CHANGES_HANDS
    }

    /** Bytes one program may send in all: a child start costs enough time already. */
    static final int BYTE_BUDGET = 3 << 20;

    /**
     * The program of a seed.
     *
     * @param seed any number
     * @return the same program for the same seed, in any JVM
     */
    static CrossProgram draw(long seed) {
        Random random = new Random(seed);
        PipeKind kind = random.nextBoolean() ? PipeKind.RAW_PIPE : PipeKind.CODEC_PIPE;
        Mode mode = Mode.values()[random.nextInt(Mode.values().length)];
        int count = 2 + random.nextInt(15);
        List<Integer> sizes = new ArrayList<>();
        long bytes = 0;
        for (int i = 0; i < count; i++) {
            int size = bytes < BYTE_BUDGET ? MessageSizes.draw(random) : MessageSizes.small(random);
            sizes.add(size);
            bytes += size;
        }
        boolean handOver = mode == Mode.READER_CHANGES_HANDS;
        int readerStopsAfter = !handOver && random.nextInt(4) == 0 ? random.nextInt(count) : -1;
        int handOverAfter = handOver ? random.nextInt(count) : -1;
        List<Step> steps = new ArrayList<>();
        for (int seq = 0; seq < count; seq++) {
            steps.add(new Step.Put(End.A, seq, sizes.get(seq)));
            if (random.nextInt(5) == 0) {
                steps.add(new Step.AwaitPut(End.A, random.nextInt(seq + 1)));
            }
            if (random.nextInt(8) == 0) {
                steps.add(new Step.CancelPut(End.A, random.nextInt(seq + 1)));
            }
        }
        return new CrossProgram(
                seed,
                kind,
                mode,
                List.copyOf(sizes),
                readerStopsAfter,
                handOverAfter,
                List.copyOf(steps),
                random.nextLong());
    }

    long laneSeed() {
        return seed * 31;
    }

    byte[] payload(int seq) {
        return Payloads.of(laneSeed(), seq, sizes.get(seq));
    }

    boolean readerStopsEarly() {
        return readerStopsAfter >= 0;
    }

    /** The writer's script as a program, for reports. */
    Program writerProgram() {
        return new Program(seed, kind, writerSteps);
    }

    /** @return the program in a few lines, without the writer's script */
    String summary() {
        String start = "seed " + seed + ", " + kind + " across a process: ";
        String count = sizes.size() + " messages " + sizes;
        switch (mode) {
            case CHILD_WRITES:
                return start + "the child writes " + count + ", the parent reads " + reading();
            case CHILD_READS:
                return start + "the parent writes " + count + ", the child reads " + reading();
            default:
                return start + "the parent writes " + count + " on a thread of its own and reads at least "
                        + handOverAfter + " of them, then hands the reader to a child, which reads the rest";
        }
    }

    private String reading() {
        return readerStopsEarly()
                ? "at least " + readerStopsAfter + " of them and then closes its end"
                : "them to the end of the stream";
    }
}
