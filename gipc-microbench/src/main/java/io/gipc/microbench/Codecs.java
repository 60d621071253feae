package io.gipc.microbench;

import com.esotericsoftware.kryo.Kryo;
import com.esotericsoftware.kryo.io.Input;
import com.esotericsoftware.kryo.io.Output;
import com.esotericsoftware.kryo.serializers.JavaSerializer;
import com.esotericsoftware.kryo.util.DefaultInstantiatorStrategy;
import io.gipc.Decoder;
import io.gipc.Encoder;
import io.gipc.spi.GipcProvider;
import io.protostuff.LinkedBuffer;
import io.protostuff.ProtostuffIOUtil;
import io.protostuff.Schema;
import io.protostuff.runtime.RuntimeSchema;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ServiceLoader;
import org.apache.fory.Fory;
import org.apache.fory.config.Language;
import org.apache.fory.logging.LoggerFactory;
import org.objenesis.strategy.StdInstantiatorStrategy;

/**
 * The codecs compared, each set up the way its documentation recommends for values whose classes are not
 * registered in advance (gipc's default codec needs no registration either), with shared references kept, and
 * each reusing what it may reuse between calls. Every instance is for one thread.
 */
public enum Codecs {
    /** gipc's default codec, as {@code Gipc.pipe()} gets it from the provider. */
    GIPC {
        @Override
        public Codec create() {
            GipcProvider provider = ServiceLoader.load(GipcProvider.class)
                    .findFirst()
                    .orElseThrow(() -> new IllegalStateException("no gipc provider on the class path"));
            Encoder<Object> encoder = provider.defaultEncoder();
            Decoder<Object> decoder = provider.defaultDecoder();
            return new Codec() {
                @Override
                public byte[] encode(Object value) throws Exception {
                    return encoder.encode(value);
                }

                @Override
                public Object decode(byte[] bytes) throws Exception {
                    return decoder.decode(bytes);
                }
            };
        }
    },

    /** {@code ObjectOutputStream} and {@code ObjectInputStream}. */
    JAVA {
        @Override
        public Codec create() {
            return new Codec() {
                @Override
                public byte[] encode(Object value) throws Exception {
                    ByteArrayOutputStream bytes = new ByteArrayOutputStream(256);
                    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
                        out.writeObject(value);
                    }
                    return bytes.toByteArray();
                }

                @Override
                public Object decode(byte[] bytes) throws Exception {
                    try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
                        return in.readObject();
                    }
                }
            };
        }
    },

    /**
     * Kryo 5: classes unregistered (written by name), references on, Objenesis for classes without a no-argument
     * constructor, and Java serialization for exceptions (Kryo's field serializer cannot open
     * {@code Throwable}'s fields on JDK 17+), as Kryo's documentation advises. One reused buffer each way.
     */
    KRYO {
        @Override
        public Codec create() {
            Kryo kryo = new Kryo();
            kryo.setRegistrationRequired(false);
            kryo.setReferences(true);
            kryo.setInstantiatorStrategy(new DefaultInstantiatorStrategy(new StdInstantiatorStrategy()));
            kryo.addDefaultSerializer(Throwable.class, JavaSerializer.class);
            Output output = new Output(256, -1);
            Input input = new Input();
            return new Codec() {
                @Override
                public byte[] encode(Object value) {
                    output.reset();
                    kryo.writeClassAndObject(output, value);
                    return output.toBytes();
                }

                @Override
                public Object decode(byte[] bytes) {
                    input.setBuffer(bytes);
                    return kryo.readClassAndObject(input);
                }
            };
        }
    },

    /** Apache Fory in its Java mode: classes unregistered, references tracked; it reuses its own buffer. */
    FORY {
        @Override
        public Codec create() {
            LoggerFactory.disableLogging(); // else it logs each class it generates code for, at INFO
            Fory fory = Fory.builder()
                    .withLanguage(Language.JAVA)
                    .requireClassRegistration(false)
                    .withRefTracking(true)
                    .suppressClassRegistrationWarnings(true)
                    .build();
            return new Codec() {
                @Override
                public byte[] encode(Object value) {
                    return fory.serialize(value);
                }

                @Override
                public Object decode(byte[] bytes) {
                    return fory.deserialize(bytes);
                }
            };
        }
    },

    /**
     * protostuff-runtime, the library gipc's wire format comes from: a root must be a class with fields, so the
     * value travels in a {@link Box} whose field is typed {@code Object} (protostuff then writes the value's
     * class by name, as gipc does). One reused buffer. It cannot build records.
     */
    PROTOSTUFF {
        @Override
        public Codec create() {
            Schema<Box> schema = RuntimeSchema.getSchema(Box.class);
            LinkedBuffer buffer = LinkedBuffer.allocate(256);
            return new Codec() {
                @Override
                public byte[] encode(Object value) {
                    try {
                        return ProtostuffIOUtil.toByteArray(new Box(value), schema, buffer);
                    } finally {
                        buffer.clear();
                    }
                }

                @Override
                public Object decode(byte[] bytes) {
                    Box box = schema.newMessage();
                    ProtostuffIOUtil.mergeFrom(bytes, box, schema);
                    return box.value;
                }
            };
        }
    };

    /**
     * Makes a codec for one thread.
     *
     * @return the codec
     */
    public abstract Codec create();

    /** What protostuff-runtime carries: one value of any class. */
    static final class Box {
        Object value;

        Box() {}

        Box(Object value) {
            this.value = value;
        }
    }
}
