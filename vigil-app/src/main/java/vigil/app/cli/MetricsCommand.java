package vigil.app.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vigil.store.Database;
import vigil.store.mobilise.Metrics;
import vigil.store.mobilise.Slas;

/** {@code vigil metrics}: take today's snapshot, print every series. */
@Command(name = "metrics", description = "Take today's metric snapshot (open exposures by priority, opened/fixed,"
    + " MTTR by priority, SLA compliance, assets, internet-facing assets) and print the stored series.")
final class MetricsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Option(names = "--json") boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Instant now = Instant.now();
    try (Database db = Store.open()) {
      Metrics metrics = new Metrics(db, new Slas(db, SlaPolicyFile.fromEnvironment()));
      metrics.snapshot(LocalDate.ofInstant(now, ZoneOffset.UTC), now);
      List<Metrics.Point> series = metrics.series();
      if (json) {
        out.println(Json.write(Map.of("items", series)));
      } else {
        series.forEach(p -> out.printf("%s %-24s %-6s %s%n", p.day(), p.name(), p.dimension(), p.value()));
      }
    }
    return 0;
  }
}
