package io.gipc.netty.internal.codec;

import io.gipc.Decoder;
import io.gipc.Encoder;
import io.gipc.GipcCodecException;
import io.gipc.GipcHandle;
import java.io.IOException;
import java.util.Objects;
import java.util.function.IntFunction;

/**
 * gipc's default codec: any object graph to bytes and back, in protostuff's wire format, on JDK 17 to 25,
 * with no JVM flag and nothing printed.
 *
 * <p>What travels: null, primitives and their boxes, strings, arrays, enums, records, plain objects (with or
 * without a no-argument constructor, final fields included, transient fields skipped), the JDK's collections and
 * maps (immutable, unmodifiable, synchronized, sorted with their comparator, EnumSet, EnumMap; null elements
 * and iteration order kept), BigInteger, BigDecimal, UUID, java.time, Optional, exceptions (class, message,
 * cause, stack trace, suppressed), and serializable lambdas and method references. Shared references and cycles
 * are kept, except a cycle back into a record, an immutable collection, an Optional or a lambda, which only
 * exist once their contents do: {@link #encode} refuses it.
 *
 * <p>What does not: handles ({@link GipcHandle}, which travel only where their descriptors can go along: in a
 * message put on a pipe whose writer uses this codec, and to {@code Gipc.startProcess}, both through
 * {@link #encode(Object, HandleSink)} and {@link #decode(byte[], IntFunction)}), threads, streams, sockets, class
 * loaders and the like, lambdas that are not Serializable, anonymous classes, and JDK classes it does not know.
 * {@link #encode} refuses them with a {@link GipcCodecException} naming the type and where it was found, before
 * anything is written.
 *
 * <p>How: the runtime schemas of protostuff-runtime need {@code sun.misc.Unsafe} (which JDK 24+ warns about)
 * or {@code --add-opens} for JDK classes, cannot build records or {@code List.of}, and cannot bind such
 * late-built objects to graph references. So the codec writes protostuff's wire format itself ({@link WireOutput},
 * {@link WireInput}) with schemas of its own ({@link ValueWriter}, {@link ValueReader}, one {@link TypeHandler} per
 * kind of class): JDK types through
 * their public API only, user classes by reflection on their own fields, lambdas as what their
 * {@code SerializedLambda} names. It sets no system property and registers nothing globally.
 *
 * <p>Trust: like pickle, the codec trusts its peer. Decoding loads the classes a message names and creates
 * their objects as protostuff does (the class's no-argument constructor if it has one, otherwise no
 * constructor of the class at all), sets their fields, calls records' canonical constructors, rebuilds lambdas
 * through their capturing class, and honours {@code readResolve}. Only decode messages from a process you trust,
 * or restrict the classes with a filter ({@link #decoder(String)}, or the system property
 * {@value DecodingFilter#PROPERTY}). Whatever the bytes, decoding ends with a value or a
 * {@link GipcCodecException}: every length is checked against the bytes left, and what a message makes the
 * decoder allocate and compute is bounded in proportion to its size ({@link DecodeBudget}).
 *
 * <p>Thread-safe: each call has its own state; what is learnt about a class is cached once.
 */
public final class DefaultCodec {
    /** The default encoder; a singleton, also under Java serialization. */
    public static final Encoder<Object> ENCODER = DefaultEncoder.INSTANCE;

    /** The default decoder; a singleton, also under Java serialization. */
    public static final Decoder<Object> DECODER = DefaultDecoder.INSTANCE;

    private DefaultCodec() {}

    /**
     * Encodes a value: all or nothing.
     *
     * @param value the value, possibly null
     * @return its bytes, never empty
     * @throws GipcCodecException if the value holds something the codec cannot carry; the message names its type
     *         and where it was found (for instance {@code field 'x' of com.foo.Bar})
     */
    public static byte[] encode(Object value) {
        return write(value, null);
    }

    /**
     * Encodes a value that may hold handles, for a pipe's writer or {@code Gipc.startProcess}: each handle, wherever it is in the
     * value, is written as its slot in {@code handles}, which collects it. Only
     * {@link #decode(byte[], IntFunction)} reads the result.
     *
     * @param value the value, possibly null
     * @param handles collects the handles met, in order; shared by all the values of one transfer
     * @return its bytes, never empty
     * @throws GipcCodecException as {@link #encode(Object)} does, handles excepted
     */
    public static byte[] encode(Object value, HandleSink handles) {
        return write(value, Objects.requireNonNull(handles, "handles"));
    }

    private static byte[] write(Object value, HandleSink handles) {
        WireOutput output = WireOutput.open();
        try {
            new ValueWriter(output, handles).writeRoot(value);
            return output.toByteArray();
        } catch (CarryException e) {
            throw e.toCodecException();
        } catch (StackOverflowError e) {
            throw new GipcCodecException(
                    "the default codec cannot carry a " + typeOf(value)
                            + ": it is nested too deeply for this thread's stack",
                    e);
        } catch (IOException | RuntimeException | LinkageError e) {
            throw new GipcCodecException("the default codec failed to encode a " + typeOf(value) + ": " + e, e);
        } finally {
            output.release();
        }
    }

    /**
     * Decodes bytes written by {@link #encode}, with this JVM's decoding filter if the system property
     * {@value DecodingFilter#PROPERTY} sets one.
     *
     * @param data the bytes
     * @return the value, possibly null
     * @throws GipcCodecException if the bytes are empty, truncated or corrupt, name a class that is missing, that
     *         the codec does not carry or that the filter refuses, or cost more than the message's budget; the
     *         message gives the length and what was wrong
     */
    public static Object decode(byte[] data) {
        DecodingFilter filter;
        try {
            filter = DecodingFilter.ofThisJvm();
        } catch (IllegalArgumentException e) {
            throw failed(data == null ? 0 : data.length, e.getMessage(), e);
        }
        return read(data, null, filter);
    }

    /**
     * Decodes bytes written by {@link #encode} with a filter instead of this JVM's.
     *
     * @param data the bytes
     * @param filterPattern the filter, in the syntax of {@code jdk.serialFilter}
     * @return the value, possibly null
     * @throws GipcCodecException as {@link #decode(byte[])} does
     * @throws IllegalArgumentException if the pattern is malformed
     */
    public static Object decode(byte[] data, String filterPattern) {
        return read(data, null, DecodingFilter.of(filterPattern));
    }

    /**
     * The default decoder restricted by a filter (a pipe's {@code GipcPipeOptions.withDecodingFilter}); it
     * travels to a child with its handle.
     *
     * @param filterPattern the filter, in the syntax of {@code jdk.serialFilter}
     * @return the decoder
     * @throws IllegalArgumentException if the pattern is malformed
     */
    public static Decoder<Object> decoder(String filterPattern) {
        return new FilteredDecoder(filterPattern);
    }

    /**
     * Tells whether a decoder is the default codec's, with or without a filter.
     *
     * @param decoder a decoder, possibly null
     * @return true for {@link #DECODER} and the decoders of {@link #decoder(String)}
     */
    public static boolean isDefault(Decoder<?> decoder) {
        return decoder == DECODER || decoder instanceof FilteredDecoder;
    }

    /**
     * Decodes bytes written by {@link #encode(Object, HandleSink)}, putting back a handle for each slot.
     *
     * @param data the bytes
     * @param handles the handle of each slot; it may throw, or return null, for a slot it does not have
     * @return the value, possibly null
     * @throws GipcCodecException as {@link #decode(byte[])} does, or if a slot has no handle
     */
    public static Object decode(byte[] data, IntFunction<GipcHandle> handles) {
        return read(data, Objects.requireNonNull(handles, "handles"), null);
    }

    /**
     * Decodes a message that carries handles, received on a pipe whose reader uses {@code decoder}: with that
     * decoder's filter ({@link #decoder(String)}), or this JVM's for {@link #DECODER}. Unlike
     * {@link #decode(byte[], IntFunction)} (a child's start-up, which comes from its trusted parent), the message
     * comes from a pipe's peer.
     *
     * @param data the bytes
     * @param handles the handle of each slot; it may throw, or return null, for a slot it does not have
     * @param decoder the reader's decoder, {@link #isDefault(Decoder) one of the default codec}
     * @return the value, possibly null
     * @throws GipcCodecException as {@link #decode(byte[])} does, or if a slot has no handle
     * @throws IllegalArgumentException if the decoder is not the default codec's
     */
    public static Object decode(byte[] data, IntFunction<GipcHandle> handles, Decoder<?> decoder) {
        Objects.requireNonNull(handles, "handles");
        if (decoder instanceof FilteredDecoder) {
            return read(data, handles, ((FilteredDecoder) decoder).filter());
        }
        if (decoder != DECODER) {
            throw new IllegalArgumentException("not the default codec's decoder: " + decoder);
        }
        DecodingFilter filter;
        try {
            filter = DecodingFilter.ofThisJvm();
        } catch (IllegalArgumentException e) {
            throw failed(data == null ? 0 : data.length, e.getMessage(), e);
        }
        return read(data, handles, filter);
    }

    static Object read(byte[] data, IntFunction<GipcHandle> handles, DecodingFilter filter) {
        if (data == null) {
            throw new GipcCodecException("the default codec cannot decode null");
        }
        if (data.length == 0) {
            throw new GipcCodecException("the default codec cannot decode 0 bytes: it never writes an empty message");
        }
        try {
            return new ValueReader(data, handles, filter).readRoot();
        } catch (CorruptDataException e) {
            throw failed(data.length, e.getMessage(), e);
        } catch (ArrayIndexOutOfBoundsException e) {
            throw failed(data.length, "truncated or malformed (" + e.getMessage() + ")", e);
        } catch (StackOverflowError e) {
            throw failed(data.length, "it is nested too deeply for this thread's stack", e);
        } catch (OutOfMemoryError e) {
            // Not the message's doing (what it may allocate is bounded by its size): the heap was nearly full.
            throw failed(data.length, "the JVM ran out of memory while decoding it (" + e.getMessage() + ")", e);
        } catch (IOException | RuntimeException | LinkageError e) {
            throw failed(data.length, e.toString(), e);
        }
    }

    private static GipcCodecException failed(int length, String reason, Throwable cause) {
        return new GipcCodecException(
                "the default codec cannot decode a message of " + length + " bytes: " + reason, cause);
    }

    private static String typeOf(Object value) {
        return value == null ? "null" : Handlers.typeName(value.getClass());
    }
}
