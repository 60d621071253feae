/**
 * Worker pools ({@code Gipc.pool()}): the parent's dispatcher and its view of each worker, the worker's loop
 * in the child, the messages between them, and the pauses between failed starts.
 */
package io.gipc.netty.internal.pool;
