package io.gipc.netty.internal.codec;

import java.util.HashSet;
import java.util.Set;

/** Object graphs that are cheap to send and costly to rebuild: what a hostile peer sends to a decoder. */
public final class HostileGraphs {
    private HostileGraphs() {}

    /**
     * The "SerialDOS" graph: levels of two sets, each holding both sets of the next level. It is cheap to build
     * (each set is hashed while empty) and to write, but rebuilding it hashes every set 2^levels times over.
     *
     * @param levels how deep it goes (100 is far beyond any decoder's patience)
     * @return its root
     */
    public static Set<Object> serialDos(int levels) {
        Set<Object> root = new HashSet<>();
        Set<Object> s1 = root;
        Set<Object> s2 = new HashSet<>();
        for (int i = 0; i < levels; i++) {
            Set<Object> t1 = new HashSet<>();
            Set<Object> t2 = new HashSet<>();
            t1.add("foo"); // unequal to t2
            s1.add(t1);
            s1.add(t2);
            s2.add(t1);
            s2.add(t2);
            s1 = t1;
            s2 = t2;
        }
        return root;
    }
}
