package io.gipc.netty.internal.codec;

import java.io.IOException;
import java.lang.reflect.InvocationTargetException;

/**
 * An exception or error: its class, message, cause, stack trace, suppressed exceptions, and the fields its user
 * classes declare. Throwable's own fields are private to java.base, so the object is created by running only
 * {@code Throwable(String)} (no constructor of the class itself, so a class without a usable constructor still
 * decodes) and the rest is set through the public API ({@code initCause}, {@code setStackTrace},
 * {@code addSuppressed}). The message carried is what {@code getMessage()} returned. Private fields of JDK
 * exception classes are not carried.
 */
final class ThrowableHandler extends TypeHandler {
    private final Instantiator instantiator;
    private final FieldLayout userFields;
    /** InvocationTargetException keeps its cause in a field of its own: it is built with it. */
    private final boolean causeInConstructor;

    private ThrowableHandler(Instantiator instantiator, FieldLayout userFields, boolean causeInConstructor) {
        this.instantiator = instantiator;
        this.userFields = userFields;
        this.causeInConstructor = causeInConstructor;
    }

    /**
     * The handler of a Throwable class.
     *
     * @param type the class
     * @return its handler
     * @throws IllegalStateException if a field of a user class cannot be read
     */
    static ThrowableHandler forClass(Class<?> type) {
        FieldLayout fields = ClassNames.isJdk(type) ? FieldLayout.EMPTY : FieldLayout.of(type);
        try {
            if (type == InvocationTargetException.class) {
                return new ThrowableHandler(
                        Instantiator.calling(type.getConstructor(Throwable.class, String.class)), fields, true);
            }
            return new ThrowableHandler(
                    Instantiator.running(type, Throwable.class.getDeclaredConstructor(String.class)), fields, false);
        } catch (NoSuchMethodException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    void write(ValueWriter out, Object value) throws IOException {
        Throwable throwable = (Throwable) value;
        out.writeString(throwable.getMessage());
        if (causeInConstructor) {
            out.writeBeforeOwner(throwable.getCause(), "cause", throwable);
        } else {
            out.writePart(throwable.getCause(), "cause", throwable);
        }
        out.writePart(throwable.getStackTrace(), "stack trace", throwable);
        out.writePart(throwable.getSuppressed(), "suppressed exceptions", throwable);
        userFields.write(out, throwable);
    }

    @Override
    Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
        String message = in.readString();
        Throwable throwable;
        if (causeInConstructor) {
            throwable = (Throwable) instantiator.newInstance((Throwable) in.readValue(), message);
            in.bind(slot, throwable);
        } else {
            throwable = (Throwable) instantiator.newInstance(message);
            in.bind(slot, throwable);
            Throwable cause = (Throwable) in.readValue();
            if (cause != null) {
                throwable.initCause(cause);
            }
        }
        throwable.setStackTrace((StackTraceElement[]) in.readValue());
        for (Throwable suppressed : (Throwable[]) in.readValue()) {
            throwable.addSuppressed(suppressed);
        }
        userFields.read(in, throwable);
        return throwable;
    }
}
