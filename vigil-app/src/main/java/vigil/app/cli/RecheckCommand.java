package vigil.app.cli;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vigil.discovery.recheck.RecheckRefused;
import vigil.discovery.recheck.RecheckResult;
import vigil.discovery.recheck.Rechecker;
import vigil.store.Database;

/** {@code vigil recheck EXPOSURE_ID}: a safe re-probe of one exposure's service. */
@Command(name = "recheck", description = "Re-probe an exposure's service (TCP connect, TLS handshake, HTTP banner;"
    + " never an exploit). Only IN_SCOPE assets, only the exposure's own address. A service still showing the"
    + " vulnerable version is recorded as an observation by \"Vigil re-check\".")
final class RecheckCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Parameters(paramLabel = "EXPOSURE_ID") long exposureId;
  @Option(names = "--timeout", defaultValue = "5", description = "Seconds per network step (default ${DEFAULT-VALUE}).")
  int timeoutSeconds;
  @Option(names = "--json") boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Database db = Store.open()) {
      RecheckResult r = new Rechecker(db, Duration.ofSeconds(timeoutSeconds))
          .recheck(exposureId, "cli:" + System.getProperty("user.name", "unknown"));
      if (json) {
        out.println(Json.write(r));
      } else {
        out.printf("exposure %d: %s (%s)%s%n", r.exposureId(), r.verdict().name().toLowerCase(java.util.Locale.ROOT)
            .replace('_', ' '), r.probe().summary(), r.importId() == null ? "" : "; recorded as import " + r.importId());
      }
      return 0;
    } catch (RecheckRefused | IllegalArgumentException e) {
      spec.commandLine().getErr().println("vigil: refused: " + e.getMessage());
      return VigilCommand.REFUSED;
    }
  }
}
