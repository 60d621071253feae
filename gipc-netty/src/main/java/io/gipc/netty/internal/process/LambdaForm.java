package io.gipc.netty.internal.process;

import java.util.ArrayList;
import java.util.List;

/**
 * A serializable lambda or method reference as it travels to a child: what its {@code SerializedLambda} names,
 * and its captured values each encoded by the default codec. A plain class so that any codec carries it.
 */
public final class LambdaForm {
    String capturingClass;
    String functionalInterfaceClass;
    String functionalInterfaceMethodName;
    String functionalInterfaceMethodSignature;
    int implMethodKind;
    String implClass;
    String implMethodName;
    String implMethodSignature;
    String instantiatedMethodType;
    List<byte[]> capturedArgs = new ArrayList<>();

    /** For codecs. */
    public LambdaForm() {
    }

    /** @return the class that created the lambda, in internal form ({@code a/b/C}) */
    public String capturingClass() {
        return capturingClass;
    }

    /** @return the implementation method, for messages ({@code a/b/C.m}) */
    public String implementation() {
        return implClass + "." + implMethodName;
    }
}
