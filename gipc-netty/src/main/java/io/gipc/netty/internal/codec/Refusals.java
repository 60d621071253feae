package io.gipc.netty.internal.codec;

import io.gipc.GipcHandle;
import java.io.FileDescriptor;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.RandomAccessFile;
import java.io.Reader;
import java.io.Writer;
import java.lang.ref.Reference;
import java.net.DatagramSocket;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.channels.Channel;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The kinds of objects that are bound to this JVM or process and so mean nothing elsewhere; they are refused
 * even when a user class extends them, with the reason.
 */
final class Refusals {
    /** Why a handle cannot be carried (without a {@link HandleSink}). */
    static final String HANDLE = "a handle cannot travel inside a message of this codec; handles travel in "
            + "messages put on a pipe whose writer uses the default codec, and to Gipc.startProcess";

    private static final Map<Class<?>, String> REASONS = new LinkedHashMap<>();

    static {
        REASONS.put(GipcHandle.class, HANDLE);
        REASONS.put(Thread.class, "a thread belongs to the JVM that runs it");
        REASONS.put(ThreadGroup.class, "a thread group belongs to the JVM that runs it");
        REASONS.put(ClassLoader.class, "a class loader belongs to this JVM");
        REASONS.put(InputStream.class, "a stream is bound to a resource of this process; send its contents");
        REASONS.put(OutputStream.class, "a stream is bound to a resource of this process");
        REASONS.put(Reader.class, "a reader is bound to a resource of this process; send its contents");
        REASONS.put(Writer.class, "a writer is bound to a resource of this process");
        REASONS.put(RandomAccessFile.class, "an open file belongs to this process");
        REASONS.put(FileDescriptor.class, "a file descriptor belongs to this process");
        REASONS.put(Channel.class, "a channel is bound to a resource of this process");
        REASONS.put(Socket.class, "a socket belongs to this process");
        REASONS.put(ServerSocket.class, "a socket belongs to this process");
        REASONS.put(DatagramSocket.class, "a socket belongs to this process");
        REASONS.put(Process.class, "a process handle belongs to this JVM");
        REASONS.put(ProcessHandle.class, "a process handle belongs to this JVM");
        REASONS.put(Reference.class, "a reference object belongs to this JVM's garbage collector");
        REASONS.put(Runtime.class, "the runtime belongs to this JVM");
    }

    private Refusals() {}

    /**
     * Why a class is refused.
     *
     * @param type the class of a value
     * @return the reason, or null if it is not one of these kinds
     */
    static String reason(Class<?> type) {
        for (Map.Entry<Class<?>, String> entry : REASONS.entrySet()) {
            if (entry.getKey().isAssignableFrom(type)) {
                return entry.getKey() == type || entry.getKey() == GipcHandle.class
                        ? entry.getValue()
                        : "it is a " + entry.getKey().getName() + ", and " + entry.getValue();
            }
        }
        return null;
    }
}
