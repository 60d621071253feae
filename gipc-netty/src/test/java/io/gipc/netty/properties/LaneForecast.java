package io.gipc.netty.properties;

import java.util.ArrayList;
import java.util.List;

/**
 * What the generator knows for sure about one lane (one direction of a pipe) whatever the timing: which gets and
 * puts have surely ended, which will surely end if waited for, and which gets are surely still pending. A lane's
 * messages go, in order, to its gets in the order they were issued, skipping gets that time out or are withdrawn
 * (docs/api.md, Pipes 1 and 3), so counting is enough:
 * <ul>
 *   <li>a <em>sure</em> get ({@code get()} or {@code get(30 s)}, not cancelled) takes exactly one message once one
 *       is there for it;</li>
 *   <li>a <em>maybe</em> get ({@code get(a few ms)}, or any cancelled get) takes one message or none;</li>
 *   <li>an expiring get takes none (it is waited for, and must time out).</li>
 * </ul>
 */
final class LaneForecast {
    private final List<Boolean> putEnded = new ArrayList<>();
    private final List<GetFacts> gets = new ArrayList<>();
    private boolean writerClosed;
    private boolean readerClosed;

    /** What is known of one get. */
    private static final class GetFacts {
        final GetKind kind;
        boolean cancelled;
        boolean ended;

        GetFacts(GetKind kind) {
            this.kind = kind;
            this.ended = kind == GetKind.EXPIRING; // waited for as part of its step
        }

        boolean sure() {
            return !cancelled && (kind == GetKind.WAIT || kind == GetKind.LONG);
        }

        boolean maybe() {
            return kind == GetKind.SHORT || (cancelled && kind != GetKind.EXPIRING);
        }
    }

    /** @return the number of the new message */
    int addPut() {
        putEnded.add(false);
        return putEnded.size() - 1;
    }

    /** @return the number of the new get */
    int addGet(GetKind kind) {
        gets.add(new GetFacts(kind));
        return gets.size() - 1;
    }

    int puts() {
        return putEnded.size();
    }

    int gets() {
        return gets.size();
    }

    void putAwaited(int seq) {
        putEnded.set(seq, true);
    }

    void getAwaited(int id) {
        gets.get(id).ended = true;
    }

    /** A cancelled get has ended when cancel() returns, withdrawn or not. */
    void getCancelled(int id) {
        GetFacts g = gets.get(id);
        g.cancelled = true;
        g.ended = true;
    }

    void writerClosed() {
        writerClosed = true;
    }

    void readerClosed() {
        readerClosed = true;
    }

    boolean putEnded(int seq) {
        return putEnded.get(seq);
    }

    boolean getEnded(int id) {
        return gets.get(id).ended;
    }

    /** Gets issued before {@code id} that surely take a message, and that may. */
    private int sureBefore(int id) {
        int n = 0;
        for (int i = 0; i < id; i++) {
            n += gets.get(i).sure() ? 1 : 0;
        }
        return n;
    }

    private int maybeBefore(int id) {
        int n = 0;
        for (int i = 0; i < id; i++) {
            n += gets.get(i).maybe() ? 1 : 0;
        }
        return n;
    }

    /** Waiting for get {@code id} cannot hang: it has a message coming even if every get before it took one. */
    boolean getWillEnd(int id) {
        GetFacts g = gets.get(id);
        return g.ended
                || g.kind != GetKind.WAIT
                || g.cancelled
                || writerClosed
                || puts() > sureBefore(id) + maybeBefore(id);
    }

    /** No message can come for get {@code id} while the program does nothing more on this lane. */
    boolean getSurelyPending(int id) {
        GetFacts g = gets.get(id);
        return !g.ended && g.sure() && !writerClosed && !readerClosed && puts() <= sureBefore(id);
    }

    boolean anyGetSurelyPending() {
        for (int id = 0; id < gets.size(); id++) {
            if (getSurelyPending(id)) {
                return true;
            }
        }
        return false;
    }

    /** Waiting for the put of {@code seq} cannot hang: sure gets will read it, or its reader is gone. */
    boolean putWillEnd(int seq) {
        return putEnded.get(seq) || readerClosed || sureBefore(gets.size()) > seq;
    }

    /** A get issued now surely gets a message (every message may be taken by a get before it, but one is left). */
    boolean messageSureForNextGet() {
        return !readerClosed && puts() > sureBefore(gets.size()) + maybeBefore(gets.size());
    }

    /** A get issued now surely gets nothing: a sure get before it takes each message sent, and the writer is open. */
    boolean nothingCanComeForNextGet() {
        return !writerClosed && !readerClosed && puts() <= sureBefore(gets.size());
    }

    /** @return the gets not known to have ended */
    List<Integer> openGets() {
        List<Integer> ids = new ArrayList<>();
        for (int id = 0; id < gets.size(); id++) {
            if (!gets.get(id).ended) {
                ids.add(id);
            }
        }
        return ids;
    }

    /** @return the puts not known to have ended */
    List<Integer> openPuts() {
        List<Integer> seqs = new ArrayList<>();
        for (int seq = 0; seq < putEnded.size(); seq++) {
            if (!putEnded.get(seq)) {
                seqs.add(seq);
            }
        }
        return seqs;
    }
}
