/** A user's application on the module path: it knows gipc's API only; io.gipc.netty is bound as a service. */
module io.gipc.it.app {
    requires io.gipc;
}
