package io.gipc.netty.internal.launcher;

import io.gipc.GipcHandle;
import java.util.List;
import java.util.Map;

/**
 * What a spare child receives on its control pipe when a start takes it: what a bootstrap message holds, with
 * the handles themselves inside (they travel as descriptors with the message) instead of their descriptions.
 *
 * @param name the process name
 * @param daemon the daemon flag
 * @param target the target, encoded by the default codec; handle {@code i} is {@code handles.get(i)}
 * @param args the positional arguments, each encoded alike
 * @param kwargs the keyword arguments, in order
 * @param handles the handles the target and arguments hold, in slot order
 */
public record SpareOrder(
        String name,
        boolean daemon,
        byte[] target,
        List<byte[]> args,
        Map<String, byte[]> kwargs,
        List<GipcHandle> handles) {}
