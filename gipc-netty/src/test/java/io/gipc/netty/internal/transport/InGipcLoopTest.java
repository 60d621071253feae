package io.gipc.netty.internal.transport;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.channel.EventLoopGroup;
import io.netty.channel.IoEventLoopGroup;
import io.netty.util.concurrent.DefaultThreadFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * {@link EventLoops#inGipcLoop()}: true on the threads of gipc's default group and of every live group a user
 * gave gipc, false elsewhere; a user's group is forgotten once it has terminated.
 */
class InGipcLoopTest {
    private final List<EventLoopGroup> groups = new ArrayList<>();

    @AfterEach
    void shutDown() {
        EventLoops.use(null);
        for (EventLoopGroup g : groups) {
            g.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
    }

    private IoEventLoopGroup newGroup(String name) {
        IoEventLoopGroup g = EventLoops.newUserGroup(2, new DefaultThreadFactory(name, true));
        groups.add(g);
        return g;
    }

    /** What {@code inGipcLoop()} answers on one of the group's loops. */
    private static boolean answerOn(EventLoopGroup group) throws Exception {
        return group.next().submit(EventLoops::inGipcLoop).get(10, TimeUnit.SECONDS);
    }

    @Test
    void falseOnAThreadThatRunsNoLoop() {
        assertFalse(EventLoops.inGipcLoop());
    }

    @Test
    void trueOnTheDefaultGroupsLoops() throws Exception {
        assertTrue(answerOn(EventLoops.processGroup()));
    }

    @Test
    void trueOnAUsersGroupOnceGivenAndWhileItRuns() throws Exception {
        IoEventLoopGroup mine = newGroup("mine");
        assertFalse(answerOn(mine), "a group gipc was never given");

        EventLoops.use(mine);
        for (int i = 0; i < 2; i++) {
            assertTrue(answerOn(mine), "each loop of a group given to gipc");
        }
        EventLoops.use(null);
        assertTrue(answerOn(mine), "pipes made on it still run there after gipc went back to its default group");
    }

    @Test
    void aUsersGroupIsForgottenOnceItTerminates() throws Exception {
        List<IoEventLoopGroup> given = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            IoEventLoopGroup g = newGroup("short-lived-" + i);
            EventLoops.use(g);
            given.add(g);
        }
        EventLoops.use(null);
        for (IoEventLoopGroup g : given) {
            assertTrue(EventLoops.isKnownUserGroup(g));
            g.shutdownGracefully(0, 0, TimeUnit.MILLISECONDS).awaitUninterruptibly(10, TimeUnit.SECONDS);
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        for (IoEventLoopGroup g : given) {
            // The removal is a listener of the termination future: it may run just after the wait above returns.
            while (EventLoops.isKnownUserGroup(g) && System.nanoTime() < deadline) {
                Thread.sleep(5);
            }
            assertFalse(EventLoops.isKnownUserGroup(g), "a terminated group is still registered: " + g);
        }
    }
}
