package io.gipc.stress;

import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcEofException;
import io.gipc.GipcPipe;
import io.gipc.GipcWriter;
import io.gipc.testkit.Await;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * A hundred children started at once, each sending a thousand messages through a pipe of its own: every message
 * arrives, in order, every child exits 0, and none is left behind, not even as a zombie. Linux only: the process
 * table is read from {@code /proc}. (After a failure, the test kit kills the children still running.)
 */
@EnabledOnOs(OS.LINUX)
class HundredChildrenTest {
    static final int CHILDREN = 100;
    static final int MESSAGES_EACH = 1_000;

    /** One message: which child sent it, and its place in that child's sequence. */
    record Tick(int child, int seq) {}

    /** A child: its thousand ticks, each written before the next is put. */
    static void sendTicks(GipcWriter<Tick> out, Integer child) throws Exception {
        for (int seq = 0; seq < MESSAGES_EACH; seq++) {
            out.put(new Tick(child, seq)).get();
        }
    }

    @Test
    void aHundredChildrenAtOnceDeliverEveryMessageInOrderAndLeaveNoZombie() {
        List<GProcess> children = new ArrayList<>();
        try (ClosingList<GipcPipe<Tick>> pipes = new ClosingList<>()) {
            for (int c = 0; c < CHILDREN; c++) {
                GipcPipe<Tick> pipe = Gipc.pipe();
                pipes.add(pipe);
                children.add(Gipc.process(HundredChildrenTest::sendTicks)
                        .args(pipe.writer(), c)
                        .jvmOptions(SmallJvm.OPTIONS)
                        .start());
            }

            // Round robin, one tick of each child in turn: the pipes are read side by side, as they are written.
            int received = 0;
            for (int seq = 0; seq < MESSAGES_EACH; seq++) {
                for (int c = 0; c < CHILDREN; c++) {
                    assertEquals(new Tick(c, seq), await(pipes.get(c).reader().get()));
                    received++;
                }
            }
            assertEquals(CHILDREN * MESSAGES_EACH, received);

            for (int c = 0; c < CHILDREN; c++) {
                assertInstanceOf(
                        GipcEofException.class,
                        Await.failure(pipes.get(c).reader().get()),
                        "child " + c + " sent more than its " + MESSAGES_EACH + " ticks");
                assertEquals(0, await(children.get(c).join()), children.get(c) + " exit code");
            }
            assertEquals(List.of(), ProcessTable.childrenOfThisJvm(), "children left in the process table");
        }
    }
}
