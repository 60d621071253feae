package io.gipc.netty.process;

import static io.gipc.netty.process.Children.await;
import static io.gipc.netty.process.Children.exit;
import static io.gipc.netty.process.Children.start;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcClosedException;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * gipc's {@code test/test_gipc.py}, class {@code TestDuplexHandleIPC}: duplex handles between processes. The seed's
 * {@code with pipe(True) as (h1, h2)} is {@code try (GipcDuplexPipe<Object> p = Gipc.duplexPipe())} with
 * {@code p.first()}, {@code p.second()}.
 *
 * <p>Where the JVM differs, the same idea is tested instead:
 * <ul>
 *   <li>{@code test_time_sync}: the seed asserts that the child's clock reading, sent after its "ACK", is within
 *       0.03 s of the parent's reading taken when the "ACK" arrived: an assertion on speed. Here the same exchange
 *       checks the order of events instead: the child's reading lies between the parent's reading before it sent
 *       "SYN" and its reading after the time arrived (one system clock; the reading travels as an {@link Instant}).
 *   </li>
 *   <li>{@code test_simple_echo} and {@code test_circular_forward}: the seed only joins the children; here their exit
 *       codes are checked too, and the final "stop" must come round like the 100 messages before it.</li>
 * </ul>
 */
@EnabledOnOs(OS.LINUX)
class DuplexHandleIpcTest {

    static void duplchildCircularForward(GipcDuplex<Object> receiver, GipcDuplex<Object> sender) throws Exception {
        try (receiver;
                sender) {
            Object msg = null;
            while (!"stop".equals(msg)) {
                msg = await(receiver.get());
                await(sender.put(msg));
            }
        }
    }

    static void duplchildTimeSync(GipcDuplex<Object> cend) throws Exception {
        try (cend) {
            assertEquals("SYN", await(cend.get()));
            await(cend.put("ACK"));
            await(cend.put(Instant.now()));
        }
    }

    static void duplchildSimpleEcho(GipcDuplex<Object> h) throws Exception {
        await(h.put(await(h.get())));
    }

    // test_gipc.py TestDuplexHandleIPC.test_simple_echo
    @Test
    void simpleEcho() throws Exception {
        try (GipcDuplexPipe<Object> pipe = Gipc.duplexPipe()) {
            GipcDuplex<Object> hchild = pipe.first();
            GipcDuplex<Object> hparent = pipe.second();
            GProcess p =
                    start(Gipc.process(DuplexHandleIpcTest::duplchildSimpleEcho).args(hchild));
            await(hparent.put("MSG"));
            assertEquals("MSG", await(hparent.get()));
            assertEquals(0, exit(p));
        }
    }

    // test_gipc.py TestDuplexHandleIPC.test_time_sync
    @Test
    void timeSync() throws Exception {
        try (GipcDuplexPipe<Object> pipe = Gipc.duplexPipe()) {
            GipcDuplex<Object> cend = pipe.first();
            GipcDuplex<Object> pend = pipe.second();
            GProcess p =
                    start(Gipc.process(DuplexHandleIpcTest::duplchildTimeSync).args(cend));
            Instant beforeSyn = Instant.now();
            await(pend.put("SYN"));
            assertEquals("ACK", await(pend.get()));
            Instant ctime = assertInstanceOf(Instant.class, await(pend.get()));
            Instant ptime = Instant.now();
            assertFalse(ctime.isBefore(beforeSyn), "the child's time " + ctime + " is before the SYN, " + beforeSyn);
            assertFalse(ctime.isAfter(ptime), "the child's time " + ctime + " is after its arrival, " + ptime);
            assertEquals(0, exit(p));
        }
    }

    // test_gipc.py TestDuplexHandleIPC.test_circular_forward
    @Test
    void circularForward() throws Exception {
        try (GipcDuplexPipe<Object> pipe1 = Gipc.duplexPipe()) {
            GipcDuplex<Object> p11 = pipe1.first();
            GipcDuplex<Object> p12 = pipe1.second();
            try (GipcDuplexPipe<Object> pipe2 = Gipc.duplexPipe()) {
                GipcDuplex<Object> p21 = pipe2.first();
                GipcDuplex<Object> p22 = pipe2.second();
                try (GipcDuplexPipe<Object> pipe3 = Gipc.duplexPipe()) {
                    GipcDuplex<Object> p31 = pipe3.first();
                    GipcDuplex<Object> p32 = pipe3.second();
                    // Two forwarders.
                    GProcess forwarder1 = start(Gipc.process(DuplexHandleIpcTest::duplchildCircularForward)
                            .args(p12, p21));
                    GProcess forwarder2 = start(Gipc.process(DuplexHandleIpcTest::duplchildCircularForward)
                            .args(p22, p31));
                    // Only 2 of the 6 handles are usable here.
                    for (GipcDuplex<Object> h : List.of(p12, p21, p22, p31)) {
                        assertThrows(GipcClosedException.class, () -> h.put(0), h.toString());
                    }
                    // Messages on their journey through the children.
                    for (int i = 0; i < 100; i++) {
                        await(p11.put("BABUUUZ"));
                        assertEquals("BABUUUZ", await(p32.get()), "message " + i);
                    }
                    await(p11.put("stop"));
                    assertEquals("stop", await(p32.get()));
                    assertEquals(0, exit(forwarder1));
                    assertEquals(0, exit(forwarder2));
                }
            }
        }
    }
}
