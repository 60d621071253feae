package io.gipc.examples.webflux;

import io.gipc.Gipc;
import io.gipc.GipcPool;
import io.gipc.micrometer.GipcPoolMetrics;
import io.gipc.netty.GipcNetty;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.http.client.ReactorResourceFactory;

/**
 * A WebFlux application that counts primes in a gipc worker pool. The pool's pipes run on Reactor Netty's own event
 * loops (the native epoll ones on Linux): a task's answer completes its future on the loop that serves HTTP. (gipc
 * keeps a small group of loops of its own to watch its worker processes.) The pool's figures go to Micrometer, on
 * Actuator's {@code /actuator/metrics}.
 *
 * <p>{@code java -jar gipc-examples-webflux.jar [--server.port=8080] [--primes.workers=2]}, then
 * {@code curl 'localhost:8080/primes?n=1000000'} and
 * {@code curl localhost:8080/actuator/metrics/gipc.pool.tasks.completed}.
 */
@SpringBootApplication
public class PrimesApplication {
    /**
     * Starts the application.
     *
     * @param args Spring Boot's arguments ({@code --server.port=...})
     */
    public static void main(String[] args) {
        SpringApplication.run(PrimesApplication.class, args);
    }

    /**
     * The pool. Its pipes live on Reactor Netty's event loops, those Spring Boot's server runs on ({@code
     * onServer(true)}: the native transport's group, epoll on Linux), so each task's answer completes its future on
     * the loop that serves HTTP.
     *
     * <p>On SIGTERM, gipc shuts the pool down gracefully itself, before it ends any worker (the JVM runs Spring's
     * shutdown hook and gipc's at the same time): running tasks complete, then the workers exit 0.
     */
    @Bean(destroyMethod = "close") // waits for the running and queued tasks; then every worker exits 0
    GipcPool primesPool(ReactorResourceFactory reactor, @Value("${primes.workers:2}") int workers) {
        GipcNetty.useEventLoopGroup(reactor.getLoopResources().onServer(true));
        return Gipc.pool().name("primes").workers(workers).maxQueued(100).start();
    }

    /** Spring Boot binds every MeterBinder bean to its registry: the pool's meters, tagged pool=primes. */
    @Bean
    GipcPoolMetrics primesPoolMetrics(GipcPool pool) {
        return new GipcPoolMetrics(pool);
    }
}
