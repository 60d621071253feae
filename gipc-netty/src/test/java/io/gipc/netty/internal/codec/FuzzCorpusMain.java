package io.gipc.netty.internal.codec;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Writes the fuzz corpus: the encoding of every value of the type matrix ({@link Samples}), one file each. Run
 * again when the matrix grows: {@code java -cp <test class path> io.gipc.netty.internal.codec.FuzzCorpusMain
 * gipc-netty/src/test/resources/fuzz/corpus}.
 */
public final class FuzzCorpusMain {
    private static final int MAX_BYTES = 4096;

    private FuzzCorpusMain() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args[0]);
        Files.createDirectories(dir);
        int written = 0;
        for (Samples.Sample sample : Samples.all()) {
            byte[] bytes;
            try {
                bytes = DefaultCodec.encode(sample.value().get());
            } catch (RuntimeException e) {
                continue; // a sample that needs flags this JVM lacks
            }
            if (bytes.length > MAX_BYTES) {
                continue; // large inputs slow the fuzzer down and teach it nothing the small ones do not
            }
            String name = sample.name().toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
            Files.write(dir.resolve(name + ".bin"), bytes);
            written++;
        }
        System.out.println(written + " inputs in " + dir);
    }
}
