package io.gipc.netty.internal.codec;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/** The user types the codec tests carry. */
final class Fixtures {
    private Fixtures() {}

    enum Color {
        RED,
        GREEN,
        BLUE
    }

    /** Constants with bodies: each constant is an anonymous subclass. */
    enum Op {
        PLUS {
            @Override
            int apply(int a, int b) {
                return a + b;
            }
        },
        TIMES {
            @Override
            int apply(int a, int b) {
                return a * b;
            }
        };

        abstract int apply(int a, int b);
    }

    /** More than 64 constants: an EnumSet of it is a JumboEnumSet. */
    enum Big {
        B00,
        B01,
        B02,
        B03,
        B04,
        B05,
        B06,
        B07,
        B08,
        B09,
        B10,
        B11,
        B12,
        B13,
        B14,
        B15,
        B16,
        B17,
        B18,
        B19,
        B20,
        B21,
        B22,
        B23,
        B24,
        B25,
        B26,
        B27,
        B28,
        B29,
        B30,
        B31,
        B32,
        B33,
        B34,
        B35,
        B36,
        B37,
        B38,
        B39,
        B40,
        B41,
        B42,
        B43,
        B44,
        B45,
        B46,
        B47,
        B48,
        B49,
        B50,
        B51,
        B52,
        B53,
        B54,
        B55,
        B56,
        B57,
        B58,
        B59,
        B60,
        B61,
        B62,
        B63,
        B64,
        B65,
        B66,
        B67,
        B68,
        B69
    }

    /** No constants at all. */
    enum Nothing {}

    record Point(int x, int y) {}

    record Line(Point from, Point to) {}

    record Tagged(String name, List<String> tags, Map<String, Integer> counts) {}

    record Holder(Object value) {}

    record Empty() {}

    record Positive(int value) {
        Positive {
            if (value < 0) {
                throw new IllegalArgumentException("negative: " + value);
            }
        }
    }

    record WithArray(int[] values, String[] names) {}

    record Generic<T>(T value, List<T> values) {}

    record Palette(Map<String, List<Color>> colors) {}

    /** A bean with a no-argument constructor and field initializers. */
    static final class Bean {
        private String name;
        private int count;
        private List<String> items = new ArrayList<>();
        transient String cache = "from the constructor";
        static int ignoredStatic = 7;

        Bean() {}

        Bean(String name, int count, List<String> items) {
            this.name = name;
            this.count = count;
            this.items = items;
            this.cache = "set by the sender";
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Bean
                    && Objects.equals(name, ((Bean) o).name)
                    && count == ((Bean) o).count
                    && Objects.equals(items, ((Bean) o).items);
        }

        @Override
        public int hashCode() {
            return Objects.hash(name, count, items);
        }
    }

    /** No no-argument constructor, final fields, a transient one. */
    static final class Immutable {
        private final String id;
        private final long stamp;
        private final transient String derived;

        Immutable(String id, long stamp) {
            this.id = Objects.requireNonNull(id);
            this.stamp = stamp;
            this.derived = id + stamp;
        }

        String derived() {
            return derived;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Immutable && id.equals(((Immutable) o).id) && stamp == ((Immutable) o).stamp;
        }

        @Override
        public int hashCode() {
            return Objects.hash(id, stamp);
        }
    }

    static class Base {
        private String secret;
        protected int level;

        Base(String secret, int level) {
            this.secret = secret;
            this.level = level;
        }

        String baseSecret() {
            return secret;
        }
    }

    /** Shadows a private field of its superclass. */
    static final class Derived extends Base {
        private String secret;

        Derived(String baseSecret, int level, String secret) {
            super(baseSecret, level);
            this.secret = secret;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Derived
                    && Objects.equals(secret, ((Derived) o).secret)
                    && Objects.equals(baseSecret(), ((Derived) o).baseSecret())
                    && level == ((Derived) o).level;
        }

        @Override
        public int hashCode() {
            return Objects.hash(secret, level);
        }
    }

    /** An inner class: carries its outer instance. */
    final class Inner {
        final String label;

        Inner(String label) {
            this.label = label;
        }

        Fixtures outer() {
            return Fixtures.this;
        }
    }

    static Fixtures outerInstance() {
        return new Fixtures();
    }

    /** A graph node, for shared references and cycles. */
    static final class Node {
        String name;
        Node next;
        final List<Node> children = new ArrayList<>();
        final Map<String, Node> byName = new HashMap<>();
        Object[] slots;

        Node(String name) {
            this.name = name;
        }
    }

    /** A custom exception with fields of its own. */
    static class CustomException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        final int code;
        final List<String> details;

        CustomException(String message, int code, List<String> details, Throwable cause) {
            super(message, cause);
            this.code = code;
            this.details = details;
        }
    }

    /** An exception whose only constructor cannot be called sensibly. */
    static final class AwkwardException extends Exception {
        private static final long serialVersionUID = 1L;
        final String why;

        private AwkwardException(int a, Object b, String why) {
            super("awkward " + a + " " + b);
            if (a < 0) {
                throw new IllegalStateException("never");
            }
            this.why = why;
        }

        static AwkwardException create(String why) {
            return new AwkwardException(1, "x", why);
        }
    }

    /** A singleton with readResolve, as Java serialization would keep it. */
    static final class Singleton implements Serializable {
        private static final long serialVersionUID = 1L;
        static final Singleton INSTANCE = new Singleton();

        private Singleton() {}

        private Object readResolve() {
            return INSTANCE;
        }
    }

    /** A class that travels as its serial form. */
    static final class Replaced implements Serializable {
        private static final long serialVersionUID = 1L;
        final int value;
        final transient String note;

        Replaced(int value) {
            this.value = value;
            this.note = "built with " + value;
        }

        private Object writeReplace() {
            return new Form(value);
        }

        private static final class Form implements Serializable {
            private static final long serialVersionUID = 1L;
            private final int value;

            Form(int value) {
                this.value = value;
            }

            private Object readResolve() {
                return new Replaced(value);
            }
        }
    }

    /** A user list extending ArrayList, with a field of its own. */
    static final class Names extends ArrayList<String> {
        private static final long serialVersionUID = 1L;
        String label;

        Names() {
            add("added by the constructor");
        }

        @Override
        public boolean equals(Object o) {
            return super.equals(o) && o instanceof Names && Objects.equals(label, ((Names) o).label);
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }

    /** A user map extending LinkedHashMap, with a field of its own. */
    static final class Scores extends LinkedHashMap<String, Integer> {
        private static final long serialVersionUID = 1L;
        int version;

        @Override
        public boolean equals(Object o) {
            return super.equals(o) && o instanceof Scores && version == ((Scores) o).version;
        }

        @Override
        public int hashCode() {
            return super.hashCode();
        }
    }

    /** A comparator of its own class, Serializable. */
    static final class ByLength implements Comparator<String>, Serializable {
        private static final long serialVersionUID = 1L;

        @Override
        public int compare(String a, String b) {
            return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
        }
    }

    /** A serializable function, the shape of gipc's targets and codecs. */
    interface SFunction<T, R> extends Function<T, R>, Serializable {}

    /** A serializable comparator lambda type. */
    interface SComparator<T> extends Comparator<T>, Serializable {}

    static String shout(String s) {
        return s.toUpperCase(java.util.Locale.ROOT) + "!";
    }

    static String lengthOf(String s) {
        return s + ":" + s.length();
    }
}
