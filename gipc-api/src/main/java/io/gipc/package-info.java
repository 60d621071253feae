/**
 * gipc's public API: {@link io.gipc.Gipc} makes pipes and starts child processes; handles and
 * {@link io.gipc.GipcFuture}s never block the caller. Python's gipc, rebuilt for the JVM.
 */
package io.gipc;
