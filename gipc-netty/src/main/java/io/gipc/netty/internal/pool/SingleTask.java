package io.gipc.netty.internal.pool;

/** A task given to {@code submit}: one message to a worker, one answer back. */
final class SingleTask extends PoolJob {
    private final WireMessages.Call call;
    private final PoolFuture<Object> future;

    SingleTask(WireMessages.Call call, PoolFuture<Object> future) {
        this.call = call;
        this.future = future;
        future.work(this);
    }

    @Override
    Object message() {
        return call;
    }

    @Override
    Object task() {
        return call.task();
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
