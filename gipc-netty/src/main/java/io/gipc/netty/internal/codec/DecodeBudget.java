package io.gipc.netty.internal.codec;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.Map;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.concurrent.CopyOnWriteArraySet;
import java.util.concurrent.PriorityBlockingQueue;

/**
 * What decoding one message may spend, in proportion to its size, so that no message of n bytes makes the
 * decoder allocate or compute much more than n of anything, whatever its bytes.
 *
 * <p><b>Slots</b>: an array, or anything else created with a length read from the wire, is created before its
 * elements are read (so that they may refer back to it). Each slot claimed counts against the message's size:
 * every element of a message takes at least one byte of it, so a message the codec wrote never claims more slots
 * than it has bytes. A bounded queue's capacity counts too, with an allowance of {@link #SLOT_ALLOWANCE} slots
 * for queues emptier than their capacity.
 *
 * <p><b>Work</b>: what reading a message costs beyond reading its bytes is hashing and comparing, when an element
 * is added to a set or a key put in a map: a set's hash code is its elements' hash codes, recursively, so a graph
 * of nested sets that share their elements (a few hundred bytes) can take longer to hash than the age of the
 * universe. Each value read gets a cost, its size as a tree (1 plus the costs of what it holds, shared parts
 * counted each time they are reached), and adding it to a hashed or sorted container spends that cost. A message of
 * n bytes may spend {@code workPerByte * n + WORK_ALLOWANCE} (32 per byte by default, system property
 * {@value #WORK_PER_BYTE_PROPERTY}). A message written by the codec spends about the depth to which it nests sets and
 * map keys per byte, unless many of its keys share large parts. Collisions of equal hash codes are not counted.
 */
final class DecodeBudget {
    /** The system property that sets the work a message may spend per byte. */
    static final String WORK_PER_BYTE_PROPERTY = "io.gipc.decodingWorkPerByte";
    /** Work any message may spend, whatever its size. */
    static final long WORK_ALLOWANCE = 1 << 18;
    /** Slots any message may claim beyond its size: a bounded queue of up to a million free places decodes. */
    static final long SLOT_ALLOWANCE = 1 << 20;

    private static final long DEFAULT_WORK_PER_BYTE = 32;

    private final int messageBytes;
    private final long workLimit;
    private final long slotLimit;
    private long work;
    private long slots;

    /**
     * A budget for one message.
     *
     * @param messageBytes the message's size
     */
    DecodeBudget(int messageBytes) {
        this.messageBytes = messageBytes;
        this.workLimit = saturatedAdd(saturatedMultiply(workPerByte(), messageBytes), WORK_ALLOWANCE);
        this.slotLimit = messageBytes + SLOT_ALLOWANCE;
    }

    /**
     * Claims slots for something created with a length from the wire, before it is created.
     *
     * @param count the length, at least 0
     * @param type the class of what is created, for the message
     * @param capacity true for a capacity, to which the allowance applies; false for elements that follow
     * @throws CorruptDataException if the message cannot hold that many
     */
    void claimSlots(long count, Class<?> type, boolean capacity) throws CorruptDataException {
        long limit = capacity ? slotLimit : messageBytes;
        if (count > limit - slots) {
            throw new CorruptDataException("a " + type.getTypeName() + (capacity ? " with a capacity" : "") + " of "
                    + count + " slots: the " + messageBytes + " bytes of the message cannot hold that many ("
                    + slots + " slots claimed before, at most " + limit + ")");
        }
        slots += count;
    }

    /**
     * Spends work about to be done.
     *
     * @param units the work, saturated at {@link Long#MAX_VALUE}
     * @param what what is about to be done, for the message
     * @param type the class it is done for, for the message
     * @throws CorruptDataException if the message's budget cannot pay for it
     */
    void spend(long units, String what, Class<?> type) throws CorruptDataException {
        if (units > workLimit - work) {
            throw new CorruptDataException("decoding it costs too much work: " + what + " " + type.getName()
                    + " costs " + (units == Long.MAX_VALUE ? "more than 2^63" : String.valueOf(units))
                    + " steps, with " + (workLimit - work) + " of the " + workLimit + " a message of " + messageBytes
                    + " bytes may spend left (system property " + WORK_PER_BYTE_PROPERTY + ")");
        }
        work += units;
    }

    /** Adding to the container costs nothing: a list, a queue, an enum set or map, an identity map. */
    static final int FREE = 0;
    /** Adding hashes the value: a set, a map. */
    static final int HASHED = 1;
    /** Adding compares the value about log2(size) times: a sorted set or map, a priority queue. */
    static final int SORTED = 2;
    /** Adding compares the value to every element: a CopyOnWriteArraySet. */
    static final int SCANNED = 3;

    /**
     * How adding a value to a container costs, found once per container.
     *
     * @param container the collection or map
     * @return {@link #FREE}, {@link #HASHED}, {@link #SORTED} or {@link #SCANNED}
     */
    static int insertKind(Object container) {
        Class<?> type = container.getClass();
        if (type == ArrayList.class || type == LinkedList.class) {
            return FREE; // the common cases first: the checks below cost a few scans of a class's interfaces
        }
        if (type == HashMap.class
                || type == HashSet.class
                || type == LinkedHashMap.class
                || type == LinkedHashSet.class) {
            return HASHED;
        }
        if (container instanceof EnumSet || container instanceof EnumMap || container instanceof IdentityHashMap) {
            return FREE;
        }
        if (container instanceof SortedSet
                || container instanceof SortedMap
                || container instanceof PriorityQueue
                || container instanceof PriorityBlockingQueue) {
            return SORTED;
        }
        if (container instanceof CopyOnWriteArraySet) {
            return SCANNED;
        }
        return container instanceof Set || container instanceof Map ? HASHED : FREE;
    }

    /**
     * The work of adding a value to a container.
     *
     * @param kind the container's {@link #insertKind}
     * @param cost the value's cost
     * @param size how many values the container held before
     * @return the work, saturated
     */
    static long insertCost(int kind, long cost, int size) {
        switch (kind) {
            case HASHED:
                return cost;
            case SORTED:
                return saturatedMultiply(cost, 64 - Long.numberOfLeadingZeros(size + 1L));
            case SCANNED:
                return saturatedMultiply(cost, size + 1L);
            default:
                return 0;
        }
    }

    static long saturatedAdd(long a, long b) {
        long sum = a + b;
        return sum < 0 ? Long.MAX_VALUE : sum;
    }

    static long saturatedMultiply(long a, long b) {
        if (a == 0 || b == 0) {
            return 0;
        }
        return a > Long.MAX_VALUE / b ? Long.MAX_VALUE : a * b;
    }

    private static long workPerByte() {
        String configured = System.getProperty(WORK_PER_BYTE_PROPERTY);
        if (configured == null) {
            return DEFAULT_WORK_PER_BYTE;
        }
        try {
            long value = Long.parseLong(configured.trim());
            if (value > 0) {
                return value;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw new IllegalArgumentException("system property " + WORK_PER_BYTE_PROPERTY + " must be a positive "
                + "number, got '" + configured + "'");
    }
}
