package vigil.bench.e2e;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vigil.ingest.ParseSummary;
import vigil.ingest.ScanFile;
import vigil.ingest.nessus.NessusParser;
import vigil.store.imports.FileImporter;
import vigil.store.imports.ImportResult;

/**
 * Imports files into a fresh store through {@link FileImporter}, as {@code vigil import} does:
 * hash, detect, parse, correlate, deduplicate, write, one transaction per file. Target
 * (ARCHITECTURE §9): 1,000,000 observations in under 60 s on the embedded database.
 */
@Command(name = "ImportObservations", mixinStandardHelpOptions = true,
    description = "Import files into a fresh H2 or PostgreSQL store and report seconds and observations/s.")
public final class ImportObservations implements Callable<Integer> {
  private static final double TARGET_SECONDS_PER_MILLION = 60.0;

  @Option(names = "--engine", description = "h2 or postgres (default: ${DEFAULT-VALUE})", defaultValue = "h2")
  String engine;

  @Option(names = "--parse-baseline", description = "first parse every file without storing, to tell parsing time"
      + " from store time")
  boolean parseBaseline;

  @Parameters(description = "the files to import, in order", arity = "1..*")
  List<Path> files;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ImportObservations()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    long bytes = 0;
    for (Path f : files) {
      bytes += Files.size(f);
    }
    double parseSeconds = parseBaseline ? parseOnly() : Double.NaN;
    try (BenchDatabase bench = BenchDatabase.fresh(engine); ResourceWatch watch = ResourceWatch.start()) {
      FileImporter importer = new FileImporter(bench.db());
      long observations = 0;
      long t0 = System.nanoTime();
      for (Path f : files) {
        long t = System.nanoTime();
        ImportResult r = importer.importFile(ScanFile.of(f), null, "bench");
        double s = (System.nanoTime() - t) / 1e9;
        observations += r.observations();
        System.out.printf(Locale.ROOT, "  %s: %d observations, %d new exposures, %d new assets in %.2f s"
            + " (%.0f obs/s)%n", f.getFileName(), r.observations(), r.exposuresNew(), r.assetsNew(), s,
            r.observations() / s);
      }
      double seconds = (System.nanoTime() - t0) / 1e9;
      double target = TARGET_SECONDS_PER_MILLION * observations / 1e6;
      boolean met = seconds < target;
      long exposures = bench.count("exposure");
      long stored = bench.count("observation");
      long disk = bench.bytesOnDisk();
      System.out.printf(Locale.ROOT, "ImportObservations %s: %d files, %s, %d observations in %.1f s (%.0f obs/s),"
              + " %.1f s CPU; %d exposures and %d observations stored, %s on disk; parse alone %.1f s; heap peak %s,"
              + " live max %s, -Xmx %s; load %.1f; target < %.1f s: %s%n",
          engine, files.size(), ResultLog.mb(bytes), observations, seconds, observations / seconds, watch.cpuSeconds(),
          exposures, stored, ResultLog.mb(disk), parseSeconds, ResultLog.mib(watch.peakBytes()),
          ResultLog.mib(watch.maxLiveBytes()), ResultLog.mib(ResourceWatch.maxHeapBytes()), watch.loadBefore(), target,
          ResultLog.verdict(met));
      new ResultLog("ImportObservations")
          .put("engine", engine)
          .put("files", files.size())
          .put("bytes", bytes)
          .put("observations", observations)
          .put("seconds", seconds)
          .put("observationsPerSecond", observations / seconds)
          .put("parseOnlySeconds", parseBaseline ? parseSeconds : null)
          .put("exposuresStored", exposures)
          .put("observationsStored", stored)
          .put("bytesOnDisk", disk)
          .resources(watch)
          .put("target", String.format(Locale.ROOT, "< %.1f s", target))
          .put("met", engine.equals("h2") ? met : null)
          .append();
      return 0;
    }
  }

  private double parseOnly() throws Exception {
    long t0 = System.nanoTime();
    for (Path f : files) {
      new NessusParser().parse(ScanFile.of(f), new ParseSummary());
    }
    double s = (System.nanoTime() - t0) / 1e9;
    System.out.printf(Locale.ROOT, "  parse only (no store): %.1f s%n", s);
    return s;
  }
}
