/** A user's application on the module path: it knows gipc's API only; io.gipc.netty is bound as a service. */
module io.gipc.it.app {
    requires io.gipc;
    // The default codec reads and writes the fields of the application's own message classes.
    opens io.gipc.it.app to io.gipc.netty;
}
