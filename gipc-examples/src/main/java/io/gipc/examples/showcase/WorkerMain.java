package io.gipc.examples.showcase;

import io.gipc.GipcDuplex;
import io.gipc.GipcEofException;
import io.gipc.examples.support.StopSignal;

/**
 * The code of a worker process: the target that {@link Worker} hands to {@code Gipc.startProcess}. It runs in
 * its own JVM and may block as much as it likes (it has no event loop to protect): it reads a job, computes,
 * answers, and reads the next one.
 */
final class WorkerMain {
    private WorkerMain() {
    }

    /**
     * Serves jobs until told to stop or until the server's end of the pipe is gone.
     *
     * @param server this worker's end of its duplex pipe
     */
    static void serve(GipcDuplex<Object> server) {
        StopSignal.ignoreInterrupt();   // Ctrl-C in a terminal is for the server, which then stops its workers
        long pid = ProcessHandle.current().pid();
        server.put(new Messages.Ready(pid)).join();
        while (true) {
            Object message;
            try {
                message = server.get().join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof GipcEofException) {
                    return;   // the server closed its end: nothing more will come
                }
                throw e;
            }
            if (!(message instanceof Messages.Job)) {
                return;   // Messages.Stop
            }
            server.put(run((Messages.Job) message, pid)).join();
        }
    }

    private static Object run(Messages.Job job, long pid) {
        long start = System.nanoTime();
        try {
            String value = job.task().compute(job.size());
            return new Messages.Answer(job.id(), value, pid, System.nanoTime() - start);
        } catch (RuntimeException e) {
            return new Messages.Failure(job.id(), e.toString());
        }
    }
}
