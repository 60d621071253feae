/**
 * gipc's public API: pipes, child processes and their futures. JDK types only; the implementation
 * (gipc-netty) is found through {@link java.util.ServiceLoader}.
 */
module io.gipc {
    exports io.gipc;
    exports io.gipc.spi;

    uses io.gipc.spi.GipcProvider;
}
