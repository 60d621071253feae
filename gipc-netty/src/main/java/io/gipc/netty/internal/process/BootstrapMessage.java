package io.gipc.netty.internal.process;

import java.util.ArrayList;
import java.util.List;

/**
 * The one message a parent sends a child on its bootstrap socket (descriptor 3): what to run and the handles
 * it gets. Each value is encoded on its own, so the child can say exactly which one it could not decode (and
 * exit with the matching {@code LauncherExitCodes}). A plain class so that any codec carries it.
 */
public final class BootstrapMessage {
    String name;
    boolean daemon;
    byte[] target;
    List<byte[]> args = new ArrayList<>();
    List<String> kwargNames = new ArrayList<>();
    List<byte[]> kwargValues = new ArrayList<>();
    List<HandleForm> handles = new ArrayList<>();

    /** For codecs. */
    public BootstrapMessage() {
    }

    /** @return the process name */
    public String name() {
        return name;
    }

    /** @return the daemon flag */
    public boolean daemon() {
        return daemon;
    }

    /** @return the encoded target (see {@link FunctionShipping}) */
    public byte[] target() {
        return target;
    }

    /** @return the positional arguments, each encoded by the default codec, handles as {@link HandleSlot}s */
    public List<byte[]> args() {
        return args;
    }

    /** @return the names of the keyword arguments, in order */
    public List<String> kwargNames() {
        return kwargNames;
    }

    /** @return the keyword arguments' values, encoded like {@link #args()} */
    public List<byte[]> kwargValues() {
        return kwargValues;
    }

    /** @return one record per transferred handle; handle {@code i} is on descriptor {@code 4 + i} */
    public List<HandleForm> handles() {
        return handles;
    }
}
