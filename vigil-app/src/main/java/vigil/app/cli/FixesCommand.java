package vigil.app.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vigil.store.Database;
import vigil.store.mobilise.FixGroup;
import vigil.store.mobilise.FixGroups;
import vigil.store.mobilise.Slas;
import vigil.store.security.Visibility;

/** {@code vigil fixes}: the fix groups, largest risk removed first. */
@Command(name = "fixes", description = "Fix groups: active exposures one action closes (an upgrade, a patch,"
    + " a configuration change), with owners, priority and SLA due date, largest risk removed first.")
final class FixesCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Option(names = "--limit", defaultValue = "50", description = "At most this many groups (default ${DEFAULT-VALUE}).")
  int limit;
  @Option(names = "--json") boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = Store.open()) {
      List<FixGroup> all = new FixGroups(db, new Slas(db, SlaPolicyFile.fromEnvironment()))
          .list(Visibility.everything(), Instant.now());
      List<FixGroup> shown = all.stream().limit(limit).toList();
      if (json) {
        out.println(Json.write(Map.of("total", all.size(), "items", shown)));
      } else {
        out.printf("%-8s %-4s %9s %6s %-13s %-10s %-20s %s%n", "RISK", "PRIO", "EXPOSURES", "ASSETS", "KIND",
            "SLA DUE", "OWNERS", "ACTION");
        for (FixGroup g : shown) {
          out.printf("%-8.1f %-4s %9d %6d %-13s %-10s %-20s %s%n", g.riskRemoved(), g.maxPriority(), g.exposures(),
              g.assets(), g.kind().name().toLowerCase(java.util.Locale.ROOT),
              g.slaDue().toString().substring(0, 10), String.join(",", g.owners()), g.title());
        }
        out.printf("%d fix groups%n", all.size());
      }
    }
    return 0;
  }
}
