package vigil.app.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import vigil.app.imports.ImportReport;

/** Imports files into the store (or uploads them to the server), each file in one transaction. */
@Command(name = "import", description = "Import scanner files: correlate assets, deduplicate exposures, track their lifecycle.")
final class ImportCommand implements Callable<Integer>, RemoteCapable {
  @Spec CommandSpec spec;

  @Mixin ScanFileOptions options;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int code = 0;
    try (Backend backend = Backend.open(spec)) {
      for (Path path : options.files) {
        try {
          ImportReport r = backend.importFile(path, options);
          if (options.json) {
            out.println(Json.write(r));
          } else {
            out.printf("%s: %s, %d observations; assets %d new, %d matched; exposures %d new, %d unchanged,"
                + " %d reopened, %d fixed%s%n", path, r.format(), r.observations(), r.assets().created(),
                r.assets().matched(), r.exposures().created(), r.exposures().unchanged(), r.exposures().reopened(),
                r.exposures().fixed(),
                r.duplicateOf() != null ? " (identical to import " + r.duplicateOf() + "; nothing changed)" : "");
          }
        } catch (Backend.Refused e) {
          err.println("vigil: " + e.getMessage());
          code = VigilCommand.REFUSED;
        }
        out.flush();
        err.flush();
      }
    }
    return code;
  }
}
