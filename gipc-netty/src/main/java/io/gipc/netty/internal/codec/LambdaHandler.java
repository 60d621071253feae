package io.gipc.netty.internal.codec;

import java.io.IOException;
import java.lang.invoke.SerializedLambda;

/**
 * A serializable lambda or method reference, carried as what its {@link SerializedLambda} names: the capturing
 * class, the functional interface and method, the implementation method, the signatures, and the captured
 * values (each carried by this codec). The wire names {@code SerializedLambda} as its class, which is how a
 * lambda's own hidden class (which no other JVM could load) is avoided. Late-bound.
 */
final class LambdaHandler extends TypeHandler {
    static final LambdaHandler INSTANCE = new LambdaHandler();

    private LambdaHandler() {}

    @Override
    Class<?> wireClass(Object value) {
        return SerializedLambda.class;
    }

    @Override
    boolean lateBound() {
        return true;
    }

    @Override
    void write(ValueWriter out, Object value) throws IOException {
        SerializedLambda form =
                value instanceof SerializedLambda ? (SerializedLambda) value : SerializedLambdas.of(value);
        out.writeString(form.getCapturingClass());
        out.writeString(form.getFunctionalInterfaceClass());
        out.writeString(form.getFunctionalInterfaceMethodName());
        out.writeString(form.getFunctionalInterfaceMethodSignature());
        out.writeInt(form.getImplMethodKind());
        out.writeString(form.getImplClass());
        out.writeString(form.getImplMethodName());
        out.writeString(form.getImplMethodSignature());
        out.writeString(form.getInstantiatedMethodType());
        out.writeInt(form.getCapturedArgCount());
        for (int i = 0; i < form.getCapturedArgCount(); i++) {
            out.writePart(form.getCapturedArg(i), "captured value " + i, value);
        }
    }

    @Override
    Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
        String capturingClassName = in.readString();
        if (capturingClassName == null) {
            throw new CorruptDataException("a lambda without a capturing class");
        }
        Class<?> capturingClass = in.loadNamedClass(capturingClassName.replace('/', '.'));
        String interfaceClass = in.readString();
        String interfaceMethod = in.readString();
        String interfaceSignature = in.readString();
        int implKind = in.readInt();
        String implClass = in.readString();
        String implMethod = in.readString();
        String implSignature = in.readString();
        String instantiatedType = in.readString();
        int capturedCount = in.readCount();
        in.claim(capturedCount, Object[].class, false);
        Object[] captured = new Object[capturedCount];
        for (int i = 0; i < captured.length; i++) {
            captured[i] = in.readValue();
        }
        SerializedLambda form = new SerializedLambda(
                capturingClass,
                interfaceClass,
                interfaceMethod,
                interfaceSignature,
                implKind,
                implClass,
                implMethod,
                implSignature,
                instantiatedType,
                captured);
        return SerializedLambdas.rebuild(form, capturingClass);
    }
}
