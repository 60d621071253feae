package io.gipc.netty.internal.codec;

/**
 * Objects to numbers by identity, for one message being written: an {@code IdentityHashMap<Object, Integer>}
 * without the boxes, starting small (an {@code IdentityHashMap} starts with 64 slots, and a message needed three
 * of them). Open addressing with linear probing, at most half full. Not thread-safe.
 */
final class IdentityIds {
    /** What {@link #get} returns for an object that has no number. */
    static final int ABSENT = -1;

    private Object[] keys = new Object[8];
    private int[] values = new int[8];
    private int size;

    /**
     * The number of an object.
     *
     * @param key the object
     * @return its number, or {@link #ABSENT}
     */
    int get(Object key) {
        Object[] table = keys;
        int mask = table.length - 1;
        for (int i = slot(key, mask); ; i = (i + 1) & mask) {
            Object found = table[i];
            if (found == key) {
                return values[i];
            }
            if (found == null) {
                return ABSENT;
            }
        }
    }

    /**
     * Gives an object a number, or another one if it had one.
     *
     * @param key the object
     * @param value its number, at least 0
     */
    void put(Object key, int value) {
        Object[] table = keys;
        int mask = table.length - 1;
        int i = slot(key, mask);
        for (Object found; (found = table[i]) != null; i = (i + 1) & mask) {
            if (found == key) {
                values[i] = value;
                return;
            }
        }
        table[i] = key;
        values[i] = value;
        if (++size * 2 > table.length) {
            grow();
        }
    }

    /**
     * Takes an object's number away.
     *
     * @param key the object
     */
    void remove(Object key) {
        Object[] table = keys;
        int mask = table.length - 1;
        int i = slot(key, mask);
        while (table[i] != key) {
            if (table[i] == null) {
                return;
            }
            i = (i + 1) & mask;
        }
        table[i] = null;
        size--;
        // Put back the entries after it that probing would no longer reach.
        for (int j = (i + 1) & mask; table[j] != null; j = (j + 1) & mask) {
            Object moved = table[j];
            int value = values[j];
            table[j] = null;
            size--;
            put(moved, value);
        }
    }

    /**
     * How many objects have a number.
     *
     * @return the count
     */
    int size() {
        return size;
    }

    private void grow() {
        Object[] oldKeys = keys;
        int[] oldValues = values;
        keys = new Object[oldKeys.length * 2];
        values = new int[oldKeys.length * 2];
        size = 0;
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldKeys[i] != null) {
                put(oldKeys[i], oldValues[i]);
            }
        }
    }

    private static int slot(Object key, int mask) {
        int h = System.identityHashCode(key) * 0x9E3779B9;
        return (h ^ (h >>> 16)) & mask;
    }
}
