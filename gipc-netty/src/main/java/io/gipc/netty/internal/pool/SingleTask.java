package io.gipc.netty.internal.pool;

/** A task given to {@code submit}: one message to a worker, one answer back. */
final class SingleTask extends PoolJob {
    private final Object a;
    private final Object b;
    private final PoolFuture<Object> future;

    SingleTask(Object task, int taskNumber, Object a, Object b, PoolFuture<Object> future) {
        super(task, taskNumber);
        this.a = a;
        this.b = b;
        this.future = future;
        future.work(this);
    }

    @Override
    boolean plain() {
        return taskNumber() != TaskCatalog.NONE && plainValue(a) && plainValue(b);
    }

    @Override
    int plainBytes() {
        return plainBytes(a) + plainBytes(b);
    }

    @Override
    Object message(int number, Object task, int slot) {
        return new WireMessages.Call(number, task, a, b, slot);
    }

    @Override
    PoolFuture<?> future() {
        return future;
    }

    @Override
    Runnable answered(Object answer, PoolTally tally) {
        if (!future.claim()) {
            return null;
        }
        WireMessages.Outcome outcome = (WireMessages.Outcome) answer;
        if (outcome.failure() == null) {
            tally.completed++;
            Object value = outcome.value();
            return () -> future.succeedNow(value);
        }
        tally.failed++;
        return () -> future.failNow(outcome.failure());
    }

    @Override
    Runnable failed(Throwable failure, PoolTally tally) {
        if (!future.claim()) {
            return null;
        }
        tally.failed++;
        return () -> future.failNow(failure);
    }
}
