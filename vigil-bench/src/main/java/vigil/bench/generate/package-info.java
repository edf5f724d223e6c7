/**
 * Realistic scanner reports for benchmarks, deterministic from a seed and streamed so that files
 * of any size are written with flat memory: Nessus v2 XML and Trivy JSON.
 */
package vigil.bench.generate;
