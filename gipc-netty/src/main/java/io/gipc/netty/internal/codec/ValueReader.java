package io.gipc.netty.internal.codec;

import io.gipc.GipcHandle;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Reads one message written by {@link ValueWriter}. Numbers objects in the order the writer did, so references
 * resolve; an object whose slot is still {@link #PENDING} (a record being read) cannot be referred to. Handles
 * written by slot are looked up with the function it is given, if any. Every length read is checked against the
 * bytes left, and what the message makes it allocate and compute is paid from a {@link DecodeBudget}; a
 * {@link DecodingFilter}, if given, is asked about every class and object. One instance per message; not
 * thread-safe.
 */
final class ValueReader {
    /** The slot of an object whose contents are being read and that does not exist yet. */
    private static final Object PENDING = new Object();

    /** {@code Collections.nCopies}: a list of any size in a few bytes, whose hash code visits every copy. */
    private static final Class<?> N_COPIES = Collections.nCopies(2, 0).getClass();

    /** The longest string part looked up among those read before ({@link #partString}). */
    private static final int SHARED_STRING = 64;
    /** How many string parts are remembered, by a hash of their bytes, at least. */
    private static final int MIN_PART_SLOTS = 16;
    /** How many string parts are remembered, at most. */
    private static final int MAX_PART_SLOTS = 512;

    private final byte[] data;
    private final WireInput in;
    private final IntFunction<GipcHandle> handles;
    private final DecodingFilter filter;
    private final DecodeBudget budget;
    private final ArrayList<Object> objects = new ArrayList<>();
    /** The cost of each object by slot: its size as a tree ({@link DecodeBudget}). */
    private long[] costs = new long[4];
    /** The cost of the contents of the object being read so far. */
    private long contentCost;
    /** The cost of the value the last {@link #readValue(int)} returned. */
    private long valueCost;
    /**
     * Whether that value holds, through collections and maps, a collection or map still being read: put into a
     * hashed container, it would close a cycle that hashing never leaves.
     */
    private boolean valueCyclic;
    /** The same for the contents of the object being read so far. */
    private boolean contentCyclic;
    /** The slots of finished collections and maps that are cyclic in that sense. */
    private java.util.BitSet cyclicSlots;
    /** String parts read so far, by a hash of their bytes ({@link #partString}). */
    private String[] partStrings;
    /** Where the bytes of each string part are in the message. */
    private int[] partStarts;
    /** How many bytes each string part has. */
    private int[] partLengths;

    /** The length {@link #lengthDelimited} read last. */
    private int fieldLength;

    private ArrayList<Class<?>> classes;
    private int depth;
    /** Whether the last {@link #next()} met the end of the current group. */
    private boolean ended;

    ValueReader(byte[] data, IntFunction<GipcHandle> handles, DecodingFilter filter) {
        this.data = data;
        this.in = new WireInput(data);
        this.handles = handles;
        this.filter = filter;
        this.budget = new DecodeBudget(data.length);
    }

    /**
     * Reads a whole message.
     *
     * @return the value
     * @throws IOException when the bytes are not a message of this format
     */
    Object readRoot() throws IOException {
        if (next() != Kind.HEADER) {
            throw new CorruptDataException("it does not start with the default codec's header");
        }
        int version = in.readVarint32();
        if (version != Kind.FORMAT_VERSION) {
            throw new CorruptDataException("format version " + version + " is not " + Kind.FORMAT_VERSION);
        }
        Object value = readValue();
        if (next() != Kind.HEADER || in.readVarint32() != 0) {
            throw new CorruptDataException("the end marker is missing after the value");
        }
        if (next() != 0 || in.remaining() != 0) {
            throw new CorruptDataException("bytes follow the end marker");
        }
        return value;
    }

    /**
     * Reads the tag of the next field of the current group.
     *
     * @return its kind, or 0 at the end of the group
     * @throws IOException when the tag is not one this format writes, or the bytes end inside a group
     */
    int next() throws IOException {
        int kind = in.readFieldNumber();
        if (kind == 0) {
            if (depth > 0 && in.remaining() <= 0) {
                throw new CorruptDataException("truncated: the bytes end inside a value");
            }
            ended = true;
            return 0;
        }
        if (!Kind.valid(kind, in.lastWireType())) {
            throw new CorruptDataException("unknown field " + kind + " (wire type " + in.lastWireType() + ")");
        }
        return kind;
    }

    /**
     * Reads the next value of the current group.
     *
     * @return the value
     * @throws IOException when there is none, or it is corrupt
     */
    Object readValue() throws IOException {
        int kind = next();
        if (kind == 0) {
            throw new CorruptDataException("a value is missing");
        }
        return readValue(kind);
    }

    /**
     * Reads a value whose tag {@link #next()} just read.
     *
     * @param kind the kind {@link #next()} returned, not 0
     * @return the value
     * @throws IOException when it is corrupt
     */
    Object readValue(int kind) throws IOException {
        valueCost = 1;
        valueCyclic = false;
        Object value = readValueOfKind(kind);
        contentCost = DecodeBudget.saturatedAdd(contentCost, valueCost);
        contentCyclic |= valueCyclic;
        return value;
    }

    private Object readValueOfKind(int kind) throws IOException {
        switch (kind) {
            case Kind.NULL:
                in.readVarint32();
                return null;
            case Kind.BOOL:
                return in.readBool();
            case Kind.INT:
                return in.readSInt32();
            case Kind.LONG:
                return in.readSInt64();
            case Kind.DOUBLE:
                return in.readDouble();
            case Kind.FLOAT:
                return in.readFloat();
            case Kind.CHAR:
                return (char) in.readVarint32();
            case Kind.BYTE:
                return (byte) in.readSInt32();
            case Kind.SHORT:
                return (short) in.readSInt32();
            case Kind.STRING:
                return utf8();
            case Kind.STRING16:
                return Strings.fromUtf16(bytes("a UTF-16 string"));
            case Kind.REF:
                return reference(in.readVarint32());
            case Kind.HANDLE:
                return handle(in.readVarint32());
            case Kind.BYTES:
                byte[] bytes = bytes("a byte[]");
                valueCost = 1 + bytes.length / 8;
                setCost(objects.size(), valueCost);
                objects.add(bytes);
                return bytes;
            case Kind.OBJECT:
                return readGroup();
            default:
                throw new CorruptDataException("field " + kind + " where a value was expected");
        }
    }

    /**
     * The cost of the value the last {@link #readValue} returned: its size as a tree, what hashing it may visit.
     *
     * @return the cost, saturated
     */
    long valueCost() {
        return valueCost;
    }

    /**
     * Pays for adding a value to a container, before it is added ({@link DecodeBudget#insertCost}).
     *
     * @param container the collection or map, for the message
     * @param kind the container's {@link DecodeBudget#insertKind}
     * @param cost the value's {@link #valueCost()}
     * @param size how many values the container held before
     * @throws CorruptDataException if the message cannot pay for it
     */
    void beforeInsert(Object container, int kind, long cost, int size) throws CorruptDataException {
        long units = DecodeBudget.insertCost(kind, cost, size);
        if (units > 1) {
            budget.spend(units, "adding a value to a", container.getClass());
        }
    }

    /**
     * Whether the value the last {@link #readValue} returned holds, through collections and maps, a collection or
     * map still being read.
     *
     * @return true if hashing it would close a cycle
     */
    boolean valueCyclic() {
        return valueCyclic;
    }

    /**
     * A value holding a collection still being read goes into a hashed container: the graph would hold a cycle
     * through hashing, which never ends (a set that holds itself has no hash code), and which a message could use
     * to make the reader hash until its stack overflows.
     *
     * @param container the class of the hashed container
     * @return the exception to throw
     */
    CorruptDataException cycleThroughHashing(Class<?> container) {
        return new CorruptDataException("a value going into a " + container.getName() + " holds a collection or map "
                + "that holds it in turn: hashing it would never end");
    }

    /**
     * Pays for work about to be done: building a hashed container from its parts, compiling a pattern...
     *
     * @param units the work ({@link DecodeBudget})
     * @param what what is about to be done, for the message: "compiling a"
     * @param type the class it is done for, for the message
     * @throws CorruptDataException if the message cannot pay for it
     */
    void spend(long units, String what, Class<?> type) throws CorruptDataException {
        budget.spend(units, what, type);
    }

    /**
     * Claims the slots of something created with a length from the wire, before it is created.
     *
     * @param count the length, at least 0
     * @param type the class of what is created
     * @param capacity true for a capacity, which an allowance covers; false for a count of elements that follow
     * @throws CorruptDataException if the message cannot hold that many, or the filter refuses
     */
    void claim(int count, Class<?> type, boolean capacity) throws CorruptDataException {
        budget.claimSlots(count, type, capacity);
        filterArray(type, count);
    }

    /**
     * Asks the filter, if any, about an array about to be created.
     *
     * @param type the array's class, or the class of what holds the array
     * @param length its length
     * @throws CorruptDataException if the filter refuses
     */
    void filterArray(Class<?> type, int length) throws CorruptDataException {
        if (filter != null) {
            filter.check(type, length, depth, objects.size(), in.offset());
        }
    }

    /** Reads a group, after its start tag: the class reference, then the contents its handler reads. */
    private Object readGroup() throws IOException {
        Class<?> type = readClassRef();
        if (filter != null) {
            filter.check(type, -1, depth + 1, objects.size() + 1, in.offset());
        }
        TypeHandler handler = Handlers.of(type);
        int slot = objects.size();
        objects.add(PENDING);
        boolean outerEnded = ended;
        ended = false;
        depth++;
        long outerCost = contentCost;
        boolean outerCyclic = contentCyclic;
        contentCost = 1;
        contentCyclic = false;
        Object value;
        try {
            value = handler.read(this, type, slot);
        } catch (CorruptDataException e) {
            throw e.within(Handlers.typeName(type));
        } catch (IOException | RuntimeException | LinkageError e) {
            throw CorruptDataException.rebuildFailed(Handlers.typeName(type), e);
        }
        objects.set(slot, value);
        if (!ended && next() != 0) {
            throw new CorruptDataException("extra data inside a " + Handlers.typeName(type));
        }
        depth--;
        ended = outerEnded;
        long cost = contentCost;
        if (value != null && value.getClass() == N_COPIES) {
            cost = DecodeBudget.saturatedMultiply(cost, ((List<?>) value).size());
        }
        setCost(slot, cost);
        // Hashing goes through collections and maps only; a plain object's, an array's hash code is its own.
        boolean cyclic = contentCyclic && (value instanceof java.util.Collection || value instanceof java.util.Map);
        if (cyclic) {
            if (cyclicSlots == null) {
                cyclicSlots = new java.util.BitSet();
            }
            cyclicSlots.set(slot);
        }
        contentCost = outerCost;
        contentCyclic = outerCyclic;
        valueCost = cost;
        valueCyclic = cyclic;
        return value;
    }

    private void setCost(int slot, long cost) {
        if (slot >= costs.length) {
            costs = Arrays.copyOf(costs, Math.max(slot + 1, costs.length * 2));
        }
        costs[slot] = cost;
    }

    /**
     * Makes an object the target of references to its slot, as soon as it exists.
     *
     * @param slot the slot given to {@link TypeHandler#read}
     * @param value the object
     */
    void bind(int slot, Object value) {
        objects.set(slot, value);
    }

    /**
     * Reads a class reference.
     *
     * @return the class
     * @throws IOException when the next field is not one, or names an unknown class
     */
    Class<?> readClassRef() throws IOException {
        int kind = next();
        if (kind == Kind.CLASS_NAME) {
            int start = lengthDelimited("a class name");
            in.skip(fieldLength);
            Class<?> type = ClassNames.load(data, start, fieldLength);
            if (filter != null) {
                filter.check(type, -1, depth, objects.size(), in.offset());
            }
            if (classes == null) {
                classes = new ArrayList<>(4);
            }
            classes.add(type);
            return type;
        }
        if (kind == Kind.CLASS_ID) {
            int id = in.readVarint32();
            if (classes == null || id < 0 || id >= classes.size()) {
                throw new CorruptDataException("reference to class #" + id + ", which was not named before");
            }
            return classes.get(id);
        }
        throw new CorruptDataException("field " + kind + " where a class reference was expected");
    }

    /**
     * Reads an int written by {@link ValueWriter#writeInt}.
     *
     * @return the int
     * @throws IOException when the next field is not an int
     */
    int readInt() throws IOException {
        expect(Kind.INT, "an int");
        return in.readSInt32();
    }

    /**
     * Reads a count of things that follow, checking that the message can hold that many.
     *
     * @return the count, at least 0
     * @throws IOException when it is negative or larger than what remains
     */
    int readCount() throws IOException {
        int count = readInt();
        if (count < 0 || count > in.remaining()) {
            throw new CorruptDataException("a count of " + count + " with " + (in.remaining()) + " bytes left");
        }
        return count;
    }

    /**
     * Reads a long written by {@link ValueWriter#writeLong}.
     *
     * @return the long
     * @throws IOException when the next field is not a long
     */
    long readLong() throws IOException {
        expect(Kind.LONG, "a long");
        return in.readSInt64();
    }

    /**
     * Reads a boolean written by {@link ValueWriter#writeBool}.
     *
     * @return the boolean
     * @throws IOException when the next field is not a boolean
     */
    boolean readBool() throws IOException {
        expect(Kind.BOOL, "a boolean");
        return in.readBool();
    }

    /**
     * Reads a string or null written by {@link ValueWriter#writeString}.
     *
     * @return the string or null
     * @throws IOException when the next field is neither
     */
    String readString() throws IOException {
        int kind = next();
        switch (kind) {
            case Kind.NULL:
                in.readVarint32();
                return null;
            case Kind.STRING:
                return partString();
            case Kind.STRING16:
                return Strings.fromUtf16(bytes("a UTF-16 string"));
            default:
                throw new CorruptDataException("field " + kind + " where a string was expected");
        }
    }

    /**
     * Reads bytes written by {@link ValueWriter#writeRaw}.
     *
     * @return the bytes
     * @throws IOException when the next field is not raw bytes
     */
    byte[] readRaw() throws IOException {
        expect(Kind.RAW, "raw bytes");
        byte[] raw = bytes("raw bytes");
        contentCost = DecodeBudget.saturatedAdd(contentCost, raw.length / 8);
        return raw;
    }

    /**
     * Loads a class named by the message (a lambda's capturing class), asking the filter.
     *
     * @param name its binary name
     * @return the class
     * @throws CorruptDataException if no loader knows it, or the filter refuses it
     */
    Class<?> loadNamedClass(String name) throws CorruptDataException {
        Class<?> type = ClassNames.load(name);
        if (filter != null) {
            filter.check(type, -1, depth, objects.size(), in.offset());
        }
        return type;
    }

    /**
     * Reads the length of a length-delimited field and checks it against the bytes left, without adding it to an
     * offset first ({@code offset + size > limit} overflows for sizes near 2^31: a few bytes could request a 2 GiB
     * array).
     *
     * @param what what the field holds, for the message
     * @return the offset of its first byte; the length is in {@link #fieldLength}
     */
    private int lengthDelimited(String what) throws IOException {
        int size = in.readVarint32();
        int start = in.offset();
        int left = in.remaining();
        if (size < 0 || size > left) {
            throw new CorruptDataException(
                    what + " of " + Integer.toUnsignedString(size) + " bytes with " + left + " bytes left");
        }
        fieldLength = size;
        return start;
    }

    private byte[] bytes(String what) throws IOException {
        int start = lengthDelimited(what);
        in.skip(fieldLength);
        return Arrays.copyOfRange(data, start, start + fieldLength);
    }

    /**
     * A string that is part of a handler's contents: the same short string read earlier in the message, if it
     * was, rather than a copy. Such parts repeat (an exception's stack trace names the same class, file and module
     * in frame after frame); values, a map's keys say, are mostly distinct and are not looked up.
     */
    private String partString() throws IOException {
        int start = lengthDelimited("a string");
        int length = fieldLength;
        in.skip(length);
        if (length > SHARED_STRING) {
            return new String(data, start, length, StandardCharsets.UTF_8);
        }
        // A few bytes and the length tell most parts apart; hashing every byte cost more than the copies it saved.
        int h = length;
        if (length > 0) {
            h = 31 * (31 * (31 * h + data[start]) + data[start + length / 2]) + data[start + length - 1];
        }
        if (partStrings == null) {
            // About one slot per 32 bytes of message: a few for a small one, more for a long stack trace.
            int slots = Integer.highestOneBit(Math.max(MIN_PART_SLOTS, Math.min(MAX_PART_SLOTS, data.length / 32)));
            partStrings = new String[slots];
            partStarts = new int[slots];
            partLengths = new int[slots];
        }
        int slot = (h ^ (h >>> 16)) & (partStrings.length - 1);
        String earlier = partStrings[slot];
        int earlierStart = partStarts[slot];
        // The same bytes decode to an equal string.
        if (earlier != null
                && partLengths[slot] == length
                && Arrays.equals(data, earlierStart, earlierStart + length, data, start, start + length)) {
            return earlier;
        }
        String string = new String(data, start, length, StandardCharsets.UTF_8);
        partStrings[slot] = string;
        partStarts[slot] = start;
        partLengths[slot] = length;
        return string;
    }

    private String utf8() throws IOException {
        int start = lengthDelimited("a string");
        in.skip(fieldLength);
        return new String(data, start, fieldLength, StandardCharsets.UTF_8);
    }

    private void expect(int kind, String what) throws IOException {
        int found = next();
        if (found != kind) {
            throw new CorruptDataException(
                    found == 0 ? what + " is missing" : "field " + found + " where " + what + " was expected");
        }
    }

    private GipcHandle handle(int slot) throws CorruptDataException {
        if (handles == null) {
            throw new CorruptDataException("it holds a transferred handle (slot " + slot + "), which only a child "
                    + "started by Gipc.startProcess can rebuild");
        }
        GipcHandle handle;
        try {
            handle = handles.apply(slot);
        } catch (RuntimeException e) {
            throw new CorruptDataException("no transferred handle for slot " + slot + ": " + e, e);
        }
        if (handle == null) {
            throw new CorruptDataException("no transferred handle for slot " + slot);
        }
        return handle;
    }

    private Object reference(int id) throws CorruptDataException {
        if (id < 0 || id >= objects.size()) {
            throw new CorruptDataException("reference to object #" + id + ", which was not read before");
        }
        Object value = objects.get(id);
        boolean finished = id < costs.length && costs[id] > 0;
        valueCost = finished ? costs[id] : 1;
        valueCyclic = finished
                ? cyclicSlots != null && cyclicSlots.get(id)
                : value instanceof java.util.Collection || value instanceof java.util.Map;
        if (value == PENDING) {
            throw new CorruptDataException("reference to object #" + id + " from inside its own contents, but it "
                    + "is only built once they are read");
        }
        return value;
    }
}
