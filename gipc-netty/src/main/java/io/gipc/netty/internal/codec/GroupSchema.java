package io.gipc.netty.internal.codec;

import io.protostuff.Input;
import io.protostuff.Output;
import io.protostuff.Schema;
import java.io.IOException;

/**
 * What protostuff asks of the schema of a nested group. The writer and the reader are their own schema: the
 * contents of a group depend on its class, which they look up themselves, so the Schema methods about named
 * fields are never used.
 */
abstract class GroupSchema implements Schema<Object> {

    @Override
    public String getFieldName(int number) {
        return null;
    }

    @Override
    public int getFieldNumber(String name) {
        return 0;
    }

    @Override
    public boolean isInitialized(Object message) {
        return true;
    }

    @Override
    public Object newMessage() {
        throw new UnsupportedOperationException("the default codec reads groups into itself");
    }

    @Override
    public String messageName() {
        return "value";
    }

    @Override
    public String messageFullName() {
        return GroupSchema.class.getName();
    }

    @Override
    public Class<? super Object> typeClass() {
        return Object.class;
    }

    @Override
    public void mergeFrom(Input input, Object message) throws IOException {
        throw new UnsupportedOperationException("this schema only writes");
    }

    @Override
    public void writeTo(Output output, Object message) throws IOException {
        throw new UnsupportedOperationException("this schema only reads");
    }
}
