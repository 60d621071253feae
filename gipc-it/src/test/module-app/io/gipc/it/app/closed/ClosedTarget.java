package io.gipc.it.app.closed;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcException;

/**
 * Starts a child whose target lives in a package that the module does not open to io.gipc.netty: the parent
 * refuses it, before any process starts, and the handle it was to transfer stays with the parent.
 */
public final class ClosedTarget {
    private ClosedTarget() {}

    static void run() {
        System.out.println("the child ran: it should not have");
    }

    /**
     * @param args ignored
     */
    public static void main(String[] args) {
        try (GipcDuplexPipe<String> pipe = Gipc.duplexPipe()) {
            try {
                GProcess child = Gipc.startProcess(ClosedTarget::run);
                System.out.println("started " + child.name() + ": it should have been refused");
            } catch (GipcException e) {
                System.out.println("refused: " + e.getMessage());
            }
            try {
                GProcess child = Gipc.startProcess(h -> {}, pipe.second());
                System.out.println("started " + child.name() + ": it should have been refused");
            } catch (GipcException e) {
                System.out.println("handle still usable: " + !pipe.second().isClosed());
            }
        }
    }
}
