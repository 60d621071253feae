package io.gipc.netty.properties;

import io.gipc.Gipc;
import io.gipc.GipcDuplexPipe;
import io.gipc.GipcHandle;
import io.gipc.GipcPipe;
import io.gipc.GipcReader;
import io.gipc.GipcWriter;
import java.util.EnumMap;
import java.util.Map;

/** The kinds of pipe a program may run on: raw or with the default codec (carrying byte[]), simplex or duplex. */
enum PipeKind {
    RAW_PIPE("Gipc.rawPipe()", false),
    CODEC_PIPE("Gipc.pipe()", false),
    RAW_DUPLEX("Gipc.rawDuplexPipe()", true),
    CODEC_DUPLEX("Gipc.duplexPipe()", true);

    private final String call;
    private final boolean duplex;

    PipeKind(String call, boolean duplex) {
        this.call = call;
        this.duplex = duplex;
    }

    boolean duplex() {
        return duplex;
    }

    boolean writes(End end) {
        return duplex || end == End.A;
    }

    boolean reads(End end) {
        return duplex || end == End.B;
    }

    /** How reports name an end: writer and reader, or first and second. */
    String name(End end) {
        if (duplex) {
            return end == End.A ? "first" : "second";
        }
        return end == End.A ? "writer" : "reader";
    }

    /** How reports name the lane an end writes to, e.g. {@code "first -> second"}. */
    String laneName(End writer) {
        return name(writer) + " -> " + name(writer.other());
    }

    /**
     * Makes a pipe of this kind.
     *
     * @return its two ends
     */
    Ends open() {
        Map<End, GipcHandle> ends = new EnumMap<>(End.class);
        if (duplex) {
            GipcDuplexPipe<byte[]> pipe = this == RAW_DUPLEX ? Gipc.rawDuplexPipe() : Gipc.duplexPipe();
            ends.put(End.A, pipe.first());
            ends.put(End.B, pipe.second());
        } else {
            GipcPipe<byte[]> pipe = this == RAW_PIPE ? Gipc.rawPipe() : Gipc.pipe();
            ends.put(End.A, pipe.writer());
            ends.put(End.B, pipe.reader());
        }
        return new Ends(ends);
    }

    @Override
    public String toString() {
        return call;
    }

    /** The two handles of an open pipe, by end. */
    static final class Ends {
        private final Map<End, GipcHandle> handles;

        private Ends(Map<End, GipcHandle> handles) {
            this.handles = handles;
        }

        GipcHandle handle(End end) {
            return handles.get(end);
        }

        @SuppressWarnings("unchecked")
        GipcWriter<byte[]> writer(End end) {
            return (GipcWriter<byte[]>) handles.get(end);
        }

        @SuppressWarnings("unchecked")
        GipcReader<byte[]> reader(End end) {
            return (GipcReader<byte[]>) handles.get(end);
        }
    }
}
