package vigil.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vigil.store.mobilise.Metrics;

/** {@code vigil metrics}: take today's snapshot, print every series. */
@Command(name = "metrics", description = "Take today's metric snapshot (open exposures by priority, opened/fixed,"
    + " MTTR by priority, SLA compliance, assets, internet-facing assets) and print the stored series.")
final class MetricsCommand implements Callable<Integer>, RemoteCapable {
  @Spec CommandSpec spec;
  @Option(names = "--json") boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Backend backend = Backend.open(spec)) {
      List<Metrics.Point> series = backend.metrics();
      if (json) {
        out.println(Json.write(Map.of("items", series)));
      } else {
        series.forEach(p -> out.printf("%s %-24s %-6s %s%n", p.day(), p.name(), p.dimension(), p.value()));
      }
    }
    return 0;
  }
}
