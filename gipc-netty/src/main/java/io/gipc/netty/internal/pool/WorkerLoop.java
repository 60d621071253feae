package io.gipc.netty.internal.pool;

import io.gipc.GipcCodecException;
import io.gipc.GipcDuplex;
import io.gipc.GipcEofException;
import io.gipc.GipcException;
import io.gipc.GipcFuture;
import io.gipc.GipcHandle;
import io.gipc.GipcTarget0;
import io.gipc.GipcTask0;
import io.gipc.GipcTask1;
import io.gipc.GipcTask2;
import io.gipc.netty.internal.codec.DefaultCodec;
import io.gipc.netty.internal.codec.HandleSink;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutionException;

/**
 * What a pool's worker runs: the target of the child, on its main thread. It runs the initializer, says
 * {@link WireMessages.Signal#READY}, then runs the tasks it is sent, in order, one at a time (a task the pool
 * withdrew in the {@link ClaimBoard} before it started is skipped), and answers each through
 * {@link WorkerAnswers} (several in one message while more tasks are in hand), until
 * {@link WireMessages.Signal#STOP} or the end of the stream (the pool is gone): then it returns, and the launcher
 * writes out the last answer and exits with 0. An initializer that throws is reported
 * with {@link WireMessages.InitFailed} and then rethrown, so the worker exits with 1 and prints it.
 *
 * <p>Blocking here is fine: this is the child's main thread, not one of its event loops.
 */
final class WorkerLoop {
    private WorkerLoop() {}

    /**
     * The worker's target.
     *
     * @param pipe the worker's end of its duplex pipe to the pool
     * @param initializer run first, or null
     * @param claims the path of the worker's {@link ClaimBoard}, which the pool deletes once this said READY
     * @throws Exception the initializer's failure, after it was reported
     */
    static void run(GipcDuplex<Object> pipe, GipcTarget0 initializer, String claims) throws Exception {
        // A Ctrl-C at a terminal reaches every process of the foreground group, workers included: the pool's JVM
        // takes it and shuts the pool down gracefully, which a worker killed by it would defeat (its task failing
        // with exit code -2, and a replacement started while the JVM exits). A worker still ends with its parent.
        sun.misc.Signal.handle(new sun.misc.Signal("INT"), sun.misc.SignalHandler.SIG_IGN);
        ClaimBoard board = ClaimBoard.open(claims);
        if (initializer != null) {
            try {
                initializer.run();
            } catch (Throwable t) {
                t.getStackTrace(); // the codec carries a stack trace only once it was filled in
                reply(
                        pipe,
                        new WireMessages.InitFailed(t),
                        e -> new WireMessages.InitFailed(unshippable("the initializer's failure", t, e)));
                throw t;
            }
        }
        pipe.put(WireMessages.Signal.READY);
        KeptTasks tasks = new KeptTasks();
        WorkerAnswers answers = new WorkerAnswers(pipe);
        // Messages that came several in one, not taken yet.
        ArrayDeque<Object> inHand = new ArrayDeque<>();
        boolean answersMayWait = false;
        long failedMap = 0; // map ids start at 1
        while (true) {
            Object message = inHand.poll();
            if (message == null) {
                answers.flush(); // nothing more in hand: every answer goes before this waits
                // Asked only now, after the answers were put, not while the last task ran: a message already
                // there is then read on this thread at once, without the event loop reading it and handing it
                // over (a get pending on the loop would make it do that for every task sent ahead).
                try {
                    message = pipe.get().get();
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof GipcEofException) {
                        return; // the pool closed its end: nothing more will come
                    }
                    if (e.getCause() instanceof GipcCodecException) {
                        // The message was read whole but cannot be rebuilt here (a class missing from the
                        // worker's class path, say): its tasks fail with the reason.
                        answers.send(new WireMessages.Unreadable(e.getCause().getMessage()), null, false);
                        continue;
                    }
                    throw e;
                }
                if (message == WireMessages.Signal.STOP) {
                    return;
                }
                answersMayWait = false;
                if (message instanceof WireMessages.Several) {
                    WireMessages.Several several = (WireMessages.Several) message;
                    PackedMessages.unpack(several.messages(), inHand);
                    answersMayWait = several.answersMayWait();
                    message = inHand.poll();
                }
            }
            boolean mayWait = answersMayWait && !inHand.isEmpty();
            if (message instanceof WireMessages.Call) {
                WireMessages.Call call = (WireMessages.Call) message;
                Object task = tasks.resolve(call.taskNumber(), call.task());
                if (!board.start(call.slot())) {
                    skip(answers, mayWait, call.a(), call.b());
                    continue;
                }
                if (task == null) {
                    answers.send(tasks.unknown(call.taskNumber()), null, mayWait);
                    continue;
                }
                WireMessages.Outcome outcome = call(task, call);
                answers.send(
                        outcome,
                        e -> outcome.failure() == null
                                ? new WireMessages.Outcome(null, unshippableResult(outcome.value(), e))
                                : new WireMessages.Outcome(
                                        null, unshippable("the task's failure", outcome.failure(), e)),
                        mayWait);
            } else if (message instanceof WireMessages.Batch) {
                WireMessages.Batch batch = (WireMessages.Batch) message;
                Object task = tasks.resolve(batch.taskNumber(), batch.task());
                boolean mapFailed = batch.map() == failedMap && board.withdraw(batch.slot());
                if (mapFailed || !board.start(batch.slot())) {
                    skip(answers, mayWait, batch.inputs());
                    continue;
                }
                if (task == null) {
                    answers.send(tasks.unknown(batch.taskNumber()), null, mayWait);
                    continue;
                }
                WireMessages.BatchOutcome outcome = batch(task, batch);
                if (outcome.failure() != null) {
                    failedMap = batch.map(); // its later batches, sent ahead, do not run
                }
                answers.send(
                        outcome,
                        e -> new WireMessages.BatchOutcome(
                                new ArrayList<>(),
                                new GipcCodecException("the results of a map batch cannot be shipped back to the pool: "
                                        + e.getMessage())),
                        mayWait);
            } else {
                throw new GipcException("a pool worker got a "
                        + (message == null ? "null" : message.getClass().getName())
                        + ", which is no message of the pool");
            }
        }
    }

    /**
     * The pool withdrew a task before it started: it does not run; the handles that came with its arguments are
     * closed here (nothing else will use them), and the pool is told.
     */
    private static void skip(WorkerAnswers answers, boolean mayWait, Object... arguments) {
        HandleSink handles = new HandleSink();
        try {
            DefaultCodec.encode(Arrays.asList(arguments), handles); // only to find the handles they hold
        } catch (GipcException e) {
            // they were received, so they encode; if not, there is nothing more to find
        }
        for (GipcHandle handle : handles.handles()) {
            try {
                handle.close();
            } catch (GipcException e) {
                // closed already
            }
        }
        answers.send(WireMessages.Signal.SKIPPED, null, mayWait);
    }

    @SuppressWarnings("unchecked")
    private static WireMessages.Outcome call(Object task, WireMessages.Call call) {
        try {
            Object value;
            if (task instanceof GipcTask0) {
                value = ((GipcTask0<Object>) task).call();
            } else if (task instanceof GipcTask1) {
                value = ((GipcTask1<Object, Object>) task).call(call.a());
            } else if (task instanceof GipcTask2) {
                value = ((GipcTask2<Object, Object, Object>) task).call(call.a(), call.b());
            } else {
                throw new GipcException("a pool worker was sent a "
                        + (task == null ? "null" : task.getClass().getName())
                        + " to run, not a GipcTask0, GipcTask1 or GipcTask2");
            }
            return new WireMessages.Outcome(value, null);
        } catch (Throwable t) {
            t.getStackTrace();
            return new WireMessages.Outcome(null, t);
        }
    }

    @SuppressWarnings("unchecked")
    private static WireMessages.BatchOutcome batch(Object batchTask, WireMessages.Batch batch) {
        GipcTask1<Object, Object> task = (GipcTask1<Object, Object>) batchTask;
        List<Object> results = new ArrayList<>(batch.inputs().size());
        for (Object input : batch.inputs()) {
            try {
                results.add(task.call(input));
            } catch (Throwable t) {
                t.getStackTrace();
                return new WireMessages.BatchOutcome(results, t);
            }
        }
        return new WireMessages.BatchOutcome(results, null);
    }

    /**
     * Puts an answer. Encoding happens in {@code put}, so a value the codec refuses shows as a future failed at
     * once; the pool then gets {@code fallback}'s answer instead, which always encodes.
     */
    private static void reply(
            GipcDuplex<Object> pipe, Object answer, java.util.function.Function<GipcCodecException, Object> fallback) {
        GipcFuture<Void> put = pipe.put(answer);
        GipcCodecException refused = refusal(put);
        if (refused != null) {
            if (fallback == null) {
                throw refused;
            }
            pipe.put(fallback.apply(refused));
        }
    }

    private static GipcCodecException refusal(GipcFuture<Void> put) {
        Throwable cause = RefusedPut.cause(put);
        return cause instanceof GipcCodecException ? (GipcCodecException) cause : null;
    }

    /** The numbered tasks this worker was sent whole, kept to run again when sent by number. */
    private static final class KeptTasks {
        private final java.util.Map<Integer, Object> byNumber = new java.util.HashMap<>();

        /** The task to run: the one sent, kept if numbered, or the one kept under its number; null if none. */
        Object resolve(int number, Object sent) {
            if (sent != null) {
                if (number != TaskCatalog.NONE) {
                    byNumber.put(number, sent);
                }
                return sent;
            }
            return byNumber.get(number);
        }

        WireMessages.Unreadable unknown(int number) {
            return new WireMessages.Unreadable("task number " + number + " was never received whole by this worker");
        }
    }

    private static GipcCodecException unshippableResult(Object value, GipcCodecException why) {
        return new GipcCodecException("the task returned a " + value.getClass().getName() + ", which cannot be "
                + "shipped back to the pool: " + why.getMessage());
    }

    /** A failure that cannot travel becomes one that can: its class and message, as text. */
    private static GipcException unshippable(String what, Throwable failure, GipcCodecException why) {
        return new GipcException(
                what + " cannot be shipped back to the pool (" + why.getMessage() + "); it was " + failure);
    }
}
