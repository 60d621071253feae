package io.gipc.netty.internal.codec;

import java.io.IOException;
import java.util.EnumMap;
import java.util.Map;

/**
 * An {@code EnumMap}: its key type, then its entries. The key type is a private field; it is found from a key,
 * or for an empty map from its serial form ({@link SerialForms#enumTypeOf}).
 */
final class EnumMapHandler extends TypeHandler {
    static final EnumMapHandler INSTANCE = new EnumMapHandler();

    private EnumMapHandler() {}

    @Override
    Class<?> wireClass(Object value) {
        return EnumMap.class;
    }

    @Override
    void write(ValueWriter out, Object value) throws IOException {
        EnumMap<?, ?> map = (EnumMap<?, ?>) value;
        out.writeClassRef(
                map.isEmpty()
                        ? SerialForms.enumTypeOf(map)
                        : map.keySet().iterator().next().getDeclaringClass());
        MapHandler.writeEntries(out, map);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    Object read(ValueReader in, Class<?> wireClass, int slot) throws IOException {
        Class<?> type = in.readClassRef();
        if (!type.isEnum()) {
            throw new CorruptDataException("an EnumMap of " + type.getName() + ", which is not an enum");
        }
        Map<Object, Object> map = new EnumMap(type);
        in.bind(slot, map);
        MapHandler.readEntries(in, map);
        return map;
    }
}
