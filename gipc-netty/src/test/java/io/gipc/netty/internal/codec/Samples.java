package io.gipc.netty.internal.codec;

import io.gipc.GipcCodecException;
import io.gipc.netty.internal.codec.Fixtures.Bean;
import io.gipc.netty.internal.codec.Fixtures.Big;
import io.gipc.netty.internal.codec.Fixtures.ByLength;
import io.gipc.netty.internal.codec.Fixtures.Color;
import io.gipc.netty.internal.codec.Fixtures.CustomException;
import io.gipc.netty.internal.codec.Fixtures.Derived;
import io.gipc.netty.internal.codec.Fixtures.Empty;
import io.gipc.netty.internal.codec.Fixtures.Generic;
import io.gipc.netty.internal.codec.Fixtures.Holder;
import io.gipc.netty.internal.codec.Fixtures.Immutable;
import io.gipc.netty.internal.codec.Fixtures.Line;
import io.gipc.netty.internal.codec.Fixtures.Names;
import io.gipc.netty.internal.codec.Fixtures.Nothing;
import io.gipc.netty.internal.codec.Fixtures.Op;
import io.gipc.netty.internal.codec.Fixtures.Palette;
import io.gipc.netty.internal.codec.Fixtures.Point;
import io.gipc.netty.internal.codec.Fixtures.Positive;
import io.gipc.netty.internal.codec.Fixtures.SComparator;
import io.gipc.netty.internal.codec.Fixtures.SFunction;
import io.gipc.netty.internal.codec.Fixtures.Scores;
import io.gipc.netty.internal.codec.Fixtures.Tagged;
import io.gipc.netty.internal.codec.Fixtures.WithArray;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.reflect.InvocationTargetException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.Path;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.Month;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.AbstractMap;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.BitSet;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.Currency;
import java.util.Date;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Hashtable;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.LinkedList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.PriorityQueue;
import java.util.Properties;
import java.util.Set;
import java.util.SortedMap;
import java.util.Stack;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.Vector;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

/**
 * The type matrix: every kind of value the default codec promises to carry, each with how to compare the
 * original and the decoded one. JUnit-free, so that a plain main (run in a JVM without flags) checks it too.
 */
final class Samples {
    /** Marks a sample whose decoded class is not checked (lambdas get a class of their own). */
    private static final Class<?> ANY_CLASS = Void.class;

    private Samples() {}

    /**
     * One value to round-trip.
     *
     * @param name what it is
     * @param value makes the value
     * @param expectedClass the class decoding must give; null for the original's
     * @param view maps original and decoded to what is compared with {@link Deep}
     * @param extra further checks on (original, decoded)
     */
    record Sample(
            String name,
            Supplier<?> value,
            Class<?> expectedClass,
            Function<Object, ?> view,
            BiConsumer<Object, Object> extra) {

        Sample as(Class<?> decodedClass) {
            return new Sample(name, value, decodedClass, view, extra);
        }

        Sample viewed(Function<Object, ?> newView) {
            return new Sample(name, value, expectedClass, newView, extra);
        }

        Sample and(BiConsumer<Object, Object> more) {
            return new Sample(name, value, expectedClass, view, extra.andThen(more));
        }

        /** Round-trips the value and checks the result; throws AssertionError (or the codec's exception). */
        void check() {
            Object original = value.get();
            Object decoded = DefaultCodec.decode(DefaultCodec.encode(original));
            if (original != null) {
                Class<?> wanted = expectedClass != null ? expectedClass : original.getClass();
                if (wanted != ANY_CLASS && (decoded == null || decoded.getClass() != wanted)) {
                    throw new AssertionError(name + ": decoded a "
                            + (decoded == null ? null : decoded.getClass().getName()) + ", expected a "
                            + wanted.getName());
                }
            }
            try {
                Deep.assertEqual(view.apply(original), view.apply(decoded));
                extra.accept(original, decoded);
            } catch (AssertionError e) {
                throw new AssertionError(name + ": " + e.getMessage(), e);
            }
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static Sample same(String name, Supplier<?> value) {
        return new Sample(name, value, null, v -> v, (a, b) -> {});
    }

    /** Checks every sample; returns what failed, one line each. */
    static List<String> failures() {
        List<String> failures = new ArrayList<>();
        for (Sample sample : all()) {
            try {
                sample.check();
            } catch (AssertionError | RuntimeException e) {
                failures.add(sample.name() + " failed: " + e);
            }
        }
        return failures;
    }

    static List<Sample> all() {
        List<Sample> all = new ArrayList<>();
        all.addAll(scalars());
        all.addAll(arrays());
        all.addAll(collections());
        all.addAll(immutableAndViews());
        all.addAll(userTypes());
        all.addAll(jdkValues());
        all.addAll(exceptions());
        all.addAll(graphs());
        all.addAll(lambdas());
        all.addAll(nested());
        return all;
    }

    static List<Sample> scalars() {
        return List.of(
                same("null", () -> null),
                same("true", () -> true),
                same("false", () -> false),
                same("byte", () -> (byte) -3),
                same("short", () -> (short) -1234),
                same("char", () -> 'é'),
                same("lone surrogate char", () -> '\uD800'),
                same("int", () -> 42),
                same("int min", () -> Integer.MIN_VALUE),
                same("long max", () -> Long.MAX_VALUE),
                same("float", () -> 3.5f),
                same("float NaN", () -> Float.NaN),
                same("double -0.0", () -> -0.0d),
                same("double max", () -> Double.MAX_VALUE),
                same("empty string", () -> ""),
                same("string", () -> "hello"),
                same("unicode string", () -> "héllo ✓ \uD83D\uDE00 日本"),
                same("string with unpaired surrogates", () -> "a\uD800b\uDC00c\uD83D"),
                same("long string", () -> "x".repeat(100_000)),
                same("enum", () -> Color.GREEN),
                same("enum constant with a body", () -> Op.TIMES).and((a, b) -> {
                    if (((Op) b).apply(3, 4) != 12 || a != b) {
                        throw new AssertionError("not the same constant");
                    }
                }),
                same("class", () -> String.class),
                same("primitive class", () -> int.class),
                same("array class", () -> String[][].class),
                same("user class", () -> Point.class),
                same("plain Object", Object::new).viewed(v -> v.getClass()));
    }

    static List<Sample> arrays() {
        return List.of(
                same("empty byte[]", () -> new byte[0]),
                same("byte[]", () -> new byte[] {1, -2, 3}),
                same("1 MiB byte[] stays compact", () -> {
                            byte[] bytes = new byte[1 << 20];
                            new java.util.Random(1).nextBytes(bytes);
                            return bytes;
                        })
                        .and((a, b) -> {
                            int size = DefaultCodec.encode(a).length;
                            if (size > (1 << 20) + 16) {
                                throw new AssertionError("1 MiB became " + size + " bytes");
                            }
                        }),
                same("int[]", () -> new int[] {1, -1, Integer.MAX_VALUE, Integer.MIN_VALUE}),
                same("long[]", () -> new long[] {Long.MIN_VALUE, 0, 5}),
                same("short[]", () -> new short[] {-1, 2}),
                same("char[]", () -> new char[] {'a', '\uD800'}),
                same("boolean[]", () -> new boolean[] {true, false, true}),
                same("float[]", () -> new float[] {1.5f, Float.NaN}),
                same("double[]", () -> new double[] {-0.0, Double.MIN_VALUE}),
                same("Object[] with nulls", () -> new Object[] {1, "a", null, List.of(2)}),
                same("String[]", () -> new String[] {"a", null, "c"}),
                same("int[][]", () -> new int[][] {{1}, {2, 3}, {}}),
                same("String[][] with null row", () -> new String[][] {{"a"}, null}),
                same("enum[]", () -> new Color[] {Color.RED, null, Color.BLUE}),
                same("record[]", () -> new Point[] {new Point(1, 2), new Point(3, 4)}),
                same("Object[] holding arrays", () -> new Object[] {new int[] {1}, new String[] {"x"}}));
    }

    static List<Sample> collections() {
        return List.of(
                same("ArrayList with nulls", () -> new ArrayList<>(Arrays.asList(1, null, "two", null))),
                same("LinkedList", () -> new LinkedList<>(List.of(3, 1, 2))),
                same("Vector", () -> new Vector<>(List.of("v"))),
                same("Stack", () -> {
                    Stack<String> stack = new Stack<>();
                    stack.push("bottom");
                    stack.push("top");
                    return stack;
                }),
                same("CopyOnWriteArrayList", () -> new CopyOnWriteArrayList<>(List.of(1, 2))),
                same("HashSet with null", () -> new HashSet<>(Arrays.asList("a", null, "b"))),
                same("LinkedHashSet keeps order", () -> new LinkedHashSet<>(List.of("z", "a", "m")))
                        .viewed(v -> new ArrayList<>((Collection<?>) v)),
                same("TreeSet natural", () -> new TreeSet<>(List.of(5, 1, 3))),
                same("TreeSet reverseOrder", () -> {
                            TreeSet<Integer> set = new TreeSet<>(Comparator.reverseOrder());
                            set.addAll(List.of(1, 3, 2));
                            return set;
                        })
                        .viewed(v -> new ArrayList<>((Collection<?>) v))
                        .and((a, b) -> sameComparator(a, b, 1, 2)),
                same("TreeSet CASE_INSENSITIVE_ORDER", () -> {
                            TreeSet<String> set = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
                            set.addAll(List.of("b", "A", "c"));
                            return set;
                        })
                        .viewed(v -> new ArrayList<>((Collection<?>) v))
                        .and((a, b) -> sameComparator(a, b, "a", "A")),
                same("TreeSet with a comparator class", () -> {
                            TreeSet<String> set = new TreeSet<>(new ByLength());
                            set.addAll(List.of("ccc", "a", "bb"));
                            return set;
                        })
                        .viewed(v -> new ArrayList<>((Collection<?>) v))
                        .and((a, b) -> sameComparator(a, b, "zz", "a")),
                same("TreeSet with a serializable lambda comparator", () -> {
                            TreeSet<String> set = new TreeSet<>((SComparator<String>) (x, y) -> y.compareTo(x));
                            set.addAll(List.of("a", "c", "b"));
                            return set;
                        })
                        .viewed(v -> new ArrayList<>((Collection<?>) v))
                        .and((a, b) -> sameComparator(a, b, "a", "b")),
                same("TreeSet with Comparator.comparing (a lambda of the JDK)", () -> {
                            TreeSet<String> set =
                                    new TreeSet<>(Comparator.comparing((SFunction<String, Integer>) String::length)
                                            .thenComparing(Comparator.reverseOrder()));
                            set.addAll(List.of("bb", "a", "ccc", "aa"));
                            return set;
                        })
                        .viewed(v -> new ArrayList<>((Collection<?>) v))
                        .and((a, b) -> sameComparator(a, b, "aa", "b")),
                same("TreeMap with comparator", () -> {
                            TreeMap<String, Integer> map = new TreeMap<>(Collections.reverseOrder(new ByLength()));
                            map.putAll(Map.of("a", 1, "bb", 2, "ccc", 3));
                            return map;
                        })
                        .viewed(v -> new ArrayList<>(((Map<?, ?>) v).entrySet()))
                        .and((a, b) -> sameComparator(a, b, "a", "bb")),
                same("TreeMap natural", () -> new TreeMap<>(Map.of(2, "b", 1, "a"))),
                same("HashMap with null key and value", () -> {
                    Map<String, Object> map = new HashMap<>();
                    map.put(null, "nothing");
                    map.put("k", null);
                    map.put("list", new ArrayList<>(List.of(1)));
                    return map;
                }),
                same("LinkedHashMap keeps order", () -> {
                            Map<String, Integer> map = new LinkedHashMap<>();
                            for (String k : List.of("z", "a", "m", "b")) {
                                map.put(k, k.length());
                            }
                            return map;
                        })
                        .viewed(v -> new ArrayList<>(((Map<?, ?>) v).entrySet())),
                same("Hashtable", () -> new Hashtable<>(Map.of("h", 1))),
                same("Properties", () -> {
                    Properties properties = new Properties();
                    properties.setProperty("key", "value");
                    return properties;
                }),
                same("ConcurrentHashMap", () -> new ConcurrentHashMap<>(Map.of("c", 1, "d", 2))),
                same("ConcurrentSkipListMap", () -> new ConcurrentSkipListMap<>(Map.of(3, "c", 1, "a"))),
                same("ArrayDeque", () -> new ArrayDeque<>(List.of(1, 2, 3)))
                        .viewed(v -> new ArrayList<>((Collection<?>) v)),
                same("PriorityQueue with comparator", () -> {
                            PriorityQueue<Integer> queue = new PriorityQueue<>(Comparator.reverseOrder());
                            queue.addAll(List.of(1, 5, 3));
                            return queue;
                        })
                        .viewed(v -> drain(new PriorityQueue<>((PriorityQueue<?>) v))),
                same("ArrayBlockingQueue keeps its capacity", () -> {
                            BlockingQueue<String> queue = new ArrayBlockingQueue<>(5);
                            queue.add("x");
                            return queue;
                        })
                        .viewed(v -> List.of(
                                new ArrayList<>((Collection<?>) v), ((BlockingQueue<?>) v).remainingCapacity())),
                same("LinkedBlockingQueue", () -> new LinkedBlockingQueue<>(List.of(1, 2)))
                        .viewed(v -> List.of(
                                new ArrayList<>((Collection<?>) v), ((BlockingQueue<?>) v).remainingCapacity())),
                same("EnumSet", () -> EnumSet.of(Color.RED, Color.BLUE)),
                same("empty EnumSet", () -> EnumSet.noneOf(Color.class)).and((a, b) -> {
                    EnumSet<Color> decoded = cast(b);
                    decoded.add(Color.GREEN);
                }),
                same("EnumSet of all of a large enum (JumboEnumSet)", () -> EnumSet.allOf(Big.class)),
                same("EnumSet of an enum with bodies", () -> EnumSet.of(Op.PLUS)),
                same("empty EnumSet of an enum without constants", () -> EnumSet.noneOf(Nothing.class)),
                same("EnumMap", () -> new EnumMap<>(Map.of(Color.RED, 1, Color.GREEN, 2))),
                same("empty EnumMap", () -> new EnumMap<Color, String>(Color.class))
                        .and((a, b) -> {
                            EnumMap<Color, String> decoded = cast(b);
                            decoded.put(Color.BLUE, "still keyed by Color");
                        }),
                same("Names extends ArrayList, with a field", () -> {
                    Names names = new Names();
                    names.add("second");
                    names.label = "labelled";
                    return names;
                }),
                same("Scores extends LinkedHashMap, with a field", () -> {
                            Scores scores = new Scores();
                            scores.put("b", 2);
                            scores.put("a", 1);
                            scores.version = 3;
                            return scores;
                        })
                        .viewed(v -> List.of(new ArrayList<>(((Map<?, ?>) v).entrySet()), ((Scores) v).version)));
    }

    static List<Sample> immutableAndViews() {
        return List.of(
                same("List.of()", List::of),
                same("List.of(1)", () -> List.of(1)),
                same("List.of(1, 2)", () -> List.of(1, 2)),
                same("List.of(1, 2, 3)", () -> List.of(1, 2, 3)),
                same(
                        "Stream.toList() with nulls",
                        () -> Stream.of("a", null, "b").toList()),
                same("List.copyOf", () -> List.copyOf(new ArrayList<>(List.of("c")))),
                same("Set.of()", Set::of),
                same("Set.of(1)", () -> Set.of(1)),
                same("Set.of(1, 2, 3)", () -> Set.of(1, 2, 3)),
                same("Map.of()", Map::of),
                same("Map.of(1)", () -> Map.of("a", 1)),
                same("Map.of(4)", () -> Map.of("a", 1, "b", 2, "c", 3, "d", 4)),
                same("Map.ofEntries", () -> Map.ofEntries(Map.entry(1, "x"), Map.entry(2, "y"))),
                same("Map.entry", () -> Map.entry("k", 1)),
                same("SimpleEntry", () -> new AbstractMap.SimpleEntry<>("k", null)),
                same("SimpleImmutableEntry", () -> new AbstractMap.SimpleImmutableEntry<>("k", 2)),
                same("List.of(...).subList", () -> List.of(1, 2, 3, 4).subList(1, 3))
                        .as(List.of(1, 2).getClass()),
                same("ArrayList.subList", () -> new ArrayList<>(List.of(1, 2, 3)).subList(0, 2))
                        .as(ArrayList.class),
                same("HashMap.keySet()", () -> new HashMap<>(Map.of("a", 1, "b", 2)).keySet())
                        .as(LinkedHashSet.class),
                same("HashMap.values()", () -> new HashMap<>(Map.of("a", 1)).values())
                        .as(ArrayList.class)
                        .viewed(v -> new ArrayList<>((Collection<?>) v)),
                same("TreeMap.headMap", () -> new TreeMap<>(Map.of(1, "a", 2, "b", 3, "c")).headMap(3))
                        .as(TreeMap.class),
                same(
                                "Collections.checkedList",
                                () -> Collections.checkedList(new ArrayList<>(List.of("s")), String.class))
                        .as(ArrayList.class),
                same("ConcurrentHashMap.newKeySet", () -> {
                    Set<String> set = ConcurrentHashMap.newKeySet();
                    set.add("k");
                    return set;
                }),
                same("Arrays.asList", () -> Arrays.asList("a", null, "c")),
                same("Collections.nCopies", () -> Collections.nCopies(3, "n")),
                same("Collections.nCopies(0)", () -> Collections.nCopies(0, "n")),
                same("emptyList", Collections::emptyList).and(Samples::identical),
                same("emptySet", Collections::emptySet).and(Samples::identical),
                same("emptyMap", Collections::emptyMap).and(Samples::identical),
                same("emptySortedSet", Collections::emptySortedSet).and(Samples::identical),
                same("emptyNavigableMap", Collections::emptyNavigableMap).and(Samples::identical),
                same("singletonList", () -> Collections.singletonList(null)),
                same("singleton", () -> Collections.singleton("s")),
                same("singletonMap", () -> Collections.singletonMap("k", List.of(1))),
                same(
                        "unmodifiableList (random access)",
                        () -> Collections.unmodifiableList(new ArrayList<>(Arrays.asList(1, null)))),
                same("unmodifiableList (sequential)", () -> Collections.unmodifiableList(new LinkedList<>(List.of(1)))),
                same("unmodifiableSet", () -> Collections.unmodifiableSet(new LinkedHashSet<>(List.of("b", "a")))),
                same("unmodifiableSortedSet with comparator", () -> {
                            TreeSet<Integer> set = new TreeSet<>(Comparator.reverseOrder());
                            set.addAll(List.of(1, 2));
                            return Collections.unmodifiableSortedSet(set);
                        })
                        .viewed(v -> new ArrayList<>((Collection<?>) v)),
                same("unmodifiableNavigableSet", () -> Collections.unmodifiableNavigableSet(new TreeSet<>(List.of(1)))),
                same("unmodifiableCollection", () -> Collections.unmodifiableCollection(new ArrayList<>(List.of(1))))
                        .viewed(v -> new ArrayList<>((Collection<?>) v)),
                same("unmodifiableMap", () -> Collections.unmodifiableMap(new HashMap<>(Map.of("k", "v")))),
                same("unmodifiableSortedMap", () -> Collections.unmodifiableSortedMap(new TreeMap<>(Map.of(1, 2)))),
                same(
                        "unmodifiableNavigableMap",
                        () -> Collections.unmodifiableNavigableMap(new TreeMap<>(Map.of(1, 2)))),
                same("synchronizedList", () -> Collections.synchronizedList(new ArrayList<>(List.of(1, 2)))),
                same("synchronizedSet", () -> Collections.synchronizedSet(new HashSet<>(Set.of("x")))),
                same("synchronizedMap", () -> Collections.synchronizedMap(new HashMap<>(Map.of("x", 1)))),
                same("synchronizedSortedMap", () -> Collections.synchronizedSortedMap(new TreeMap<>(Map.of(1, 1)))),
                same("synchronizedCollection", () -> Collections.synchronizedCollection(new ArrayList<>(List.of(1))))
                        .viewed(v -> new ArrayList<>((Collection<?>) v)));
    }

    static List<Sample> userTypes() {
        return List.of(
                same("record", () -> new Point(1, -2)),
                same("nested record", () -> new Line(new Point(0, 0), new Point(3, 4))),
                same(
                        "record with collections",
                        () -> new Tagged("t", new ArrayList<>(List.of("a", "b")), new LinkedHashMap<>(Map.of("n", 1)))),
                same("record with a null component", () -> new Holder(null)),
                same("empty record", Empty::new),
                same("record with a compact constructor", () -> new Positive(5)),
                same("record with array components", () -> new WithArray(new int[] {1, 2}, new String[] {"x", null})),
                same("generic record", () -> new Generic<>(Optional.of("v"), List.of(Optional.empty()))),
                same("local record", () -> {
                    record Local(String s, double d) {}
                    return new Local("local", 2.5);
                }),
                same("bean with a no-argument constructor", () -> new Bean("b", 3, new ArrayList<>(List.of("i"))))
                        .and((a, b) -> {
                            if (!"from the constructor".equals(((Bean) b).cache)) {
                                throw new AssertionError("transient field not skipped: " + ((Bean) b).cache);
                            }
                        }),
                same("object without a no-argument constructor, final fields", () -> new Immutable("id", 99L))
                        .and((a, b) -> {
                            if (((Immutable) b).derived() != null) {
                                throw new AssertionError("transient final field was carried");
                            }
                        }),
                same("inheritance with a shadowed private field", () -> new Derived("base", 2, "derived")),
                same("inner class with its outer instance", () -> Fixtures.outerInstance().new Inner("in"))
                        .viewed(v -> ((Fixtures.Inner) v).label)
                        .and((a, b) -> {
                            if (((Fixtures.Inner) b).outer() == null) {
                                throw new AssertionError("outer instance lost");
                            }
                        }),
                same("singleton with readResolve", () -> Fixtures.Singleton.INSTANCE)
                        .and(Samples::identical),
                same("writeReplace and readResolve", () -> new Fixtures.Replaced(7))
                        .viewed(v -> ((Fixtures.Replaced) v).value)
                        .and((a, b) -> {
                            if (!"built with 7".equals(((Fixtures.Replaced) b).note)) {
                                throw new AssertionError("not rebuilt through readResolve");
                            }
                        }),
                same("the default encoder", () -> DefaultCodec.ENCODER).and(Samples::identical),
                same("the default decoder", () -> DefaultCodec.DECODER).and(Samples::identical));
    }

    static List<Sample> jdkValues() {
        return List.of(
                same("BigInteger", () -> new BigInteger("-123456789012345678901234567890")),
                same("BigDecimal keeps its scale", () -> new BigDecimal("1.50")),
                same("BigDecimal negative scale", () -> new BigDecimal("1E+10")),
                same("UUID", UUID::randomUUID),
                same("Instant", () -> Instant.ofEpochSecond(-5, 123)),
                same("Duration", () -> Duration.ofSeconds(-3, 7)),
                same("LocalDate", () -> LocalDate.of(2024, 2, 29)),
                same("LocalTime", () -> LocalTime.of(23, 59, 59, 999_999_999)),
                same("LocalDateTime", () -> LocalDateTime.of(1969, 12, 31, 23, 59)),
                same(
                        "ZonedDateTime with a region",
                        () -> ZonedDateTime.of(2024, 10, 27, 2, 30, 0, 0, ZoneId.of("Europe/Paris"))
                                .withLaterOffsetAtOverlap()),
                same(
                        "ZonedDateTime with an offset",
                        () -> ZonedDateTime.of(2024, 1, 1, 0, 0, 0, 0, ZoneOffset.ofHours(-5))),
                same(
                        "OffsetDateTime",
                        () -> OffsetDateTime.of(2024, 1, 1, 12, 0, 0, 1, ZoneOffset.ofHoursMinutes(5, 30))),
                same("OffsetTime", () -> OffsetTime.of(1, 2, 3, 4, ZoneOffset.UTC)),
                same("ZoneId region", () -> ZoneId.of("America/New_York")),
                same("ZoneOffset", () -> ZoneOffset.ofHours(3)),
                same("Period", () -> Period.of(1, -2, 3)),
                same("Year", () -> Year.of(-44)),
                same("YearMonth", () -> YearMonth.of(2024, 2)),
                same("MonthDay", () -> MonthDay.of(2, 29)),
                same("DayOfWeek", () -> DayOfWeek.FRIDAY),
                same("Month", () -> Month.MAY),
                same("Date", () -> new Date(123456789L)),
                same("Optional.empty", Optional::empty),
                same("Optional.of", () -> Optional.of(List.of("o"))),
                same("OptionalInt", () -> OptionalInt.of(-1)),
                same("OptionalInt.empty", OptionalInt::empty),
                same("OptionalLong", () -> OptionalLong.of(Long.MIN_VALUE)),
                same("OptionalDouble", () -> OptionalDouble.of(Double.NaN)),
                same("URI", () -> URI.create("https://example.org/a?b=c#d")),
                same("File", () -> new File("some/file.txt")),
                same("Path", () -> Path.of("/tmp", "x y")).as(Path.of("/").getClass()),
                same("Pattern", () -> Pattern.compile("a+b", Pattern.CASE_INSENSITIVE))
                        .viewed(v -> ((Pattern) v).pattern() + "/" + ((Pattern) v).flags()),
                same("BitSet", () -> BitSet.valueOf(new long[] {0b1011, 1L << 63})),
                same("Currency", () -> Currency.getInstance("EUR")),
                same("StringBuilder", () -> new StringBuilder("sb")).viewed(String::valueOf),
                same("Locale", () -> Locale.US),
                same("Locale.ROOT", () -> Locale.ROOT),
                same("legacy Locale ja_JP_JP", () -> new Locale("ja", "JP", "JP")),
                same("Locale with script and extension", () -> Locale.forLanguageTag("sr-Latn-RS-u-co-phonebk")),
                same("AtomicReference holding itself", () -> {
                            AtomicReference<Object> reference = new AtomicReference<>();
                            reference.set(List.of("x", reference));
                            return reference;
                        })
                        .viewed(v -> ((List<?>) ((AtomicReference<?>) v).get()).get(0))
                        .and((a, b) -> {
                            if (((List<?>) ((AtomicReference<?>) b).get()).get(1) != b) {
                                throw new AssertionError("cycle through an AtomicReference lost");
                            }
                        }),
                same("AtomicInteger", () -> new AtomicInteger(5)).viewed(v -> ((AtomicInteger) v).get()),
                same("AtomicLong", () -> new AtomicLong(6)).viewed(v -> ((AtomicLong) v).get()));
    }

    static List<Sample> exceptions() {
        return List.of(
                same("RuntimeException with message", () -> new RuntimeException("boom")),
                same("exception with null message", IllegalStateException::new),
                same(
                        "cause chain",
                        () -> new IllegalStateException(
                                "outer", new UncheckedIOException("middle", new IOException("inner")))),
                same(
                                "custom exception with fields and a custom cause",
                                () -> new CustomException(
                                        "custom",
                                        42,
                                        List.of("d1", "d2"),
                                        new CustomException("root", 7, List.of(), null)))
                        .and((a, b) -> {
                            CustomException decoded = (CustomException) b;
                            CustomException cause = (CustomException) decoded.getCause();
                            if (decoded.code != 42 || !decoded.details.equals(List.of("d1", "d2")) || cause.code != 7) {
                                throw new AssertionError("fields lost");
                            }
                        }),
                same("suppressed exceptions", () -> {
                    Exception e = new Exception("main");
                    e.addSuppressed(new IllegalArgumentException("first"));
                    e.addSuppressed(new CustomException("second", 1, List.of(), null));
                    return e;
                }),
                same("exception without a usable constructor", () -> Fixtures.AwkwardException.create("why"))
                        .and((a, b) -> {
                            if (!"why".equals(((Fixtures.AwkwardException) b).why)) {
                                throw new AssertionError("field lost");
                            }
                        }),
                same(
                        "InvocationTargetException keeps its target",
                        () -> new InvocationTargetException(new ArithmeticException("/ by zero"), "invoking")),
                same("error", () -> new StackOverflowError("deep")),
                same("gipc's own exception", () -> new GipcCodecException("codec", new RuntimeException("x"))),
                same("exception in a list", () -> new ArrayList<>(List.of(new IllegalArgumentException("in list"))))
                        .viewed(v -> ((List<?>) v).get(0)));
    }

    static List<Sample> graphs() {
        return List.of(
                same("shared reference", () -> {
                            List<Object> shared = new ArrayList<>(List.of("s"));
                            return new ArrayList<>(List.of(shared, shared));
                        })
                        .and((a, b) -> {
                            List<?> list = (List<?>) b;
                            if (list.get(0) != list.get(1)) {
                                throw new AssertionError("shared list duplicated");
                            }
                        }),
                same("shared record", () -> {
                            Point p = new Point(1, 1);
                            return new Object[] {p, p, new Line(p, p)};
                        })
                        .and((a, b) -> {
                            Object[] array = (Object[]) b;
                            if (array[0] != array[1] || ((Line) array[2]).from() != array[0]) {
                                throw new AssertionError("shared record duplicated");
                            }
                        }),
                same("list containing itself", () -> {
                            List<Object> list = new ArrayList<>();
                            list.add("first");
                            list.add(list);
                            return list;
                        })
                        .viewed(v -> ((List<?>) v).get(0))
                        .and((a, b) -> {
                            List<?> list = (List<?>) b;
                            if (list.get(1) != list) {
                                throw new AssertionError("cycle through a list lost");
                            }
                        }),
                same("cycle through object fields", () -> {
                            Fixtures.Node a = new Fixtures.Node("a");
                            Fixtures.Node b = new Fixtures.Node("b");
                            a.next = b;
                            b.next = a;
                            a.children.add(b);
                            b.byName.put("parent", a);
                            a.slots = new Object[] {a, b, null};
                            return a;
                        })
                        .viewed(v -> ((Fixtures.Node) v).name)
                        .and((a, b) -> {
                            Fixtures.Node n = (Fixtures.Node) b;
                            if (n.next.next != n
                                    || n.children.get(0) != n.next
                                    || n.next.byName.get("parent") != n
                                    || n.slots[0] != n
                                    || n.slots[1] != n.next
                                    || !"b".equals(n.next.name)) {
                                throw new AssertionError("cycle lost");
                            }
                        }),
                same("cycle through a record's mutable component", () -> {
                            List<Object> list = new ArrayList<>();
                            Holder holder = new Holder(list);
                            list.add(holder);
                            return list;
                        })
                        .viewed(v -> ((List<?>) v).size())
                        .and((a, b) -> {
                            List<?> list = (List<?>) b;
                            if (((Holder) list.get(0)).value() != list) {
                                throw new AssertionError("cycle through a record lost");
                            }
                        }),
                same("cycle through an unmodifiable view", () -> {
                            List<Object> backing = new ArrayList<>();
                            List<Object> view = Collections.unmodifiableList(backing);
                            backing.add(view);
                            return view;
                        })
                        .viewed(v -> ((List<?>) v).size())
                        .and((a, b) -> {
                            if (((List<?>) b).get(0) != b) {
                                throw new AssertionError("cycle through a view lost");
                            }
                        }),
                same("cycle through a map value", () -> {
                            Map<String, Object> map = new HashMap<>();
                            map.put("self", map);
                            return map;
                        })
                        .viewed(v -> ((Map<?, ?>) v).keySet())
                        .and((a, b) -> {
                            if (((Map<?, ?>) b).get("self") != b) {
                                throw new AssertionError("cycle through a map lost");
                            }
                        }));
    }

    static List<Sample> lambdas() {
        String captured = "captured";
        int number = 7;
        Point point = new Point(2, 3);
        List<String> list = new ArrayList<>(List.of("l1", "l2"));
        return List.of(
                same("static method reference", () -> (SFunction<String, String>) Fixtures::shout)
                        .as(ANY_CLASS)
                        .viewed(f -> apply(f, "abc")),
                same("unbound method reference", () -> (SFunction<String, Integer>) String::length)
                        .as(ANY_CLASS)
                        .viewed(f -> apply(f, "abcd")),
                same("bound method reference", () -> (SFunction<String, Boolean>) list::contains)
                        .as(ANY_CLASS)
                        .viewed(f -> apply(f, "l2")),
                same("lambda capturing String, int, record and list", () ->
                                (SFunction<String, String>) s -> s + captured + number + point + list)
                        .as(ANY_CLASS)
                        .viewed(f -> apply(f, ">")),
                same(
                                "lambda from the JDK (Comparator.comparing)",
                                () -> Comparator.comparing((SFunction<String, Integer>) String::length))
                        .as(ANY_CLASS)
                        .viewed(c -> List.of(compare(c, "a", "bb"), compare(c, "bb", "a"))));
    }

    static List<Sample> nested() {
        return List.of(
                same(
                        "record holding Map.of of lists of enums with nulls",
                        () -> new Palette(Map.of(
                                "warm",
                                Arrays.asList(Color.RED, null),
                                "cold",
                                new ArrayList<>(Arrays.asList(null, Color.BLUE, Color.GREEN))))),
                same(
                        "list of records of optionals and maps",
                        () -> List.of(
                                new Generic<>(Optional.of(Map.of("k", List.of(1, 2))), List.of()),
                                new Generic<>(Optional.empty(), List.of(Optional.of(Instant.EPOCH))))),
                same("map keyed by records to sets of lists", () -> {
                    Map<Point, Set<List<Integer>>> map = new LinkedHashMap<>();
                    map.put(new Point(1, 2), new LinkedHashSet<>(List.of(List.of(1), List.of(2, 3))));
                    map.put(new Point(0, 0), Set.of());
                    return map;
                }),
                same("array of collections of arrays", () ->
                                new Object[] {List.of(new int[] {1}), Map.of("a", new String[] {"b"})})
                        .viewed(v -> {
                            Object[] array = (Object[]) v;
                            return List.of(((List<?>) array[0]).get(0), ((Map<?, ?>) array[1]).get("a"));
                        }),
                same("deeply nested lists", () -> {
                    Object value = "leaf";
                    for (int i = 0; i < 200; i++) {
                        value = List.of(value);
                    }
                    return value;
                }),
                same(
                                "many small values",
                                () -> IntStream.range(0, 5000)
                                        .boxed()
                                        .collect(Collectors.toMap(i -> "k" + i, i -> List.of(i, "v" + i))))
                        .as(HashMap.class));
    }

    private static Object apply(Object function, String argument) {
        @SuppressWarnings("unchecked")
        Function<String, Object> f = (Function<String, Object>) function;
        return f.apply(argument);
    }

    @SuppressWarnings("unchecked")
    private static int compare(Object comparator, Object a, Object b) {
        return Integer.signum(((Comparator<Object>) comparator).compare(a, b));
    }

    @SuppressWarnings("unchecked")
    private static void sameComparator(Object original, Object decoded, Object a, Object b) {
        Comparator<Object> expected = (Comparator<Object>) comparatorOf(original);
        Comparator<Object> actual = (Comparator<Object>) comparatorOf(decoded);
        if (expected == null
                || actual == null
                || Integer.signum(expected.compare(a, b)) != Integer.signum(actual.compare(a, b))) {
            throw new AssertionError("comparators differ on " + a + ", " + b);
        }
    }

    private static Comparator<?> comparatorOf(Object sorted) {
        return sorted instanceof SortedMap
                ? ((SortedMap<?, ?>) sorted).comparator()
                : ((java.util.SortedSet<?>) sorted).comparator();
    }

    private static void identical(Object original, Object decoded) {
        if (original != decoded) {
            throw new AssertionError("not the same instance");
        }
    }

    private static List<Object> drain(PriorityQueue<?> queue) {
        List<Object> out = new ArrayList<>();
        while (!queue.isEmpty()) {
            out.add(queue.poll());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static <T> T cast(Object value) {
        return (T) value;
    }
}
