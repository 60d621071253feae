package io.gipc.netty.internal.codec;

import java.io.File;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.net.URI;
import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.MonthDay;
import java.time.OffsetDateTime;
import java.time.OffsetTime;
import java.time.Period;
import java.time.Year;
import java.time.YearMonth;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.util.BitSet;
import java.util.Currency;
import java.util.Date;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;

/**
 * The JDK value types the default codec carries through their public API: numbers, UUID, java.time,
 * Optional, and a few more that are cheap to carry. Their private fields are never touched.
 */
final class JdkValues {
    private JdkValues() {}

    /**
     * Adds the handlers of these types, but paths and java.time, to a table.
     *
     * @param table the table, by exact class
     */
    static void addValues(Map<Class<?>, TypeHandler> table) {
        value(table, BigInteger.class, (out, v) -> out.writeRaw(v.toByteArray()), in -> new BigInteger(in.readRaw()));
        value(
                table,
                BigDecimal.class,
                (out, v) -> {
                    out.writeRaw(v.unscaledValue().toByteArray());
                    out.writeInt(v.scale());
                },
                in -> new BigDecimal(new BigInteger(in.readRaw()), in.readInt()));
        value(
                table,
                UUID.class,
                (out, v) -> {
                    out.writeLong(v.getMostSignificantBits());
                    out.writeLong(v.getLeastSignificantBits());
                },
                in -> new UUID(in.readLong(), in.readLong()));
        value(table, Date.class, (out, v) -> out.writeLong(v.getTime()), in -> new Date(in.readLong()));
        value(table, URI.class, (out, v) -> out.writeString(v.toString()), in -> URI.create(in.readString()));
        value(table, File.class, (out, v) -> out.writeString(v.getPath()), in -> new File(in.readString()));
        value(
                table,
                Pattern.class,
                (out, v) -> {
                    out.writeString(v.pattern());
                    out.writeInt(v.flags());
                },
                in -> compile(in, in.readString(), in.readInt()));
        value(table, BitSet.class, (out, v) -> out.writeRaw(v.toByteArray()), in -> BitSet.valueOf(in.readRaw()));
        value(
                table,
                Currency.class,
                (out, v) -> out.writeString(v.getCurrencyCode()),
                in -> Currency.getInstance(in.readString()));
        value(
                table,
                StringBuilder.class,
                (out, v) -> out.writeString(v.toString()),
                in -> new StringBuilder(in.readString()));
        value(
                table,
                StringBuffer.class,
                (out, v) -> out.writeString(v.toString()),
                in -> new StringBuffer(in.readString()));
        // A language tag keeps script and extensions; the JDK maps its legacy locales (ja_JP_JP...) both ways.
        value(
                table,
                Locale.class,
                (out, v) -> out.writeString(v.toLanguageTag()),
                in -> Locale.forLanguageTag(in.readString()));
        value(table, AtomicInteger.class, (out, v) -> out.writeInt(v.get()), in -> new AtomicInteger(in.readInt()));
        value(table, AtomicLong.class, (out, v) -> out.writeLong(v.get()), in -> new AtomicLong(in.readLong()));
        value(table, AtomicBoolean.class, (out, v) -> out.writeBool(v.get()), in -> new AtomicBoolean(in.readBool()));
        table.put(AtomicReference.class, new AtomicReferenceHandler());
        value(
                table,
                StackTraceElement.class,
                (out, v) -> {
                    out.writeString(v.getClassLoaderName());
                    out.writeString(v.getModuleName());
                    out.writeString(v.getModuleVersion());
                    out.writeString(v.getClassName());
                    out.writeString(v.getMethodName());
                    out.writeString(v.getFileName());
                    out.writeInt(v.getLineNumber());
                },
                in -> new StackTraceElement(
                        in.readString(),
                        in.readString(),
                        in.readString(),
                        in.readString(),
                        in.readString(),
                        in.readString(),
                        in.readInt()));
        addOptionals(table);
    }

    /**
     * Adds the handler of paths of the default file system to a table.
     *
     * @param table the table, by exact class
     */
    static void addPaths(Map<Class<?>, TypeHandler> table) {
        Path anyPath = Path.of("");
        table.put(
                anyPath.getClass(),
                new ValueHandler<>(
                        Path.class,
                        Path.class,
                        (out, v) -> {
                            if (v.getFileSystem() != FileSystems.getDefault()) {
                                throw new CarryException(
                                        v.getClass().getName(), "only paths of the default file system travel");
                            }
                            out.writeString(v.toString());
                        },
                        in -> Path.of(in.readString())));
        table.put(Path.class, table.get(anyPath.getClass()));
    }

    private static void addOptionals(Map<Class<?>, TypeHandler> table) {
        // Optional may hold any object, possibly one that refers back to it: built once its value is read.
        table.put(
                Optional.class,
                new BuiltHandler(
                        (out, v) -> {
                            Optional<?> optional = (Optional<?>) v;
                            if (optional.isPresent()) {
                                out.writePart(optional.get(), "value", optional);
                            }
                        },
                        parts -> parts.isEmpty() ? Optional.empty() : Optional.of(parts.get(0)),
                        null));
        value(
                table,
                OptionalInt.class,
                (out, v) -> {
                    out.writeBool(v.isPresent());
                    if (v.isPresent()) {
                        out.writeInt(v.getAsInt());
                    }
                },
                in -> in.readBool() ? OptionalInt.of(in.readInt()) : OptionalInt.empty());
        value(
                table,
                OptionalLong.class,
                (out, v) -> {
                    out.writeBool(v.isPresent());
                    if (v.isPresent()) {
                        out.writeLong(v.getAsLong());
                    }
                },
                in -> in.readBool() ? OptionalLong.of(in.readLong()) : OptionalLong.empty());
        value(
                table,
                OptionalDouble.class,
                (out, v) -> {
                    out.writeBool(v.isPresent());
                    if (v.isPresent()) {
                        out.writeLong(Double.doubleToRawLongBits(v.getAsDouble()));
                    }
                },
                in -> in.readBool()
                        ? OptionalDouble.of(Double.longBitsToDouble(in.readLong()))
                        : OptionalDouble.empty());
    }

    /**
     * Adds the handlers of the java.time types to a table.
     *
     * @param table the table, by exact class
     */
    static void addTime(Map<Class<?>, TypeHandler> table) {
        value(
                table,
                Instant.class,
                (out, v) -> {
                    out.writeLong(v.getEpochSecond());
                    out.writeInt(v.getNano());
                },
                in -> Instant.ofEpochSecond(in.readLong(), in.readInt()));
        value(
                table,
                Duration.class,
                (out, v) -> {
                    out.writeLong(v.getSeconds());
                    out.writeInt(v.getNano());
                },
                in -> Duration.ofSeconds(in.readLong(), in.readInt()));
        value(
                table,
                LocalDate.class,
                (out, v) -> out.writeLong(v.toEpochDay()),
                in -> LocalDate.ofEpochDay(in.readLong()));
        value(
                table,
                LocalTime.class,
                (out, v) -> out.writeLong(v.toNanoOfDay()),
                in -> LocalTime.ofNanoOfDay(in.readLong()));
        value(table, LocalDateTime.class, JdkValues::writeDateTime, JdkValues::readDateTime);
        value(
                table,
                OffsetDateTime.class,
                (out, v) -> {
                    writeDateTime(out, v.toLocalDateTime());
                    out.writeInt(v.getOffset().getTotalSeconds());
                },
                in -> OffsetDateTime.of(readDateTime(in), ZoneOffset.ofTotalSeconds(in.readInt())));
        value(
                table,
                OffsetTime.class,
                (out, v) -> {
                    out.writeLong(v.toLocalTime().toNanoOfDay());
                    out.writeInt(v.getOffset().getTotalSeconds());
                },
                in -> OffsetTime.of(LocalTime.ofNanoOfDay(in.readLong()), ZoneOffset.ofTotalSeconds(in.readInt())));
        value(
                table,
                ZonedDateTime.class,
                (out, v) -> {
                    writeDateTime(out, v.toLocalDateTime());
                    out.writeInt(v.getOffset().getTotalSeconds());
                    out.writeString(v.getZone().getId());
                },
                in -> {
                    LocalDateTime dateTime = readDateTime(in);
                    ZoneOffset offset = ZoneOffset.ofTotalSeconds(in.readInt());
                    // ofLocal keeps the offset when the zone allows it (a time in an overlap), as the original had.
                    return ZonedDateTime.ofLocal(dateTime, ZoneId.of(in.readString()), offset);
                });
        value(
                table,
                ZoneOffset.class,
                (out, v) -> out.writeInt(v.getTotalSeconds()),
                in -> ZoneOffset.ofTotalSeconds(in.readInt()));
        ValueHandler<ZoneId> region = new ValueHandler<>(
                ZoneId.class, ZoneId.class, (out, v) -> out.writeString(v.getId()), in -> ZoneId.of(in.readString()));
        table.put(zoneRegionClass(), region);
        table.put(ZoneId.class, region);
        value(
                table,
                Period.class,
                (out, v) -> {
                    out.writeInt(v.getYears());
                    out.writeInt(v.getMonths());
                    out.writeInt(v.getDays());
                },
                in -> Period.of(in.readInt(), in.readInt(), in.readInt()));
        value(table, Year.class, (out, v) -> out.writeInt(v.getValue()), in -> Year.of(in.readInt()));
        value(
                table,
                YearMonth.class,
                (out, v) -> {
                    out.writeInt(v.getYear());
                    out.writeInt(v.getMonthValue());
                },
                in -> YearMonth.of(in.readInt(), in.readInt()));
        value(
                table,
                MonthDay.class,
                (out, v) -> {
                    out.writeInt(v.getMonthValue());
                    out.writeInt(v.getDayOfMonth());
                },
                in -> MonthDay.of(in.readInt(), in.readInt()));
    }

    /** Work per alternative {@code CANON_EQ} makes a pattern compile into: each takes about a millisecond. */
    private static final long CANON_EQ_WORK = 1_000;

    /**
     * Compiles a pattern read from a message. With {@code CANON_EQ}, the JDK compiles every order of a run of
     * combining marks as an alternative: 8 marks in a 30-byte message took 15 s, and each mark more multiplies it.
     * Their number, the factorial of each run's length, is paid from the message's budget first.
     */
    private static Pattern compile(ValueReader in, String regex, int flags) throws CorruptDataException {
        if ((flags & Pattern.CANON_EQ) != 0 && regex != null) {
            // The JDK decomposes the pattern first: a precomposed letter (U+01D6) brings marks of its own.
            String marks = java.text.Normalizer.normalize(regex, java.text.Normalizer.Form.NFD);
            long orders = 0;
            long ordersOfRun = 1;
            for (int i = 0, run = 0; i <= marks.length(); i++) {
                int type = i < marks.length() ? Character.getType(marks.charAt(i)) : Character.UNASSIGNED;
                if (type == Character.NON_SPACING_MARK
                        || type == Character.ENCLOSING_MARK
                        || type == Character.COMBINING_SPACING_MARK) {
                    run++;
                    ordersOfRun = DecodeBudget.saturatedMultiply(ordersOfRun, run);
                } else if (run > 0) {
                    orders = DecodeBudget.saturatedAdd(orders, ordersOfRun);
                    run = 0;
                    ordersOfRun = 1;
                }
            }
            in.spend(DecodeBudget.saturatedMultiply(orders, CANON_EQ_WORK), "compiling with CANON_EQ a", Pattern.class);
        }
        return Pattern.compile(regex, flags);
    }

    /**
     * The class of a zone named by a region ({@code Europe/Paris}), found by name: making one would read the
     * time-zone database, and a failure there (out of descriptors) would poison the JDK's zone rules for good.
     */
    private static Class<?> zoneRegionClass() {
        try {
            return Class.forName("java.time.ZoneRegion", false, ZoneId.class.getClassLoader());
        } catch (ClassNotFoundException e) {
            return ZoneId.of("Europe/Paris").getClass();
        }
    }

    private static void writeDateTime(ValueWriter out, LocalDateTime value) throws java.io.IOException {
        out.writeLong(value.toLocalDate().toEpochDay());
        out.writeLong(value.toLocalTime().toNanoOfDay());
    }

    private static LocalDateTime readDateTime(ValueReader in) throws java.io.IOException {
        return LocalDateTime.of(LocalDate.ofEpochDay(in.readLong()), LocalTime.ofNanoOfDay(in.readLong()));
    }

    private static <T> void value(
            Map<Class<?>, TypeHandler> table,
            Class<T> type,
            ValueHandler.Writer<T> writer,
            ValueHandler.Reader<T> reader) {
        table.put(type, new ValueHandler<>(type, null, writer, reader));
    }

    /** An AtomicReference: created, bound, then set, so that its value may refer back to it. */
    private static final class AtomicReferenceHandler extends TypeHandler {
        @Override
        void write(ValueWriter out, Object value) throws java.io.IOException {
            out.writePart(((AtomicReference<?>) value).get(), "value", value);
        }

        @Override
        Object read(ValueReader in, Class<?> wireClass, int slot) throws java.io.IOException {
            AtomicReference<Object> reference = new AtomicReference<>();
            in.bind(slot, reference);
            reference.set(in.readValue());
            return reference;
        }
    }
}
