package io.gipc.netty.internal.launcher;

import io.gipc.Gipc;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcTarget1;
import io.gipc.netty.internal.codec.DefaultCodec;
import java.util.concurrent.ExecutionException;

/**
 * What a spare child does while it waits, so that its order runs at once: it takes a pipe's reader through
 * another pipe (a message with a handle inside, which loads JNA for the descriptor passing and starts the
 * channels' code), and decodes a lambda target (the JDK's lambda machinery and the codec's). A child made from a
 * spare then spends its start on its own target only. Whatever fails here fails again, and is reported, when the
 * order is handled.
 */
final class SpareWarmUp {
    private static final int ROUNDS = 3;

    private SpareWarmUp() {}

    /** Warms up; leaves no handle open. */
    static void run() throws InterruptedException {
        try {
            for (int i = 0; i < ROUNDS; i++) {
                handleInsideAMessage();
                DefaultCodec.decode(DefaultCodec.encode((GipcTarget1<GipcReader<Object>>) SpareWarmUp::target));
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

    /** The warm-up's lambda target; never run. */
    private static void target(GipcReader<Object> reader) {}
}
