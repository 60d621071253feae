/**
 * gipc on Netty's native transports.
 *
 * <p>This descriptor is not compiled with the sources, so that the tests of gipc-netty run on the class path;
 * at {@code package} the build adds it to the jar. Users see {@code io.gipc} and {@code io.gipc.netty} only.
 */
module io.gipc.netty {
    requires transitive io.gipc;
    // GipcNetty's methods take and return an EventLoopGroup.
    requires transitive io.netty.transport;
    requires io.netty.buffer;
    requires io.netty.common;
    requires io.netty.transport.unix.common;
    requires io.netty.transport.classes.epoll;
    requires io.netty.transport.classes.kqueue;
    // Netty loads its native library as a resource (META-INF/native/...) of these modules, which nothing
    // else requires: without these lines they would stay out of the module graph and epoll/kqueue would
    // fail to load. gipc-netty depends on all four, so they are on every user's module path.
    requires io.netty.transport.epoll.linux.x86_64;
    requires io.netty.transport.epoll.linux.aarch_64;
    requires io.netty.transport.kqueue.osx.x86_64;
    requires io.netty.transport.kqueue.osx.aarch_64;
    // JNA (an automatic module): socketpair, fcntl, posix_spawn, waitpid ...
    requires com.sun.jna;
    requires org.slf4j;
    // The JVM options a child inherits come from the RuntimeMXBean.
    requires java.management;
    // sun.reflect.ReflectionFactory (the codec builds objects that lack a no-arg constructor) and sun.misc.Signal
    // (the launcher gives SIGTERM, SIGINT and SIGHUP back their default action).
    requires jdk.unsupported;

    exports io.gipc.netty;

    // The Library interfaces live here. JNA's proxies need no access today, but JNA calls an interface's default
    // methods through MethodHandles.privateLookupIn and reads a Structure's fields reflectively: both need this.
    opens io.gipc.netty.internal.posix to com.sun.jna;

    provides io.gipc.spi.GipcProvider with io.gipc.netty.internal.NettyGipcProvider;
}
