package io.gipc.examples.webflux;

import io.gipc.GipcFuture;
import io.gipc.GipcPool;
import io.gipc.GipcWorkerDiedException;
import java.util.concurrent.RejectedExecutionException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import reactor.core.publisher.Mono;

/**
 * {@code GET /primes?n=N}: the number of primes below N, counted in a worker of the pool. The handler only submits
 * the task and returns a Mono of its future: no event loop waits for the answer.
 */
@RestController
class PrimesController {
    /** Keeps one request under a minute of one core's time. */
    static final int MAX_N = 50_000_000;

    private final GipcPool pool;

    PrimesController(GipcPool pool) {
        this.pool = pool;
    }

    @GetMapping("/primes")
    Mono<ResponseEntity<String>> primes(@RequestParam("n") int n) {
        if (n < 0 || n > MAX_N) {
            return Mono.just(
                    ResponseEntity.badRequest().body("n must be between 0 and " + MAX_N + ", not " + n + "\n"));
        }
        GipcFuture<Integer> count = pool.submit(Primes::countBelow, n);
        // A client that goes away takes its task out of the queue, but does not kill a worker already running it
        // (which cancel(true), Reactor's default, would do: a new worker costs a JVM start).
        return Mono.fromFuture(count, true)
                .doOnCancel(() -> count.cancel(false))
                .map(c -> ResponseEntity.ok("primes below " + n + ": " + c + "\n"))
                .onErrorResume(
                        GipcWorkerDiedException.class,
                        e -> Mono.just(unavailable("the worker counting primes" + " below " + n + " died (exit code "
                                + e.exitCode() + "); try again")))
                .onErrorResume(
                        RejectedExecutionException.class, e -> Mono.just(unavailable("too busy: " + e.getMessage())));
    }

    private static ResponseEntity<String> unavailable(String message) {
        return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body(message + "\n");
    }
}
