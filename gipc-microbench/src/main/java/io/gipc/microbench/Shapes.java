package io.gipc.microbench;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/** The values the benchmark carries, and how to tell that one came back whole. */
public enum Shapes {
    /** A record of a few ints and strings. */
    RECORD {
        @Override
        public Object value() {
            return new Order(42, 7, 1_999, "ABC-1234", "to the back door, please");
        }
    },

    /** A string of 1,024 ASCII characters. */
    STRING_1K {
        @Override
        public Object value() {
            StringBuilder s = new StringBuilder(1024);
            for (int i = 0; i < 1024; i++) {
                s.append((char) ('a' + i % 26));
            }
            return s.toString();
        }
    },

    /** A HashMap of 100 entries, String to Integer. */
    MAP_100 {
        @Override
        public Object value() {
            Map<String, Integer> map = new HashMap<>();
            for (int i = 0; i < 100; i++) {
                map.put("key-" + i, i * 1_000);
            }
            return map;
        }
    },

    /** An ArrayList of 10,000 Longs. */
    LIST_10K_LONGS {
        @Override
        public Object value() {
            List<Long> list = new ArrayList<>(10_000);
            for (long i = 0; i < 10_000; i++) {
                list.add(i * 1_000_003L);
            }
            return list;
        }
    },

    /** An IllegalStateException with a message, a cause and a stack trace of some 20 frames or more. */
    EXCEPTION {
        @Override
        public Object value() {
            return nested(10);
        }

        @Override
        public boolean cameBack(Object original, Object decoded) {
            if (!(decoded instanceof IllegalStateException)) {
                return false;
            }
            Throwable a = (Throwable) original;
            Throwable b = (Throwable) decoded;
            return Objects.equals(a.getMessage(), b.getMessage())
                    && Arrays.equals(a.getStackTrace(), b.getStackTrace())
                    && b.getCause() != null
                    && a.getCause().getClass() == b.getCause().getClass()
                    && Objects.equals(a.getCause().getMessage(), b.getCause().getMessage());
        }

        private Throwable nested(int depth) {
            if (depth > 0) {
                return nested(depth - 1);
            }
            try {
                Integer.parseInt("not a number");
                throw new AssertionError("parsed");
            } catch (NumberFormatException e) {
                return new IllegalStateException("the order could not be read", e);
            }
        }
    };

    /**
     * Makes the value.
     *
     * @return a new value of this shape
     */
    public abstract Object value();

    /**
     * Tells whether a decoded value equals the one encoded.
     *
     * @param original the value encoded
     * @param decoded the value decoded
     * @return true if it came back whole
     */
    public boolean cameBack(Object original, Object decoded) {
        return original.equals(decoded);
    }

    /**
     * A small record; Serializable so that Java serialization, Kryo and Fory carry it as they would a user's.
     *
     * @param id an id
     * @param quantity a quantity
     * @param priceCents a price
     * @param sku a product code
     * @param note a note
     */
    record Order(int id, int quantity, int priceCents, String sku, String note) implements Serializable {}
}
