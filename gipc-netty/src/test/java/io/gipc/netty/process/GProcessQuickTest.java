package io.gipc.netty.process;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcPipe;
import io.gipc.GipcWriter;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;

class GProcessQuickTest {
    static void hello(GipcWriter<Object> w) throws Exception {
        w.put("hello from " + ProcessHandle.current().pid()).get();
    }

    @Test
    void quick() throws Exception {
        System.err.println("cp=" + System.getProperty("java.class.path"));
        try (GipcPipe<Object> p = Gipc.pipe()) {
            long t0 = System.nanoTime();
            GProcess c = Gipc.startProcess(GProcessQuickTest::hello, p.writer());
            System.err.println("got " + p.reader().get().get(60, TimeUnit.SECONDS));
            assertEquals(0, c.join().get(60, TimeUnit.SECONDS));
            System.err.println("ms " + (System.nanoTime() - t0) / 1e6);
        }
    }
}
