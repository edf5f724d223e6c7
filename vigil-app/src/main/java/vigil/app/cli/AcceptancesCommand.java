package vigil.app.cli;

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
import vigil.store.mobilise.Decisions;

/** {@code vigil acceptances expire}: return expired risk acceptances to open (the server does it hourly). */
@Command(name = "acceptances", description = "Risk acceptances.", subcommands = AcceptancesCommand.Expire.class)
final class AcceptancesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  @Command(name = "expire", description = "Return to open every accepted exposure whose acceptance has run out.")
  static final class Expire implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = "--today", paramLabel = "YYYY-MM-DD", description = "The day to expire as of (default: today, UTC).")
    LocalDate today;
    @Option(names = "--json") boolean json;

    @Override
    public Integer call() {
      LocalDate day = today != null ? today : LocalDate.now(ZoneOffset.UTC);
      try (Database db = Store.open()) {
        List<Long> reopened = new Decisions(db).expire(day, "cli:" + System.getProperty("user.name", "unknown"),
            Instant.now());
        if (json) {
          spec.commandLine().getOut().println(Json.write(Map.of("reopened", reopened)));
        } else {
          spec.commandLine().getOut().printf("%d expired acceptance(s): exposures back to open %s%n", reopened.size(), reopened);
        }
      }
      return 0;
    }
  }
}
