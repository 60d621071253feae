package io.gipc.netty.internal.pool;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Packs the messages that go several in one ({@link WireMessages.Several}, {@link WireMessages.Answers}) into
 * fewer values, and unpacks them on the other side. Tiny tasks sent one by one cost the codec a record per task
 * and per answer: a run of calls of one task becomes one {@link WireMessages.Calls} (its arguments in lists), and
 * answers that are all returned values one {@link WireMessages.Values}. Each side still takes the tasks and answers
 * one by one, as if they had come alone.
 */
final class PackedMessages {
    private PackedMessages() {}

    /**
     * The pool's side: the messages of a {@link WireMessages.Several}, with each run of two or more calls of one
     * numbered task the worker keeps (sent without the task), in consecutive slots, packed into a
     * {@link WireMessages.Calls}.
     *
     * @param messages {@link WireMessages.Call}s and {@link WireMessages.Batch}es, oldest first
     * @return the same messages, packed; in the same order
     */
    static List<Object> pack(List<Object> messages) {
        List<Object> packed = new ArrayList<>(messages.size());
        int i = 0;
        while (i < messages.size()) {
            int end = runEnd(messages, i);
            if (end - i < 2) {
                packed.add(messages.get(i++));
                continue;
            }
            WireMessages.Call first = (WireMessages.Call) messages.get(i);
            List<Object> as = new ArrayList<>(end - i);
            List<Object> bs = null;
            for (int j = i; j < end; j++) {
                WireMessages.Call call = (WireMessages.Call) messages.get(j);
                as.add(call.a());
                if (call.b() != null && bs == null) {
                    bs = new ArrayList<>(end - i);
                    for (int k = i; k < j; k++) {
                        bs.add(null);
                    }
                }
                if (bs != null) {
                    bs.add(call.b());
                }
            }
            packed.add(new WireMessages.Calls(first.taskNumber(), first.slot(), as, bs));
            i = end;
        }
        return packed;
    }

    /** The end (exclusive) of the run of packable calls that starts at {@code from}. */
    private static int runEnd(List<Object> messages, int from) {
        if (!packable(messages.get(from))) {
            return from + 1;
        }
        WireMessages.Call first = (WireMessages.Call) messages.get(from);
        int end = from + 1;
        while (end < messages.size() && packable(messages.get(end))) {
            WireMessages.Call call = (WireMessages.Call) messages.get(end);
            if (call.taskNumber() != first.taskNumber() || call.slot() != slot(first.slot(), end - from)) {
                break;
            }
            end++;
        }
        return end;
    }

    private static boolean packable(Object message) {
        return message instanceof WireMessages.Call
                && ((WireMessages.Call) message).task() == null
                && ((WireMessages.Call) message).taskNumber() != TaskCatalog.NONE;
    }

    private static int slot(int firstSlot, int index) {
        return (firstSlot + index) % ClaimBoard.SLOTS;
    }

    /**
     * The worker's side: adds the messages of a {@link WireMessages.Several} to {@code into}, each
     * {@link WireMessages.Calls} as the calls it stands for.
     *
     * @param messages the messages as they came
     * @param into where the worker keeps what it has in hand
     */
    static void unpack(List<Object> messages, Collection<Object> into) {
        for (Object message : messages) {
            if (message instanceof WireMessages.Calls) {
                WireMessages.Calls calls = (WireMessages.Calls) message;
                for (int i = 0; i < calls.as().size(); i++) {
                    into.add(new WireMessages.Call(
                            calls.taskNumber(),
                            null,
                            calls.as().get(i),
                            calls.bs() == null ? null : calls.bs().get(i),
                            slot(calls.firstSlot(), i)));
                }
            } else {
                into.add(message);
            }
        }
    }

    /**
     * The worker's side: one message for several answers: {@link WireMessages.Values} if every one is a returned
     * value, else {@link WireMessages.Answers}.
     *
     * @param answers the answers, oldest first (copied)
     * @return the message
     */
    static Object answers(List<Object> answers) {
        List<Object> values = new ArrayList<>(answers.size());
        for (Object answer : answers) {
            if (!(answer instanceof WireMessages.Outcome) || ((WireMessages.Outcome) answer).failure() != null) {
                return new WireMessages.Answers(new ArrayList<>(answers));
            }
            values.add(((WireMessages.Outcome) answer).value());
        }
        return new WireMessages.Values(values);
    }

    /**
     * The pool's side: the answers a message of several stands for, oldest first.
     *
     * @param message an {@link WireMessages.Answers} or a {@link WireMessages.Values}
     * @return the answers, each as the worker would have sent it alone
     */
    static List<Object> unpackAnswers(Object message) {
        if (message instanceof WireMessages.Answers) {
            return ((WireMessages.Answers) message).answers();
        }
        List<Object> values = ((WireMessages.Values) message).values();
        List<Object> answers = new ArrayList<>(values.size());
        for (Object value : values) {
            answers.add(new WireMessages.Outcome(value, null));
        }
        return answers;
    }
}
