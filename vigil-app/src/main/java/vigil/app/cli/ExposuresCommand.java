package vigil.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import vigil.store.query.ExposureFilter;
import vigil.store.query.ExposureView;
import vigil.store.query.Page;

/** Lists exposures. */
@Command(name = "exposures", description = "List exposures (one weakness on one asset), filtered and sorted.")
final class ExposuresCommand implements Callable<Integer>, RemoteCapable {
  @Spec CommandSpec spec;

  @Option(names = "--status", split = ",", description = "open, fixed, reopened, accepted, false-positive, out-of-scope; 'active' = open,reopened.")
  List<String> status;
  @Option(names = "--severity", split = ",", description = "critical, high, medium, low, info.") List<String> severity;
  @Option(names = "--asset", description = "Asset id.") Long asset;
  @Option(names = "--cve") String cve;
  @Option(names = "--tool") String tool;
  @Option(names = "--search", description = "Part of the title or asset name.") String search;
  @Option(names = "--sort", defaultValue = "risk", description = "risk, epss, severity, first_seen, last_seen, id, title; '-' prefix reverses.") String sort;
  @Option(names = "--explain", description = "Include each exposure's risk explanation (always with --sort risk and --json).") boolean explain;
  @Option(names = "--limit", defaultValue = "100") int limit;
  @Option(names = "--offset", defaultValue = "0") int offset;
  @Option(names = "--json", description = "An object with 'items' and 'total'.") boolean json;

  @Override
  public Integer call() {
    ExposureFilter filter = filter();
    PrintWriter out = spec.commandLine().getOut();
    boolean explained = explain || (json && filter.sort().replace("-", "").equals("risk"));
    try (Backend backend = Backend.open(spec)) {
      Page<ExposureView> page = backend.exposures(new Backend.ExposureQuery(status, severity, asset, cve, tool, search,
          sort, limit, offset, explained));
      if (json) {
        out.println(Json.write(page));
      } else {
        for (ExposureView e : page.items()) {
          String where = e.port() != null ? e.protocol() + "/" + e.port()
              : e.component() != null ? e.component() + " " + e.componentVersion() : e.path() == null ? "" : e.path();
          out.printf("%6d  %-3s %5s  %-8s %-9s %-30s %-18s %s  %s%n", e.id(), e.priority() == null ? "-" : e.priority(),
              e.risk() == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f", e.risk()), e.severity(), e.status(),
              e.assetName(), e.weakness(), e.title(), where);
          if (e.explanation() != null) {
            out.printf("        %s%n", e.explanation().summary());
          }
        }
        out.printf("%d of %s%d exposures%n", page.items().size(), page.totalIsLowerBound() ? "more than " : "",
            page.total());
      }
    }
    return 0;
  }

  ExposureFilter filter() {
    try {
      return ExposureFilter.fromLabels(status, severity, asset, cve, tool, search, sort, limit, offset);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
