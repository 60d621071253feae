package io.gipc.netty.internal.process;

/**
 * Stands for a transferred handle inside the arguments sent to a child: the child puts the handle it rebuilt
 * from descriptor {@code 4 + index} in its place. A plain class so that any codec carries it.
 */
public final class HandleSlot {
    private int index;

    /** For codecs. */
    public HandleSlot() {
    }

    /**
     * A slot.
     *
     * @param index the position of the handle among the transferred ones
     */
    public HandleSlot(int index) {
        this.index = index;
    }

    /** @return the position of the handle among the transferred ones */
    public int index() {
        return index;
    }

    @Override
    public String toString() {
        return "HandleSlot[" + index + "]";
    }
}
