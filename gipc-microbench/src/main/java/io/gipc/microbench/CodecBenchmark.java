package io.gipc.microbench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One value encoded to bytes and decoded back, per codec and shape. A combination a codec cannot carry fails
 * in its set-up with the codec's own error, and JMH goes on with the next.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(2)
@Warmup(iterations = 4, time = 1)
@Measurement(iterations = 3, time = 1)
public class CodecBenchmark {
    /** The codec measured. */
    @Param({"GIPC", "JAVA", "KRYO", "FORY", "PROTOSTUFF"})
    public Codecs codec;

    /** The value carried. */
    @Param({"RECORD", "STRING_1K", "MAP_100", "LIST_10K_LONGS", "EXCEPTION"})
    public Shapes shape;

    private Codec instance;
    private Object value;

    /**
     * Creates the codec and the value, and checks once that the value comes back whole.
     *
     * @throws Exception when the codec cannot carry the value, or brings back something else
     */
    @Setup
    public void setUp() throws Exception {
        instance = codec.create();
        value = shape.value();
        Object decoded = instance.decode(instance.encode(value));
        if (!shape.cameBack(value, decoded)) {
            throw new IllegalStateException(codec + " does not bring back a " + shape + ": got " + decoded);
        }
    }

    /**
     * Encodes the value and decodes its bytes.
     *
     * @return the decoded value, for JMH's blackhole
     * @throws Exception when the codec fails
     */
    @Benchmark
    public Object roundTrip() throws Exception {
        return instance.decode(instance.encode(value));
    }
}
