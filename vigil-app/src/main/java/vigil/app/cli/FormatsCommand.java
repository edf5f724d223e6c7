package vigil.app.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;
import vigil.ingest.Formats;
import vigil.ingest.ScanParser;

/** Lists the formats Vigil reads. */
@Command(name = "formats", description = "List the scanner formats Vigil reads.")
final class FormatsCommand implements Callable<Integer>, RemoteCapable {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    for (ScanParser p : Formats.all()) {
      spec.commandLine().getOut().printf("%-14s %s%n", p.format(), p.tool());
    }
    return 0;
  }
}
