package io.gipc.examples;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import java.util.ArrayList;
import java.util.List;

/**
 * Handles inside messages: one long-lived worker process gets jobs over one pipe, and each job carries the
 * writer of a fresh pipe for its results. The worker streams the results of a job on that job's own pipe and
 * closes it, so the parent reads each job's results apart, ending at the end of that pipe, with no job id in
 * any message. (multiprocessing does this by sending a {@code Connection} over a {@code Connection}; Python
 * gipc cannot, since its handles travel only to a child as it starts.)
 *
 * <p>{@code ./mvnw -B -q -Pexample -Dexample=resultpipes -DskipTests verify}, with
 * {@code -Dexample.args="--jobs=N"} for another number of jobs.
 */
public final class ResultPipes {
    private ResultPipes() {}

    /**
     * A job: the numbers to square, and where to put the squares.
     *
     * @param from the first number
     * @param count how many numbers
     * @param results the writer of this job's own pipe; the worker closes it when the job is done
     */
    public record Job(long from, int count, GipcWriter<Long> results) {}

    /**
     * Runs in the worker: for each job, puts the square of each number on the job's result pipe, then closes
     * that pipe. Ends when the parent closes the job pipe.
     *
     * @param jobs the job pipe's reader
     * @throws Exception if a pipe fails
     */
    public static void work(GipcReader<Job> jobs) throws Exception {
        while (true) {
            Job job;
            try {
                job = jobs.get().join();
            } catch (java.util.concurrent.CompletionException e) {
                if (e.getCause() instanceof io.gipc.GipcEofException) {
                    return; // the parent closed the job pipe: no more jobs
                }
                throw e;
            }
            try (GipcWriter<Long> results = job.results()) {
                for (long n = job.from(); n < job.from() + job.count(); n++) {
                    results.put(n * n);
                }
                results.put(-1L).join(); // every earlier put is written before this one
            }
        }
    }

    /**
     * Starts the worker, hands it {@code --jobs=N} jobs (3 by default), each with a fresh result pipe, and
     * prints what came back on each.
     *
     * @param args {@code --jobs=N}
     * @throws Exception if the worker or a pipe fails
     */
    public static void main(String[] args) throws Exception {
        int jobCount = 3;
        for (String a : args) {
            if (a.startsWith("--jobs=")) {
                jobCount = Integer.parseInt(a.substring("--jobs=".length()));
            } else {
                System.err.println("usage: ResultPipes [--jobs=N]");
                System.exit(2);
            }
        }
        GipcPipe<Job> jobs = Gipc.pipe();
        GProcess worker = Gipc.startProcess(ResultPipes::work, jobs.reader());
        System.out.println("worker pid " + worker.pid() + " started once; each job brings its own result pipe");
        for (int j = 0; j < jobCount; j++) {
            try (GipcPipe<Long> results = Gipc.pipe()) {
                jobs.writer().put(new Job(10L * j, 5, results.writer())).join();
                // The put is done: the result writer now lives in the worker only (closed here).
                List<Long> squares = new ArrayList<>();
                for (long s; (s = results.reader().get().join()) >= 0; ) {
                    squares.add(s);
                }
                System.out.println("job " + j + " on " + results.reader() + ": " + squares);
            }
        }
        jobs.writer().close();
        System.out.println("worker exit code " + worker.join().join() + "; handles left open here: "
                + Gipc.openHandles().size());
    }
}
