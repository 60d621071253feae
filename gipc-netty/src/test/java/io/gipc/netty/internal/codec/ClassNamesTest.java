package io.gipc.netty.internal.codec;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The classes a message names are remembered per loader, and the cache keeps no loader alive: by name, and by the
 * bytes of the name as a message holds them.
 */
class ClassNamesTest {
    /** The two ways a name is looked up. */
    enum Lookup {
        BY_NAME {
            @Override
            Class<?> load(String name) throws CorruptDataException {
                return ClassNames.load(name);
            }
        },
        BY_BYTES {
            @Override
            Class<?> load(String name) throws CorruptDataException {
                // The name inside a larger array, as it is in a message.
                byte[] utf8 = name.getBytes(StandardCharsets.UTF_8);
                byte[] message = new byte[utf8.length + 5];
                Arrays.fill(message, (byte) 'x');
                System.arraycopy(utf8, 0, message, 3, utf8.length);
                return ClassNames.load(message, 3, utf8.length);
            }
        };

        abstract Class<?> load(String name) throws CorruptDataException;
    }

    /** A class each {@link OwnCopy} loader defines a copy of. */
    static final class Probe {}

    private static final String PROBE = Probe.class.getName();

    @ParameterizedTest
    @EnumSource(Lookup.class)
    void eachContextLoaderGetsItsOwnClass(Lookup lookup) throws Exception {
        OwnCopy a = new OwnCopy(true);
        OwnCopy b = new OwnCopy(true);
        Class<?> inA = withContext(a, () -> lookup.load(PROBE));
        Class<?> inB = withContext(b, () -> lookup.load(PROBE));
        assertSame(a, inA.getClassLoader());
        assertSame(b, inB.getClassLoader());
        assertSame(inA, withContext(a, () -> lookup.load(PROBE)));
        assertSame(inB, withContext(b, () -> lookup.load(PROBE)));
        assertSame(Probe.class, lookup.load(PROBE));
    }

    @ParameterizedTest
    @EnumSource(Lookup.class)
    void aClassTheContextLoaderOnlyLearnsLaterIsTakenFromItThen(Lookup lookup) throws Exception {
        OwnCopy late = new OwnCopy(false);
        assertSame(Probe.class, withContext(late, () -> lookup.load(PROBE)), "gipc's own loader as a fallback");
        late.knowsProbe = true;
        assertSame(late, withContext(late, () -> lookup.load(PROBE)).getClassLoader());
    }

    @ParameterizedTest
    @EnumSource(Lookup.class)
    void primitivesAndArraysAreFoundByEitherWay(Lookup lookup) throws Exception {
        assertSame(int.class, lookup.load("int"));
        assertSame(String[].class, lookup.load("[Ljava.lang.String;"));
        assertSame(String[].class, lookup.load("[Ljava.lang.String;"));
    }

    @ParameterizedTest
    @EnumSource(Lookup.class)
    void aLoaderIsNotKeptAliveByWhatItFound(Lookup lookup) throws Exception {
        WeakReference<ClassLoader> loader = loadThroughAThrowAwayLoader(lookup);
        for (int i = 0; i < 100 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(loader.get(), "the class cache keeps a context loader alive");
    }

    private static WeakReference<ClassLoader> loadThroughAThrowAwayLoader(Lookup lookup) throws Exception {
        OwnCopy loader = new OwnCopy(true);
        Class<?> probe = withContext(loader, () -> lookup.load(PROBE));
        assertNotNull(probe);
        return new WeakReference<>(loader);
    }

    private static <T> T withContext(ClassLoader loader, Callable<T> action) throws Exception {
        Thread thread = Thread.currentThread();
        ClassLoader before = thread.getContextClassLoader();
        thread.setContextClassLoader(loader);
        try {
            return action.call();
        } finally {
            thread.setContextClassLoader(before);
        }
    }

    /** Defines its own copy of {@link Probe} (once it knows it), and delegates every other class. */
    private static final class OwnCopy extends ClassLoader {
        volatile boolean knowsProbe;

        OwnCopy(boolean knowsProbe) {
            super(ClassNamesTest.class.getClassLoader());
            this.knowsProbe = knowsProbe;
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.equals(PROBE)) {
                return super.loadClass(name, resolve);
            }
            if (!knowsProbe) {
                throw new ClassNotFoundException(name);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded != null) {
                    return loaded;
                }
                try (InputStream in = getParent().getResourceAsStream(name.replace('.', '/') + ".class")) {
                    byte[] bytes = in.readAllBytes();
                    return defineClass(name, bytes, 0, bytes.length);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
    }
}
