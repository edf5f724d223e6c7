/**
 * End-to-end benchmarks: plain mains that time a whole operation in a fresh JVM, as a user runs
 * it, and append their figures to {@code bench-data/results.jsonl}.
 */
package vigil.bench.e2e;
