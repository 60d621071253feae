package io.gipc.netty.properties;

/**
 * One step of a program. Steps name the end that acts; gets and puts are numbered per lane (one direction of the
 * pipe), gets {@code g0, g1, ...} and puts (the messages) {@code #0, #1, ...}. A step states what must come of it
 * when the generator knows that for sure; the rest is judged from what happened, once the program has ended.
 */
sealed interface Step {

    /** How the step reads in a report. */
    String describe(PipeKind kind);

    /** {@code put()} of message {@code seq}, {@code size} bytes long. */
    record Put(End end, int seq, int size) implements Step {
        @Override
        public String describe(PipeKind kind) {
            return kind.name(end) + ": put #" + seq + String.format(" (%,d bytes)", size);
        }
    }

    /** A {@code get()} of the kind given; {@code timeoutMillis} for the short kinds. */
    record Get(End end, int id, GetKind getKind, int timeoutMillis) implements Step {
        @Override
        public String describe(PipeKind kind) {
            String what;
            switch (getKind) {
                case WAIT:
                    what = "get()";
                    break;
                case SHORT:
                    what = "get(" + timeoutMillis + " ms), may time out";
                    break;
                case LONG:
                    what = "get(30 s): a message is sure to come, it must get one";
                    break;
                default:
                    what = "get(" + timeoutMillis + " ms) and wait: nothing can come, it must time out";
            }
            return kind.name(end) + ": g" + id + " = " + what;
        }
    }

    /** {@code cancel()} of get {@code id} of the lane {@code end} reads; {@code mustWithdraw} if surely pending. */
    record CancelGet(End end, int id, boolean mustWithdraw) implements Step {
        @Override
        public String describe(PipeKind kind) {
            return kind.name(end) + ": cancel g" + id
                    + (mustWithdraw ? ", which is surely pending: must return true" : "");
        }
    }

    /** {@code cancel()} of the put of message {@code seq}: must return false and change nothing. */
    record CancelPut(End end, int seq) implements Step {
        @Override
        public String describe(PipeKind kind) {
            return kind.name(end) + ": cancel put #" + seq + ": must return false";
        }
    }

    /** Waits for get {@code id} of the lane {@code end} reads; the generator knows it will end. */
    record AwaitGet(End end, int id) implements Step {
        @Override
        public String describe(PipeKind kind) {
            return kind.name(end) + ": wait for g" + id;
        }
    }

    /** Waits for the put of message {@code seq}; the generator knows it will end. */
    record AwaitPut(End end, int seq) implements Step {
        @Override
        public String describe(PipeKind kind) {
            return kind.name(end) + ": wait for put #" + seq;
        }
    }

    /** {@code close()} of an end, with what must come of it. */
    record Close(End end, Expect expect) implements Step {
        /** What {@code close()} must do. */
        enum Expect {
            /** Nothing of the end is pending: it closes. */
            CLOSES,
            /** A get of the end is surely pending: {@code GipcLockedException}, and the end stays open. */
            LOCKED,
            /** Either, as what is pending decides; {@code GipcLockedException} only if something was pending. */
            EITHER
        }

        @Override
        public String describe(PipeKind kind) {
            String what = expect == Expect.CLOSES
                    ? "nothing is pending, it must close"
                    : expect == Expect.LOCKED
                            ? "a get() is surely pending, it must throw GipcLockedException"
                            : "closes if nothing is pending, else throws GipcLockedException";
            return kind.name(end) + ": close(): " + what;
        }
    }

    /** An operation on an end already closed: it must throw {@code GipcClosedException} from the call. */
    record UseClosed(End end, Use use) implements Step {
        /** The operation. */
        enum Use {
            PUT,
            GET,
            TIMED_GET,
            CLOSE
        }

        @Override
        public String describe(PipeKind kind) {
            String call = use == Use.PUT
                    ? "put()"
                    : use == Use.GET ? "get()" : use == Use.TIMED_GET ? "get(30 s)" : "close()";
            return kind.name(end) + ": " + call + " on the closed end: must throw GipcClosedException";
        }
    }
}
