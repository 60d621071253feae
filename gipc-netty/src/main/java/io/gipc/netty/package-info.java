/**
 * gipc on Netty's native transports: its public configuration, {@link io.gipc.netty.GipcNetty}. Everything under
 * {@code io.gipc.netty.internal} is implementation and may change without notice.
 */
package io.gipc.netty;
