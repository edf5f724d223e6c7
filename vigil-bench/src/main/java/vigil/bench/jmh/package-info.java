/** JMH micro-benchmarks; run them from the shaded jar: {@code java -jar vigil-bench/target/vigil-bench.jar}. */
package vigil.bench.jmh;
