package io.gipc.netty.internal.pool;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One call of {@code map}: its inputs cut into batches, each batch one message to a worker, and the results put
 * back in input order. The first failure settles the whole future; batches still queued are then dropped by the
 * pool, and answers of batches still running are ignored.
 */
final class MapRun {
    private static final java.util.concurrent.atomic.AtomicLong IDS = new java.util.concurrent.atomic.AtomicLong();

    /** Tells its batches apart from other maps' in a worker. */
    private final long id = IDS.incrementAndGet();

    private final PoolFuture<List<Object>> future;
    private final Object task;
    private final int taskNumber;
    private final Object[] results;
    private final List<Batch> batches;
    private int batchesLeft;

    /**
     * Cuts the inputs into batches.
     *
     * @param task the task
     * @param taskNumber its number in the pool's {@link TaskCatalog}
     * @param inputs the inputs, at least one
     * @param batchSize inputs per batch, at least 1
     * @param future the future of the results
     */
    MapRun(Object task, int taskNumber, List<?> inputs, int batchSize, PoolFuture<List<Object>> future) {
        this.future = future;
        this.task = task;
        this.taskNumber = taskNumber;
        this.results = new Object[inputs.size()];
        this.batches = new ArrayList<>((inputs.size() + batchSize - 1) / batchSize);
        for (int from = 0; from < inputs.size(); from += batchSize) {
            int to = Math.min(inputs.size(), from + batchSize);
            batches.add(new Batch(from, new ArrayList<>(inputs.subList(from, to))));
        }
        this.batchesLeft = batches.size();
        future.work(this);
    }

    /**
     * The batch size for {@code inputs} inputs: about four batches per worker, as Python's {@code Pool.map}
     * picks its {@code chunksize}; one input per batch when each task is timed.
     *
     * @param inputs the number of inputs
     * @param workers the number of workers
     * @param timed whether a task timeout is set
     * @return inputs per batch
     */
    static int batchSize(int inputs, int workers, boolean timed) {
        if (timed) {
            return 1;
        }
        int batches = 4 * workers;
        return Math.max(1, (inputs + batches - 1) / batches);
    }

    List<Batch> batches() {
        return batches;
    }

    PoolFuture<List<Object>> future() {
        return future;
    }

    /** One batch of inputs. */
    final class Batch extends PoolJob {
        private final int from;
        private final List<Object> inputs;

        Batch(int from, List<Object> inputs) {
            super(task, taskNumber);
            this.from = from;
            this.inputs = inputs;
        }

        @Override
        Object message(int number, Object task, int slot) {
            return new WireMessages.Batch(number, task, inputs, slot, id);
        }

        @Override
        boolean plain() {
            if (taskNumber() == TaskCatalog.NONE) {
                return false;
            }
            for (Object input : inputs) {
                if (!plainValue(input)) {
                    return false;
                }
            }
            return true;
        }

        @Override
        int plainBytes() {
            int bytes = 0;
            for (Object input : inputs) {
                bytes += plainBytes(input);
            }
            return bytes;
        }

        @Override
        PoolFuture<?> future() {
            return future;
        }

        MapRun run() {
            return MapRun.this;
        }

        @Override
        Runnable answered(Object answer, PoolTally tally) {
            WireMessages.BatchOutcome outcome = (WireMessages.BatchOutcome) answer;
            tally.completed += outcome.results().size();
            if (outcome.failure() != null) {
                tally.failed++;
                return settleFailed(outcome.failure());
            }
            if (future.claimed()) {
                return null;
            }
            List<Object> got = outcome.results();
            for (int i = 0; i < got.size(); i++) {
                results[from + i] = got.get(i);
            }
            if (--batchesLeft > 0 || !future.claim()) {
                return null;
            }
            List<Object> all = new ArrayList<>(Arrays.asList(results));
            return () -> future.succeedNow(all);
        }

        @Override
        Runnable failed(Throwable failure, PoolTally tally) {
            tally.failed++;
            return settleFailed(failure);
        }

        private Runnable settleFailed(Throwable failure) {
            if (!future.claim()) {
                return null;
            }
            return () -> future.failNow(failure);
        }
    }
}
