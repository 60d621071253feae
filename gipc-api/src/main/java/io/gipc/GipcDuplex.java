package io.gipc;

/**
 * One end of a duplex pipe, both reader and writer; Python gipc's {@code _GIPCDuplexHandle}.
 *
 * <p>It is locked while any of its {@code get()} or {@code put()} futures is pending.
 *
 * @param <T> the type of message carried both ways
 */
public interface GipcDuplex<T> extends GipcReader<T>, GipcWriter<T> {}
