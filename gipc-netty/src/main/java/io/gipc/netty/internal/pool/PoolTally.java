package io.gipc.netty.internal.pool;

/** The pool's counters for {@code stats()}: guarded by the pool's lock. */
final class PoolTally {
    long completed;
    long failed;
    long workerRestarts;
}
