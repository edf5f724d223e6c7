package vigil.bench.e2e;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import vigil.ingest.ScanFile;
import vigil.store.imports.FileImporter;
import vigil.store.imports.ImportResult;

/**
 * The re-import paths on a fresh store: imports a report, re-imports the identical bytes (the
 * idempotent path: recognised by its hash, nothing written) several times, then imports a re-scan
 * with the same findings in other bytes (the full path where every exposure is unchanged). Target
 * (ARCHITECTURE §9): re-importing an identical 13,000-finding report in under 1 s.
 */
@Command(name = "ReimportIdentical", mixinStandardHelpOptions = true,
    description = "Import a report, re-import it identically, then import a byte-different re-scan.")
public final class ReimportIdentical implements Callable<Integer> {
  private static final double TARGET_SECONDS = 1.0;

  @Option(names = "--engine", description = "h2 or postgres (default: ${DEFAULT-VALUE})", defaultValue = "h2")
  String engine;

  @Option(names = "--file", description = "the report", required = true)
  Path file;

  @Option(names = "--rescan", description = "the same findings in other bytes (generated with another --scan-time)",
      required = true)
  Path rescan;

  @Option(names = "--repeat", description = "identical re-imports (default: ${DEFAULT-VALUE})", defaultValue = "5")
  int repeat;

  public static void main(String[] args) {
    System.exit(new CommandLine(new ReimportIdentical()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    try (BenchDatabase bench = BenchDatabase.fresh(engine); ResourceWatch watch = ResourceWatch.start()) {
      FileImporter importer = new FileImporter(bench.db());
      long t0 = System.nanoTime();
      ImportResult first = importer.importFile(ScanFile.of(file), null, "bench");
      double firstSeconds = (System.nanoTime() - t0) / 1e9;
      System.out.printf(Locale.ROOT, "  first import: %d observations, %d new exposures in %.3f s%n",
          first.observations(), first.exposuresNew(), firstSeconds);

      double[] identical = new double[repeat];
      for (int i = 0; i < repeat; i++) {
        long t = System.nanoTime();
        ImportResult again = importer.importFile(ScanFile.of(file), null, "bench");
        identical[i] = (System.nanoTime() - t) / 1e9;
        if (!again.duplicate()) {
          throw new IllegalStateException("the identical re-import was not recognised as a duplicate: " + again);
        }
        System.out.printf(Locale.ROOT, "  identical re-import %d: %.3f s (duplicate of import %d)%n", i + 1,
            identical[i], again.duplicateOf());
      }

      long t1 = System.nanoTime();
      ImportResult second = importer.importFile(ScanFile.of(rescan), null, "bench");
      double rescanSeconds = (System.nanoTime() - t1) / 1e9;
      if (second.duplicate() || second.exposuresNew() != 0 || second.exposuresUnchanged() != first.exposuresNew()) {
        throw new IllegalStateException("the re-scan should leave every exposure unchanged: " + second);
      }
      System.out.printf(Locale.ROOT, "  re-scan import: %d observations, %d unchanged exposures in %.3f s%n",
          second.observations(), second.exposuresUnchanged(), rescanSeconds);

      double[] sorted = identical.clone();
      Arrays.sort(sorted);
      double identicalMedian = sorted[sorted.length / 2];
      boolean met = identical[0] < TARGET_SECONDS;
      System.out.printf(Locale.ROOT, "ReimportIdentical %s: %d findings; first import %.3f s; identical re-import"
              + " first %.3f s, median %.3f s; byte-different re-scan %.3f s; heap peak %s; load %.1f;"
              + " target identical < 1 s: %s; re-scan < 1 s: %s%n",
          engine, first.observations(), firstSeconds, identical[0], identicalMedian, rescanSeconds,
          ResultLog.mib(watch.peakBytes()), watch.loadBefore(), ResultLog.verdict(met),
          ResultLog.verdict(rescanSeconds < TARGET_SECONDS));
      new ResultLog("ReimportIdentical")
          .put("engine", engine)
          .put("file", file.toString())
          .put("findings", first.observations())
          .put("firstImportSeconds", firstSeconds)
          .put("identicalFirstSeconds", identical[0])
          .put("identicalMedianSeconds", identicalMedian)
          .put("rescanSeconds", rescanSeconds)
          .resources(watch)
          .put("target", "< 1 s")
          .put("met", met)
          .put("rescanMet", rescanSeconds < TARGET_SECONDS)
          .append();
      return 0;
    }
  }
}
