package io.gipc.spi;

/** Which operations a handle has; chooses the handle {@link GipcProvider#rawPeer} makes. */
public enum HandleKind {
    /** A {@link io.gipc.GipcReader}: {@code get()} only. */
    READER,
    /** A {@link io.gipc.GipcWriter}: {@code put()} only. */
    WRITER,
    /** A {@link io.gipc.GipcDuplex}: {@code get()} and {@code put()}. */
    DUPLEX
}
