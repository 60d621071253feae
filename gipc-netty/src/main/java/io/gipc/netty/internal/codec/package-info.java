/**
 * gipc's default codec, {@link io.gipc.netty.internal.codec.DefaultCodec}: object graphs in protostuff's wire
 * format, with schemas of its own for what protostuff's runtime cannot carry without JVM flags.
 */
package io.gipc.netty.internal.codec;
