package io.gipc.spi;

import io.gipc.GipcException;
import java.util.ServiceLoader;

/** Loads the provider lazily, once, on first use (the holder idiom); remembers why if it could not. */
final class ProviderHolder {
    private static final GipcProvider PROVIDER;
    private static final RuntimeException FAILURE;

    static {
        GipcProvider provider = null;
        RuntimeException failure = null;
        try {
            provider = ServiceLoader.load(GipcProvider.class, GipcProvider.class.getClassLoader())
                    .findFirst()
                    .orElse(null);
            if (provider == null) {
                failure = new GipcException(
                        "no gipc implementation found: add the io.gipc:gipc-netty dependency" + " next to gipc-api");
            }
        } catch (RuntimeException | LinkageError e) {
            failure = new GipcException("the gipc implementation could not be loaded: " + e, e);
        }
        PROVIDER = provider;
        FAILURE = failure;
    }

    private ProviderHolder() {}

    static GipcProvider provider() {
        if (PROVIDER == null) {
            throw new GipcException(FAILURE.getMessage(), FAILURE.getCause());
        }
        return PROVIDER;
    }
}
