package vigil.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vigil.intel.feeds.FeedException;
import vigil.intel.feeds.FeedKind;
import vigil.store.Database;
import vigil.store.intel.FeedImportResult;
import vigil.store.intel.FeedImporter;
import vigil.store.intel.FeedStatus;
import vigil.store.risk.Rescorer;

/** Threat-intelligence feeds: import from files (air-gapped), and their status. */
@Command(name = "feeds", description = "Threat-intelligence feeds: import files, show status.",
    subcommands = {FeedsCommand.Import.class, FeedsCommand.Status.class})
final class FeedsCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code vigil feeds import KIND FILE}. */
  @Command(name = "import", description = "Import a feed file: kev (JSON or CSV), epss (CSV, gzipped or not),"
      + " nvd (CVE API 2.0 JSON), vulnrichment (CVE JSON 5 array or SSVC table), attack (ATT&CK STIX bundle),"
      + " capec (CAPEC STIX bundle or CWE/CAPEC/ATT&CK table). Changed CVEs are re-scored.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(index = "0", paramLabel = "KIND") String kind;
    @Parameters(index = "1", paramLabel = "FILE") Path file;
    @Option(names = "--json") boolean json;

    @Override
    public Integer call() {
      FeedKind k;
      try {
        k = FeedImporter.kind(kind);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      PrintWriter out = spec.commandLine().getOut();
      try (Database db = Store.open()) {
        FeedImportResult r = new FeedImporter(db, new Rescorer(db)).importFile(k, file,
            "cli:" + System.getProperty("user.name", "unknown"));
        if (json) {
          out.println(Json.write(r));
        } else {
          out.printf("%s: %s %s, %d records%s; %d known CVEs changed, %d exposures re-scored%n", file, r.kind(),
              r.version() == null ? "" : r.version(), r.records(), r.unchanged() ? " (identical to the last import)" : "",
              r.changedCves(), r.rescored());
        }
        return 0;
      } catch (FeedException e) {
        spec.commandLine().getErr().println("vigil: " + e.getMessage());
        return VigilCommand.REFUSED;
      } catch (IOException e) {
        spec.commandLine().getErr().println("vigil: " + file + ": cannot read: " + e.getMessage());
        return VigilCommand.REFUSED;
      }
    }
  }

  /** {@code vigil feeds status}. */
  @Command(name = "status", description = "Each feed's version, date, records and staleness.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--json", description = "An object with 'items'.") boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Database db = Store.open()) {
        List<FeedStatus> feeds = new FeedImporter(db, new Rescorer(db)).status();
        if (json) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("items", feeds);
          o.put("total", feeds.size());
          out.println(Json.write(o));
        } else {
          for (FeedStatus f : feeds) {
            out.printf("%-13s %-22s %-22s %9d records  imported %s%s%n", f.kind(), f.version() == null ? "-" : f.version(),
                f.feedDate() == null ? "-" : f.feedDate(), f.records(), f.importedAt(),
                f.stale() ? "  STALE (" + f.ageDays() + " days)" : "");
          }
          if (feeds.isEmpty()) {
            out.println("no feed imported yet: vigil feeds import KIND FILE");
          }
        }
      }
      return 0;
    }
  }
}
