/**
 * JMH microbenchmarks of what gipc does inside one JVM: its default codec against Java serialization, Kryo,
 * Apache Fory and protostuff-runtime (see docs/benchmarks.md).
 */
package io.gipc.microbench;
