package io.gipc.testkit;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.DynamicTestInvocationContext;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.InvocationInterceptor;
import org.junit.jupiter.api.extension.ReflectiveInvocationContext;

/**
 * The gipc test kit's JUnit 5 extension: a leak check after each test and a hang guard around it; the JVM
 * equivalent of gipc's own {@code check_for_handles_left_open}, plus what a JVM needs on top.
 *
 * <p><b>Leak check.</b> Before each test (before its {@code @BeforeEach} methods) it notes what is open; after
 * it (after its {@code @AfterEach} methods) it fails the test, naming each leak, if the test left
 * <ul>
 *   <li>child processes running: gipc's children and any other child of this JVM; they are killed, with their
 *       own children;</li>
 *   <li>gipc handles open ({@link io.gipc.Gipc#openHandles()}) or {@link RawPeer}s open: they are closed, by
 *       force if an operation stays pending (the operation fails);</li>
 *   <li>more descriptors open than before (read from {@code /proc/self/fd} on Linux, {@code /dev/fd} on macOS;
 *       on Linux, files with a path are left out, since the JVM opens jars and class files lazily): they are
 *       named, with what they point at.</li>
 * </ul>
 * Children and descriptors get {@value #SETTLE_PARAMETER} (default {@link #DEFAULT_SETTLE}) to come back to
 * the baseline, since a child may be ending and an event loop closing a descriptor. The same check runs around
 * each test class (from before its {@code @BeforeAll} methods to after its {@code @AfterAll} methods). Before the
 * first baseline of the JVM the extension opens and closes a pipe, so that gipc's event loop, which lives as
 * long as the JVM, is not blamed on the first test.
 *
 * <p><b>Hang guard.</b> Each test method and each lifecycle method runs on a thread of its own, under a time
 * limit: {@link GipcTest#timeout()}, else the configuration parameter {@value #TIMEOUT_PARAMETER} (JUnit's
 * duration format, {@code "30 s"}; {@code "0"} or {@code "off"} for no limit), else {@link #DEFAULT_TIMEOUT}. A
 * method still running at its limit fails with an {@link AssertionError} that reports where its thread was, the
 * open handles with their pending {@code get()}s and {@code put()}s, and the live children; before it fails,
 * the children, raw peers and handles of the test are cleaned up as above, which ends the {@code join()} a test
 * typically hangs in (no interrupt would), and the thread is interrupted. The build goes on.
 *
 * <p><b>Registering it.</b> Annotate a class or method with {@link GipcTest}, or
 * {@code @ExtendWith(GipcTestExtension.class)}; or register it for every test of a project through JUnit's
 * auto-detection: the gipc-testkit jar declares it as a service, so {@code src/test/resources/junit-platform.properties}
 * needs only {@code junit.jupiter.extensions.autodetection.enabled=true}. It works without a gipc implementation
 * on the class path too (then only children and descriptors are checked).
 *
 * <p>Tests of one JVM must run one at a time (JUnit's default): the check looks at the whole JVM, so tests
 * running in parallel would be blamed for each other's handles.
 */
public final class GipcTestExtension
        implements BeforeAllCallback, AfterAllCallback, BeforeEachCallback, AfterEachCallback, InvocationInterceptor {

    /** The configuration parameter of the default time limit, e.g. {@code gipc.testkit.timeout=30 s}. */
    public static final String TIMEOUT_PARAMETER = "gipc.testkit.timeout";
    /** The configuration parameter of how long children and descriptors get to settle after a test. */
    public static final String SETTLE_PARAMETER = "gipc.testkit.settle";
    /** The time limit when neither {@link GipcTest#timeout()} nor {@value #TIMEOUT_PARAMETER} sets one. */
    public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(60);
    /** How long children and descriptors get to settle when {@value #SETTLE_PARAMETER} is not set. */
    public static final Duration DEFAULT_SETTLE = Duration.ofSeconds(5);

    private static final ExtensionContext.Namespace NAMESPACE =
            ExtensionContext.Namespace.create(GipcTestExtension.class);

    /** Called by JUnit. */
    public GipcTestExtension() {}

    @Override
    public void beforeAll(ExtensionContext context) {
        begin(context);
    }

    @Override
    public void afterAll(ExtensionContext context) throws InterruptedException {
        end(context);
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        begin(context);
    }

    @Override
    public void afterEach(ExtensionContext context) throws InterruptedException {
        end(context);
    }

    @Override
    public void interceptTestMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context)
            throws Throwable {
        guard(invocation, context, testName(context));
    }

    @Override
    public void interceptTestTemplateMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context)
            throws Throwable {
        guard(invocation, context, testName(context));
    }

    @Override
    public <T> T interceptTestFactoryMethod(
            Invocation<T> invocation, ReflectiveInvocationContext<Method> invocationContext, ExtensionContext context)
            throws Throwable {
        return guard(invocation, context, testName(context));
    }

    @Override
    public void interceptDynamicTest(
            Invocation<Void> invocation, DynamicTestInvocationContext invocationContext, ExtensionContext context)
            throws Throwable {
        guard(invocation, context, testName(context));
    }

    @Override
    public void interceptBeforeAllMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context)
            throws Throwable {
        guard(invocation, context, lifecycleName("@BeforeAll", invocationContext));
    }

    @Override
    public void interceptBeforeEachMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context)
            throws Throwable {
        guard(invocation, context, lifecycleName("@BeforeEach", invocationContext));
    }

    @Override
    public void interceptAfterEachMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context)
            throws Throwable {
        guard(invocation, context, lifecycleName("@AfterEach", invocationContext));
    }

    @Override
    public void interceptAfterAllMethod(
            Invocation<Void> invocation,
            ReflectiveInvocationContext<Method> invocationContext,
            ExtensionContext context)
            throws Throwable {
        guard(invocation, context, lifecycleName("@AfterAll", invocationContext));
    }

    private static void begin(ExtensionContext context) {
        WarmUp.once();
        context.getStore(NAMESPACE).put(key(context), Baseline.take());
    }

    private static void end(ExtensionContext context) throws InterruptedException {
        Baseline before = context.getStore(NAMESPACE).remove(key(context), Baseline.class);
        if (before == null) {
            return; // the baseline was never taken: that failure is reported already
        }
        String name = context.getTestMethod().isPresent() ? testName(context) : className(context);
        List<String> problems = LeakCheck.run(before, TimeLimit.settle(context), "the test left it open");
        if (!problems.isEmpty()) {
            throw new AssertionError(LeakCheck.message(name, problems));
        }
    }

    private static <T> T guard(Invocation<T> invocation, ExtensionContext context, String name) throws Throwable {
        Duration limit = TimeLimit.of(context);
        if (limit.isZero() || limit.isNegative()) {
            return invocation.proceed();
        }
        Baseline baseline = nearestBaseline(context);
        return HangGuard.run(invocation, limit, new HangGuard.Scope() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public Baseline baseline() {
                return baseline;
            }
        });
    }

    /** The baseline of the test or class this context belongs to: the nearest one up the context tree. */
    private static Baseline nearestBaseline(ExtensionContext context) {
        for (ExtensionContext c = context; c != null; c = c.getParent().orElse(null)) {
            Baseline b = c.getStore(NAMESPACE).get(key(c), Baseline.class);
            if (b != null) {
                return b;
            }
        }
        return null;
    }

    private static String key(ExtensionContext context) {
        return "baseline " + context.getUniqueId();
    }

    private static String testName(ExtensionContext context) {
        return context.getTestClass().map(c -> c.getSimpleName() + ".").orElse("") + context.getDisplayName();
    }

    private static String className(ExtensionContext context) {
        return context.getTestClass().map(Class::getName).orElse(context.getDisplayName());
    }

    private static String lifecycleName(String kind, ReflectiveInvocationContext<Method> invocationContext) {
        Method m = invocationContext.getExecutable();
        return kind + " " + m.getDeclaringClass().getSimpleName() + "." + m.getName() + "()";
    }
}
