package io.gipc.spi;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What {@link io.gipc.GProcessBuilder#start()} asks a {@link GipcProvider} to start. Checked for arity already.
 *
 * @param target the target: a {@code GipcTarget0..4} or a {@code GipcTarget}
 * @param args the positional arguments
 * @param kwargs the keyword arguments (only for a {@code GipcTarget})
 * @param name the name, or null for the default
 * @param daemon the daemon flag
 * @param jvmOptions JVM options added after the inherited ones
 * @param javaExecutable the {@code java} to run, or null for this JVM's
 * @param classpath the class path, or null for this JVM's
 * @param inheritEnvironment whether the child starts from this JVM's environment
 * @param environment variables set on top
 * @param workingDirectory the working directory, or null for this JVM's
 * @param redirectOutput the file the child's standard output goes to (created or truncated), or null for this
 *        JVM's standard output
 * @param redirectError the file the child's standard error goes to (created or truncated), or null for this
 *        JVM's standard error; when it is the same file as {@code redirectOutput}, both go to it, in order
 */
public record ProcessRequest(
        Object target,
        List<Object> args,
        Map<String, Object> kwargs,
        String name,
        boolean daemon,
        List<String> jvmOptions,
        Path javaExecutable,
        List<String> classpath,
        boolean inheritEnvironment,
        Map<String, String> environment,
        Path workingDirectory,
        Path redirectOutput,
        Path redirectError) {}
