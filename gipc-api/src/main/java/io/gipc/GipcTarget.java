package io.gipc;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A target that takes positional and keyword arguments, Python gipc's {@code target(*args, **kwargs)}; for
 * {@link Gipc#process(GipcTarget)} with {@link GProcessBuilder#args(Object...)} and
 * {@link GProcessBuilder#kwargs(Map)}. Shipped to the child like {@link GipcTarget0}.
 */
@FunctionalInterface
public interface GipcTarget extends Serializable {
    /**
     * Runs in the child; see {@link GipcTarget0#run()} for how the child exits.
     *
     * @param args the positional arguments, in order (an unmodifiable list, possibly empty)
     * @param kwargs the keyword arguments (an unmodifiable map, possibly empty)
     * @throws Exception anything; the child then exits with 1
     */
    void run(List<Object> args, Map<String, Object> kwargs) throws Exception;
}
