package io.gipc.testkit;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Runs a test class, or one test method, under {@link GipcTestExtension}: the leak check after each test and
 * the hang guard around it.
 *
 * <pre>{@code
 * @GipcTest(timeout = 30)
 * class WorkerTest {
 *     @Test
 *     void answers() { ... }
 *
 *     @Test
 *     @GipcTest(timeout = 5)   // a tighter limit for this one
 *     void answersQuickly() { ... }
 * }
 * }</pre>
 *
 * <p>The time limit of a test is the {@code timeout} of the nearest {@code @GipcTest} that sets one (the
 * method, then its class, then the enclosing classes of a {@code @Nested} class); otherwise the configuration
 * parameter {@value GipcTestExtension#TIMEOUT_PARAMETER}; otherwise
 * {@link GipcTestExtension#DEFAULT_TIMEOUT}. The limit applies to each test method and to each lifecycle
 * method ({@code @BeforeEach}, {@code @AfterAll}, ...) on its own.
 */
@Target({ElementType.TYPE, ElementType.METHOD, ElementType.ANNOTATION_TYPE})
@Retention(RetentionPolicy.RUNTIME)
@Documented
@Inherited
@ExtendWith(GipcTestExtension.class)
public @interface GipcTest {
    /**
     * The time limit, in {@link #unit()}s: a test still running then fails with a report and is cleaned up.
     * {@code 0} means no limit; a negative value (the default) means: as configured around it.
     *
     * @return the limit
     */
    long timeout() default -1;

    /**
     * The unit of {@link #timeout()}.
     *
     * @return the unit, seconds by default
     */
    TimeUnit unit() default TimeUnit.SECONDS;
}
