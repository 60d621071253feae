package io.gipc.netty.pipes;

import static io.gipc.testkit.Await.await;
import static org.junit.jupiter.api.Assertions.assertEquals;

import io.gipc.Gipc;
import io.gipc.GipcDuplex;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcPipe;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * docs/api.md, Pipes 10: a pipe works inside one JVM (between threads, or callbacks on the loop) and between
 * processes alike. (Between processes is the process tests' part.)
 */
@Timeout(60)
class InOneJvmTest {

    @Test
    void betweenThreads() throws Exception {
        int n = 2000;
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try (GipcPipe<Integer> pipe = Gipc.pipe()) {
            Future<?> producer = threads.submit(() -> {
                for (int i = 0; i < n; i++) {
                    await(pipe.writer().put(i));
                }
            });
            Future<List<Integer>> consumer = threads.submit(() -> {
                List<Integer> got = new ArrayList<>();
                for (int i = 0; i < n; i++) {
                    got.add(await(pipe.reader().get()));
                }
                return got;
            });
            List<Integer> got = await(consumer);
            await(producer);
            for (int i = 0; i < n; i++) {
                assertEquals(i, got.get(i));
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void betweenCallbacksOnTheLoop() {
        int n = 1000;
        try (GipcDuplexPipe<Integer> pipe = Gipc.duplexPipe()) {
            GipcDuplex<Integer> client = pipe.first();
            GipcDuplex<Integer> server = pipe.second();
            CompletableFuture<Integer> served = new CompletableFuture<>();
            serve(server, 0, served);
            CompletableFuture<List<Integer>> answers = new CompletableFuture<>();
            ask(client, 0, n, new ArrayList<>(), answers);
            List<Integer> got = await(answers);
            assertEquals(n, got.size());
            for (int i = 0; i < n; i++) {
                assertEquals(2 * i, got.get(i), "answer " + i);
            }
            assertEquals(n, await(served), "the server saw every request and the stop");
        }
    }

    /** Echoes twice each number it gets, from callbacks on the loop, until it gets -1. */
    private static void serve(GipcDuplex<Integer> server, int count, CompletableFuture<Integer> served) {
        server.get().whenComplete((m, failure) -> {
            if (failure != null) {
                served.completeExceptionally(failure);
            } else if (m == -1) {
                served.complete(count);
            } else {
                server.put(2 * m).whenComplete((v, e) -> {
                    if (e != null) {
                        served.completeExceptionally(e);
                    }
                });
                serve(server, count + 1, served);
            }
        });
    }

    /** Sends i, waits (in a callback) for the answer, then sends i + 1; sends -1 at the end. */
    private static void ask(
            GipcDuplex<Integer> client, int i, int n, List<Integer> answers, CompletableFuture<List<Integer>> done) {
        if (i == n) {
            client.put(-1).whenComplete((v, e) -> {
                if (e != null) {
                    done.completeExceptionally(e);
                } else {
                    done.complete(answers);
                }
            });
            return;
        }
        client.put(i);
        client.get().whenComplete((answer, failure) -> {
            if (failure != null) {
                done.completeExceptionally(failure);
            } else {
                answers.add(answer);
                ask(client, i + 1, n, answers, done);
            }
        });
    }
}
