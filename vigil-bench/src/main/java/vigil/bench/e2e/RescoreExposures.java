package vigil.bench.e2e;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import vigil.intel.feeds.FeedKind;
import vigil.ingest.ScanFile;
import vigil.store.imports.FileImporter;
import vigil.store.intel.FeedImportResult;
import vigil.store.intel.FeedImporter;
import vigil.store.risk.Rescorer;

/**
 * Re-scoring at scale (issue 5): imports the given scan files into a fresh store, then times (1) a
 * full re-score of every exposure and (2) the incremental re-score a feed update triggers (KEV and
 * EPSS files imported after the scans: only exposures of CVEs whose values changed are touched).
 */
@Command(name = "RescoreExposures", mixinStandardHelpOptions = true,
    description = "Time a full re-score of every exposure and the incremental re-score of feed updates.")
public final class RescoreExposures implements Callable<Integer> {
  @Option(names = "--engine", defaultValue = "h2", description = "h2 or postgres") String engine;
  @Option(names = "--kev", required = true, description = "KEV JSON file") Path kev;
  @Option(names = "--epss", required = true, description = "EPSS CSV(.gz) file") Path epss;
  @Parameters(arity = "1..*", description = "scan files to import first") List<Path> files;

  public static void main(String[] args) {
    System.exit(new CommandLine(new RescoreExposures()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    try (BenchDatabase bench = BenchDatabase.fresh(engine); ResourceWatch watch = ResourceWatch.start()) {
      FileImporter importer = new FileImporter(bench.db());
      long t = System.nanoTime();
      for (Path f : files) {
        importer.importFile(ScanFile.of(f), null, "bench");
      }
      double importSeconds = (System.nanoTime() - t) / 1e9;
      long exposures = bench.count("exposure");

      Rescorer rescorer = new Rescorer(bench.db());
      t = System.nanoTime();
      long all = rescorer.rescoreAll();
      double fullSeconds = (System.nanoTime() - t) / 1e9;

      FeedImporter feeds = new FeedImporter(bench.db(), rescorer);
      t = System.nanoTime();
      FeedImportResult k = feeds.importFile(FeedKind.KEV, kev, "bench");
      double kevSeconds = (System.nanoTime() - t) / 1e9;
      t = System.nanoTime();
      FeedImportResult e = feeds.importFile(FeedKind.EPSS, epss, "bench");
      double epssSeconds = (System.nanoTime() - t) / 1e9;

      System.out.printf(Locale.ROOT, "RescoreExposures %s: %d exposures (imported in %.1f s); full re-score %d in %.1f s"
              + " (%.0f/s); KEV update: %d changed CVEs, %d exposures re-scored, %.1f s including the feed import;"
              + " EPSS update: %d changed CVEs, %d exposures re-scored, %.1f s including %d feed rows; heap peak %s%n",
          engine, exposures, importSeconds, all, fullSeconds, all / fullSeconds, k.changedCves(), k.rescored(), kevSeconds,
          e.changedCves(), e.rescored(), epssSeconds, e.records(), ResultLog.mib(watch.peakBytes()));
      new ResultLog("RescoreExposures")
          .put("engine", engine)
          .put("exposures", exposures)
          .put("fullRescored", all)
          .put("fullSeconds", fullSeconds)
          .put("kevChangedCves", k.changedCves())
          .put("kevRescored", k.rescored())
          .put("kevSeconds", kevSeconds)
          .put("epssChangedCves", e.changedCves())
          .put("epssRescored", e.rescored())
          .put("epssSeconds", epssSeconds)
          .resources(watch)
          .append();
    }
    return 0;
  }
}
