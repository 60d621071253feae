package io.gipc.netty.process;

import static io.gipc.netty.process.Children.LIGHT;
import static io.gipc.netty.process.Children.await;
import static io.gipc.netty.process.Children.exit;
import static io.gipc.netty.process.Children.start;
import static io.gipc.netty.process.Children.timeout;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import io.gipc.GProcess;
import io.gipc.Gipc;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import io.gipc.testkit.ChildProcesses;
import io.gipc.testkit.ChildResult;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.EnabledOnOs;
import org.junit.jupiter.api.condition.OS;

/**
 * gipc's {@code test/test_gipc.py}, class {@code TestComplexUseCases}: gipc together with other machinery of a
 * program (the resolver, a thread pool, a server), in scenarios of common use.
 *
 * <p>Where the JVM differs, the same idea is tested instead:
 * <ul>
 *   <li>{@code test_getaddrinfo_mp} and {@code test_threadpool_resolver_mp}: the seed makes gevent's hub start its
 *       thread pool and resolver in the parent, then forks a child that must not hang on, or be broken by, those
 *       threads it inherited half-alive (gipc tears the pool down after fork). A JVM has no fork: a child is a new
 *       JVM, which starts with no thread, pool or resolver cache of its parent's, whatever the parent was running.
 *       What is left to prove is that a child can use the JVM's resolver ({@link InetAddress}), from its main
 *       thread and from a thread pool of its own, while the parent has used both and keeps its pool running; so
 *       the child resolves {@code "localhost"} (no network is needed) and sends the answer, which must equal the
 *       parent's own. The seed's {@code join(timeout=1)} and {@code join(timeout=2)} are assertions on speed;
 *       here the join is bounded against hangs only ({@link Children#TIMEOUT_S}).</li>
 *   <li>{@code test_wsgi_scenario}: gevent's WSGI server is a Netty HTTP server ({@link ChildPerRequestHttpServer});
 *       the seed's {@code urlopen} in the client child is {@link HttpClient}. The seed checks the body in the client
 *       child, and the response child's exit code in the server, where a failed {@code assert} becomes a 500; here
 *       the client child sends the status and the body to the test through a pipe, and the test checks them and
 *       every child's exit code itself.</li>
 *   <li>{@code test_multi_duplex}: the seed's greenlets are threads. Despite its name, each of the 10 conversations
 *       goes over two simplex pipes, as in the seed; each conversation sends a text of its own ({@code "msg 3"}
 *       instead of {@code "msg"}) so that a message that went to another conversation's child would be seen.</li>
 * </ul>
 */
@EnabledOnOs(OS.LINUX)
class ComplexUseCasesTest {
    /** The name both sides resolve: it needs no network. */
    static final String NAME = "localhost";

    /** What the response children of the HTTP server send: the seed's {@code b"response"}. */
    static final byte[] RESPONSE = "response".getBytes(StandardCharsets.US_ASCII);

    /** {@code getaddrinfo(name)}, as the JVM does it: the addresses in the order the system resolver gives them. */
    static ArrayList<String> resolve(String name) throws UnknownHostException {
        ArrayList<String> addresses = new ArrayList<>();
        for (InetAddress a : InetAddress.getAllByName(name)) {
            addresses.add(a.getHostAddress());
        }
        return addresses;
    }

    static void complchildTestGetaddrinfoMp(GipcWriter<Object> answer) throws Exception {
        await(answer.put(resolve(NAME)));
    }

    static void complchildTestThreadpoolResolverMp(GipcWriter<Object> answer) throws Exception {
        ExecutorService threadpool = Executors.newFixedThreadPool(2);
        try {
            await(answer.put(await(threadpool.submit(() -> resolve(NAME)))));
        } finally {
            threadpool.shutdownNow();
        }
    }

    static void complchildTestWsgiScenarioRespgen(GipcWriter<Object> writer) throws Exception {
        await(writer.put(RESPONSE));
    }

    /** The seed's client child: one GET; here it sends the status and the body back instead of asserting on them. */
    static void complchildTestWsgiScenarioClient(String host, Integer port, GipcWriter<Object> report)
            throws Exception {
        HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        HttpRequest get = HttpRequest.newBuilder(new URI("http", null, host, port, "/", null, null))
                .timeout(timeout())
                .build();
        HttpResponse<byte[]> result = http.send(get, HttpResponse.BodyHandlers.ofByteArray());
        await(report.put(new ArrayList<>(List.of(result.statusCode(), result.body()))));
    }

    static void complchildTestMultiDuplex(GipcReader<Object> r, GipcWriter<Object> w) throws Exception {
        await(w.put(await(r.get())));
    }

    // test_gipc.py TestComplexUseCases.test_getaddrinfo_mp
    @Test
    void getaddrinfoMp() throws Exception {
        // The parent uses its resolver before it starts the child, as the seed does.
        List<String> parentsAnswer = resolve(NAME);
        assertFalse(parentsAnswer.isEmpty());
        try (GipcPipe<Object> pipe = Gipc.pipe()) {
            GProcess p = start(Gipc.process(ComplexUseCasesTest::complchildTestGetaddrinfoMp)
                    .args(pipe.writer()));
            assertEquals(parentsAnswer, await(pipe.reader().get()));
            assertEquals(0, exit(p));
        }
    }

    // test_gipc.py TestComplexUseCases.test_threadpool_resolver_mp
    @Test
    void threadpoolResolverMp() throws Exception {
        // The parent's thread pool has resolved on one of its threads and is still running when the child starts:
        // the seed's live hub threadpool and resolver.
        ExecutorService threadpool = Executors.newFixedThreadPool(2);
        try (GipcPipe<Object> pipe = Gipc.pipe()) {
            List<String> parentsAnswer = await(threadpool.submit(() -> resolve(NAME)));
            assertFalse(parentsAnswer.isEmpty());
            GProcess p = start(Gipc.process(ComplexUseCasesTest::complchildTestThreadpoolResolverMp)
                    .args(pipe.writer()));
            assertEquals(parentsAnswer, await(pipe.reader().get()));
            assertEquals(0, exit(p));
        } finally {
            threadpool.shutdownNow();
        }
    }

    // test_gipc.py TestComplexUseCases.test_wsgi_scenario
    @Test
    void wsgiScenario() throws Exception {
        try (ChildPerRequestHttpServer httpServer =
                        ChildPerRequestHttpServer.start(ComplexUseCasesTest::complchildTestWsgiScenarioRespgen);
                GipcPipe<Object> report = Gipc.pipe()) {
            InetSocketAddress address = httpServer.address();
            ChildResult client = ChildProcesses.run(
                    Gipc.process(ComplexUseCasesTest::complchildTestWsgiScenarioClient)
                            .args(address.getAddress().getHostAddress(), address.getPort(), report.writer())
                            .jvmOptions(LIGHT),
                    timeout());
            assertEquals(0, client.exitCode(), client.stderr());

            List<?> statusAndBody = (List<?>) await(report.reader().get());
            byte[] body = (byte[]) statusAndBody.get(1);
            assertEquals(200, statusAndBody.get(0), new String(body, StandardCharsets.UTF_8));
            assertArrayEquals(RESPONSE, body);
            // One request, one response child, which ended with 0 before its response was written.
            assertEquals(List.of(0), httpServer.exitCodes());
        }
    }

    /** One of the seed's {@code duplexlets}: a child echoes a message from one pipe into another. */
    private void duplex(String msg) throws Exception {
        try (GipcPipe<Object> pipe = Gipc.pipe()) {
            try (GipcPipe<Object> pipe2 = Gipc.pipe()) {
                GProcess p = start(Gipc.process(ComplexUseCasesTest::complchildTestMultiDuplex)
                        .args(pipe.reader(), pipe2.writer()));
                await(pipe.writer().put(msg));
                assertEquals(msg, await(pipe2.reader().get()));
                assertEquals(0, exit(p));
            }
        }
    }

    // test_gipc.py TestComplexUseCases.test_multi_duplex
    @Test
    void multiDuplex() throws Exception {
        ExecutorService greenlets = Executors.newFixedThreadPool(10);
        try {
            List<Future<Void>> duplexlets = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                String msg = "msg " + i;
                duplexlets.add(greenlets.submit(() -> {
                    duplex(msg);
                    return null;
                }));
            }
            for (Future<Void> g : duplexlets) {
                await(g);
            }
        } finally {
            greenlets.shutdownNow();
        }
    }
}
