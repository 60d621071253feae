package io.gipc.testkit;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.extension.ConditionEvaluationResult;
import org.junit.jupiter.api.extension.ExecutionCondition;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Marks a sample test class, which misbehaves on purpose: it runs only inside {@link SampleRun}, never as part of
 * the build's own tests. Shared with gipc-it through this module's test jar.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@ExtendWith(Sample.OnlyInSampleRun.class)
public @interface Sample {
    /** Enables a sample class only when {@link SampleRun} sets its configuration parameter. */
    public final class OnlyInSampleRun implements ExecutionCondition {
        @Override
        public ConditionEvaluationResult evaluateExecutionCondition(ExtensionContext context) {
            return context.getConfigurationParameter(SampleRun.ENABLED)
                            .map(Boolean::parseBoolean)
                            .orElse(false)
                    ? ConditionEvaluationResult.enabled("run by SampleRun")
                    : ConditionEvaluationResult.disabled("a sample: runs only inside SampleRun");
        }
    }
}
