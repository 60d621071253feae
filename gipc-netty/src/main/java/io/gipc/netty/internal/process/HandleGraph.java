package io.gipc.netty.internal.process;

import io.gipc.GipcException;
import io.gipc.GipcHandle;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Collection;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Finds the handles inside arguments and swaps them for {@link HandleSlot}s (parent side), and back (child
 * side). Handles are found at the top level and inside lists, sets, maps, {@code Object[]} arrays and
 * {@link Optional}s, any number of levels deep; a handle anywhere else (a field of an object, a typed array) is
 * refused with a {@link GipcException} saying where, never silently dropped.
 */
public final class HandleGraph {
    private static final int MAX_SCAN_DEPTH = 64;

    private HandleGraph() {
    }

    /**
     * Parent side: the value with every handle replaced by its slot; new handles are appended to {@code found}
     * (a handle met twice gets one slot).
     *
     * @param value an argument
     * @param found the handles found so far, in slot order
     * @param where what the value is, for messages ("argument 2")
     * @return the value to encode
     * @throws GipcException if a handle sits where it cannot be replaced
     */
    public static Object extract(Object value, List<GipcHandle> found, String where) {
        return extract(value, found, where, new IdentityHashMap<>(), 0);
    }

    private static Object extract(Object value, List<GipcHandle> found, String where,
                                  IdentityHashMap<Object, Object> seen, int depth) {
        if (value == null) {
            return null;
        }
        if (value instanceof GipcHandle) {
            for (int i = 0; i < found.size(); i++) {
                if (found.get(i) == value) {
                    return new HandleSlot(i);
                }
            }
            found.add((GipcHandle) value);
            return new HandleSlot(found.size() - 1);
        }
        if (seen.containsKey(value)) {
            return seen.get(value);   // shared: the same replacement; in a cycle: itself (still being scanned)
        }
        if (depth > MAX_SCAN_DEPTH) {
            return value;
        }
        seen.put(value, value);
        Object result = extractComposite(value, found, where, seen, depth);
        seen.put(value, result);
        return result;
    }

    private static Object extractComposite(Object value, List<GipcHandle> found, String where,
                                           IdentityHashMap<Object, Object> seen, int depth) {
        if (value instanceof List || value instanceof Set) {
            Collection<?> c = (Collection<?>) value;
            List<Object> out = new ArrayList<>(c.size());
            boolean changed = false;
            int i = 0;
            for (Object e : c) {
                Object r = extract(e, found, where + "[" + i++ + "]", seen, depth + 1);
                changed |= r != e;
                out.add(r);
            }
            if (!changed) {
                return value;
            }
            return value instanceof Set ? new LinkedHashSet<>(out) : out;
        }
        if (value instanceof Map) {
            Map<?, ?> m = (Map<?, ?>) value;
            Map<Object, Object> out = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<?, ?> e : m.entrySet()) {
                Object k = extract(e.getKey(), found, where + " key", seen, depth + 1);
                Object v = extract(e.getValue(), found, where + "[" + e.getKey() + "]", seen, depth + 1);
                changed |= k != e.getKey() || v != e.getValue();
                out.put(k, v);
            }
            return changed ? out : value;
        }
        if (value instanceof Optional) {
            Optional<?> o = (Optional<?>) value;
            if (o.isEmpty()) {
                return value;
            }
            Object r = extract(o.get(), found, where + ".get()", seen, depth + 1);
            return r == o.get() ? value : Optional.of(r);
        }
        if (value.getClass().isArray()) {
            return extractArray(value, found, where, seen, depth);
        }
        refuseNestedHandle(value, where, seen, depth);
        return value;
    }

    private static Object extractArray(Object array, List<GipcHandle> found, String where,
                                       IdentityHashMap<Object, Object> seen, int depth) {
        if (array.getClass().getComponentType().isPrimitive()) {
            return array;
        }
        Object[] a = (Object[]) array;
        Object[] out = null;
        for (int i = 0; i < a.length; i++) {
            Object r = extract(a[i], found, where + "[" + i + "]", seen, depth + 1);
            if (r != a[i]) {
                if (a.getClass() != Object[].class) {
                    throw new GipcException("cannot transfer the handle at " + where + "[" + i + "]: it is in a "
                            + a.getClass().getComponentType().getName() + "[]; pass handles as arguments, or in a"
                            + " List, Set, Map, Object[] or Optional");
                }
                if (out == null) {
                    out = a.clone();
                }
                out[i] = r;
            }
        }
        return out == null ? array : out;
    }

    /** Looks through the fields of an application object; a handle there cannot be swapped, so say so. */
    private static void refuseNestedHandle(Object value, String where, IdentityHashMap<Object, Object> seen,
                                           int depth) {
        Class<?> type = value.getClass();
        if (isPlatformClass(type)) {
            return;
        }
        for (Class<?> c = type; c != null && !isPlatformClass(c); c = c.getSuperclass()) {
            for (Field f : c.getDeclaredFields()) {
                if (Modifier.isStatic(f.getModifiers()) || f.getType().isPrimitive()) {
                    continue;
                }
                Object fieldValue;
                try {
                    f.setAccessible(true);
                    fieldValue = f.get(value);
                } catch (RuntimeException | IllegalAccessException e) {
                    continue;   // not ours to look into (a module that is not open): the codec will decide
                }
                String path = where + "." + f.getName();
                if (fieldValue instanceof GipcHandle) {
                    throw new GipcException("cannot transfer the handle at " + path + " (a field of "
                            + type.getName() + "): pass handles as arguments, or in a List, Set, Map, Object[]"
                            + " or Optional");
                }
                if (fieldValue != null) {
                    List<GipcHandle> probe = new ArrayList<>();
                    Object r = extract(fieldValue, probe, path, seen, depth + 1);
                    if (!probe.isEmpty() || r != fieldValue) {
                        throw new GipcException("cannot transfer the handle inside " + path + " (a field of "
                                + type.getName() + "): pass handles as arguments, or in a List, Set, Map,"
                                + " Object[] or Optional");
                    }
                }
            }
        }
    }

    private static boolean isPlatformClass(Class<?> c) {
        String n = c.getName();
        return n.startsWith("java.") || n.startsWith("javax.") || n.startsWith("jdk.") || n.startsWith("sun.")
                || n.startsWith("com.sun.") || c.isEnum() || c.isSynthetic();
    }

    /**
     * Child side: the value with every {@link HandleSlot} replaced by its rebuilt handle.
     *
     * @param value a decoded argument
     * @param handles the rebuilt handles, in slot order
     * @return the value to pass to the target
     */
    public static Object restore(Object value, List<GipcHandle> handles) {
        return restore(value, handles, new IdentityHashMap<>());
    }

    private static Object restore(Object value, List<GipcHandle> handles, IdentityHashMap<Object, Object> seen) {
        if (value == null) {
            return null;
        }
        if (value instanceof HandleSlot) {
            int i = ((HandleSlot) value).index();
            if (i < 0 || i >= handles.size()) {
                throw new GipcException("the arguments name handle " + i + " but only " + handles.size()
                        + " were transferred");
            }
            return handles.get(i);
        }
        if (seen.containsKey(value)) {
            return seen.get(value);
        }
        seen.put(value, value);
        Object result = restoreComposite(value, handles, seen);
        seen.put(value, result);
        return result;
    }

    private static Object restoreComposite(Object value, List<GipcHandle> handles,
                                           IdentityHashMap<Object, Object> seen) {
        if (value instanceof List || value instanceof Set) {
            Collection<?> c = (Collection<?>) value;
            List<Object> out = new ArrayList<>(c.size());
            boolean changed = false;
            for (Object e : c) {
                Object r = restore(e, handles, seen);
                changed |= r != e;
                out.add(r);
            }
            if (!changed) {
                return value;
            }
            return value instanceof Set ? new LinkedHashSet<>(out) : out;
        }
        if (value instanceof Map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            boolean changed = false;
            for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
                Object k = restore(e.getKey(), handles, seen);
                Object v = restore(e.getValue(), handles, seen);
                changed |= k != e.getKey() || v != e.getValue();
                out.put(k, v);
            }
            return changed ? out : value;
        }
        if (value instanceof Optional) {
            Optional<?> o = (Optional<?>) value;
            return o.isEmpty() ? value : Optional.of(restore(o.get(), handles, seen));
        }
        if (value instanceof Object[]) {
            Object[] a = (Object[]) value;
            for (int i = 0; i < a.length; i++) {
                a[i] = restore(a[i], handles, seen);
            }
            return a;
        }
        return value;
    }

}
