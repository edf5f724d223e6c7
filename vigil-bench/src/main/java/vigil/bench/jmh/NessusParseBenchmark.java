package vigil.bench.jmh;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import vigil.bench.generate.NessusReport;
import vigil.bench.generate.NessusSpec;
import vigil.ingest.ParseException;
import vigil.ingest.ParseSummary;
import vigil.ingest.ScanFile;
import vigil.ingest.nessus.NessusParser;

/**
 * Steady-state throughput of the Nessus parser on a generated report held in memory, so that the
 * figure is the parser's, not the disk's. MB/s = {@code megabytes} / (ms/op) * 1000.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xmx256m"})
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
public class NessusParseBenchmark {

  /** Approximate report size, in MB (10^6 bytes). */
  @Param("10")
  public int megabytes;

  private byte[] report;

  @Setup
  public void generate() throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream(megabytes * 1_100_000);
    new NessusReport(NessusSpec.ofSize(1, megabytes * 1_000_000L, 250)).write(out);
    report = out.toByteArray();
  }

  /** Parse into the summary {@code vigil parse} prints. */
  @Benchmark
  public long parseIntoSummary() throws ParseException, IOException {
    ParseSummary summary = new ParseSummary();
    new NessusParser().parse(ScanFile.of("bench.nessus", report), summary);
    return summary.observations();
  }
}
