package vigil.app.cli;

import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vigil.store.Database;
import vigil.store.mobilise.Decisions;
import vigil.store.security.Actor;

/** {@code vigil false-positive}: mark an exposure a false positive; re-imports keep it so. */
@Command(name = "false-positive", description = "Mark an exposure a false positive, with the reason;"
    + " later imports keep the decision.")
final class FalsePositiveCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Parameters(paramLabel = "EXPOSURE_ID") long exposureId;
  @Option(names = "--reason", required = true) String reason;
  @Option(names = "--by", description = "Who decides (default: the current user).") String by;

  @Override
  public Integer call() {
    String actor = by != null ? by : System.getProperty("user.name", "unknown");
    try (Database db = Store.open()) {
      new Decisions(db).falsePositive(exposureId, reason, Actor.system(actor), Instant.now());
      spec.commandLine().getOut().printf("exposure %d marked false positive%n", exposureId);
      return 0;
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("vigil: " + e.getMessage());
      return VigilCommand.REFUSED;
    }
  }
}
