package io.gipc.netty.internal.launcher;

import io.gipc.Gipc;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcTarget;
import io.gipc.GipcTarget0;
import io.gipc.GipcTarget1;
import io.gipc.GipcTarget2;
import io.gipc.GipcTarget3;
import io.gipc.GipcTarget4;
import io.gipc.netty.internal.codec.DefaultCodec;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;

/**
 * What a spare child does while it waits, so that its order runs at once: it takes a pipe's reader through
 * another pipe (a message with a handle inside, which loads JNA for the descriptor passing and starts the
 * channels' code), decodes a {@link SpareOrder} like the one it will get (the codec rebuilds a record through its
 * constructor, reflectively: a JVM's first reflective call of a shape spins up method-handle classes), and decodes a
 * target of each kind (the JDK's lambda machinery and the codec's; each arity links its own method-handle shapes). A
 * child made from a spare then spends its start on its own target only. Whatever fails here fails again, and is
 * reported, when the order is handled.
 */
final class SpareWarmUp {
    private static final int ROUNDS = 3;
    /** A target of each kind, as the launcher rebuilds and runs them. */
    static final List<Object> TARGETS = List.of(
            (GipcTarget0) SpareWarmUp::target0,
            (GipcTarget1<GipcReader<Object>>) SpareWarmUp::target1,
            (GipcTarget2<Object, Object>) SpareWarmUp::target2,
            (GipcTarget3<Object, Object, Object>) SpareWarmUp::target3,
            (GipcTarget4<Object, Object, Object, Object>) SpareWarmUp::target4,
            (GipcTarget) SpareWarmUp::target);

    private SpareWarmUp() {}

    /** Warms up; leaves no handle open. */
    static void run() throws InterruptedException {
        try {
            for (int i = 0; i < ROUNDS; i++) {
                handleInsideAMessage();
                DefaultCodec.decode(DefaultCodec.encode(anOrder()));
                for (Object target : TARGETS) {
                    DefaultCodec.decode(DefaultCodec.encode(target));
                }
            }
        } catch (ExecutionException | RuntimeException e) {
            // reported when the order meets the same problem
        }
    }

    private static void handleInsideAMessage() throws ExecutionException, InterruptedException {
        try (GipcPipe<Object> carrier = Gipc.pipe();
                GipcPipe<Object> carried = Gipc.pipe()) {
            carrier.writer().put(carried.reader()).get();
            try (GipcReader<?> received = (GipcReader<?>) carrier.reader().get().get()) {
                carried.writer().put("warm").get();
                received.get().get();
            }
        }
    }

    /** An order of the same types as the parent's (see {@code Spares}), with one argument and one keyword. */
    static SpareOrder anOrder() {
        List<byte[]> args = new ArrayList<>();
        args.add(new byte[] {1});
        Map<String, byte[]> kwargs = new LinkedHashMap<>();
        kwargs.put("warm", new byte[] {2});
        return new SpareOrder("warm-up", false, new byte[] {3}, args, kwargs, new ArrayList<>());
    }

    // The warm-up's targets; never run.

    private static void target0() {}

    private static void target1(GipcReader<Object> reader) {}

    private static void target2(Object a, Object b) {}

    private static void target3(Object a, Object b, Object c) {}

    private static void target4(Object a, Object b, Object c, Object d) {}

    private static void target(List<Object> args, Map<String, Object> kwargs) {}
}
