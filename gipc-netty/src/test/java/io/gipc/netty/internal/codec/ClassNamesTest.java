package io.gipc.netty.internal.codec;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.lang.ref.WeakReference;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;

/** The classes a message names are remembered per loader, and the cache keeps no loader alive. */
class ClassNamesTest {
    /** A class each {@link OwnCopy} loader defines a copy of. */
    static final class Probe {}

    private static final String PROBE = Probe.class.getName();

    @Test
    void eachContextLoaderGetsItsOwnClass() throws Exception {
        OwnCopy a = new OwnCopy(true);
        OwnCopy b = new OwnCopy(true);
        Class<?> inA = withContext(a, () -> ClassNames.load(PROBE));
        Class<?> inB = withContext(b, () -> ClassNames.load(PROBE));
        assertSame(a, inA.getClassLoader());
        assertSame(b, inB.getClassLoader());
        assertSame(inA, withContext(a, () -> ClassNames.load(PROBE)));
        assertSame(Probe.class, ClassNames.load(PROBE));
    }

    @Test
    void aClassTheContextLoaderOnlyLearnsLaterIsTakenFromItThen() throws Exception {
        OwnCopy late = new OwnCopy(false);
        assertSame(Probe.class, withContext(late, () -> ClassNames.load(PROBE)), "gipc's own loader as a fallback");
        late.knowsProbe = true;
        assertSame(late, withContext(late, () -> ClassNames.load(PROBE)).getClassLoader());
    }

    @Test
    void aLoaderIsNotKeptAliveByWhatItFound() throws Exception {
        WeakReference<ClassLoader> loader = loadThroughAThrowAwayLoader();
        for (int i = 0; i < 100 && loader.get() != null; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertNull(loader.get(), "the class cache keeps a context loader alive");
    }

    private static WeakReference<ClassLoader> loadThroughAThrowAwayLoader() throws Exception {
        OwnCopy loader = new OwnCopy(true);
        Class<?> probe = withContext(loader, () -> ClassNames.load(PROBE));
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
