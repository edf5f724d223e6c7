package vigil.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;
import vigil.store.Database;
import vigil.store.risk.Rescorer;

/** Re-scores every exposure (after a change of weights, or to repair scores). */
@Command(name = "rescore", description = "Re-compute the risk of every exposure.")
final class RescoreCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    try (Database db = Store.open()) {
      long t0 = System.nanoTime();
      long n = new Rescorer(db).rescoreAll();
      spec.commandLine().getOut().printf("%d exposures scored in %.1f s%n", n, (System.nanoTime() - t0) / 1e9);
    }
    return 0;
  }
}
