package vigil.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vigil.store.Database;
import vigil.store.mobilise.SlaStatus;
import vigil.store.mobilise.Slas;
import vigil.store.security.Visibility;

/** {@code vigil sla}: SLA breaches and near-breaches under the policy of VIGIL_SLA_POLICY. */
@Command(name = "sla", description = "SLA status of active exposures (policy: properties file named by"
    + " VIGIL_SLA_POLICY, else P1 7 days, P2 30, P3 90, P4 180), earliest due first.")
final class SlaCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  static final class Which {
    @Option(names = "--breached", description = "Only breached exposures.") boolean breached;
    @Option(names = "--due-within", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Only exposures not yet breached but due within DURATION (7d, 12h, or ISO-8601 such as P7D).")
    Duration dueWithin;
  }

  @ArgGroup(exclusive = true) Which which;
  @Option(names = "--json") boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Instant now = Instant.now();
    try (Database db = Store.open()) {
      Slas slas = new Slas(db, SlaPolicyFile.fromEnvironment());
      List<SlaStatus> items = which == null ? slas.all(Visibility.everything(), now)
          : which.breached ? slas.breached(Visibility.everything(), now)
          : slas.dueWithin(Visibility.everything(), which.dueWithin, now);
      if (json) {
        out.println(Json.write(Map.of("total", items.size(), "items", items)));
      } else {
        for (SlaStatus s : items) {
          out.printf("%-8s %-4s %-20s %s  %s — %s%n", s.breached() ? "BREACHED" : "due", s.priority(), s.due(), s.owner(),
              s.asset(), s.title());
        }
        out.printf("%d exposures%n", items.size());
      }
    }
    return 0;
  }

  /** 7d, 12h, 30m, or an ISO-8601 duration. */
  static final class DurationConverter implements picocli.CommandLine.ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      String v = value.trim().toLowerCase(java.util.Locale.ROOT);
      if (v.matches("\\d+[dhm]")) {
        long n = Long.parseLong(v.substring(0, v.length() - 1));
        return switch (v.charAt(v.length() - 1)) {
          case 'd' -> Duration.ofDays(n);
          case 'h' -> Duration.ofHours(n);
          default -> Duration.ofMinutes(n);
        };
      }
      return Duration.parse(value.trim());
    }
  }
}
