package io.gipc.netty.internal.launcher;

import java.util.List;
import java.util.Map;

/**
 * The one message a parent sends a child on its bootstrap pipe (descriptor 3, in a {@link BootstrapFrame}),
 * encoded by the default codec: what to run and the handles it gets.
 *
 * <p>The target and each argument are encoded on their own, with one {@link io.gipc.netty.internal.codec.HandleSink}
 * for them all: a handle anywhere inside them is written as its slot, and handle {@code i} is inherited on
 * descriptor {@code 4 + i}. Encoding them apart lets the child say which one it could not decode, and exit
 * with the matching {@code LauncherExitCodes}; the same holds for the handles' descriptors.
 *
 * @param name the process name
 * @param daemon the daemon flag
 * @param handles the {@link io.gipc.netty.internal.transport.HandleDescriptor} of each handle,
 *        in slot order, each encoded by the default codec (it holds no handle)
 * @param target the target
 * @param args the positional arguments
 * @param kwargs the keyword arguments, in order
 */
public record Bootstrap(
        String name,
        boolean daemon,
        List<byte[]> handles,
        byte[] target,
        List<byte[]> args,
        Map<String, byte[]> kwargs) {}
