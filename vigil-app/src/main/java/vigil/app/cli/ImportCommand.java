package vigil.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Spec;
import vigil.app.imports.ImportReport;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.store.Database;
import vigil.store.imports.FileImporter;
import vigil.store.imports.ImportResult;

/** Imports files into the store, each file in one transaction. */
@Command(name = "import", description = "Import scanner files: correlate assets, deduplicate exposures, track their lifecycle.")
final class ImportCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Mixin ScanFileOptions options;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    int code = 0;
    try (Database db = Store.open()) {
      FileImporter importer = new FileImporter(db);
      String actor = "cli:" + System.getProperty("user.name", "unknown");
      for (Path path : options.files) {
        try {
          ImportResult r = importer.importFile(options.scanFile(path), options.format, actor);
          if (options.json) {
            out.println(Json.write(ImportReport.of(path.toString(), r)));
          } else {
            out.printf("%s: %s, %d observations; assets %d new, %d matched; exposures %d new, %d unchanged,"
                + " %d reopened, %d fixed%s%n", path, r.format(), r.observations(), r.assetsNew(), r.assetsMatched(),
                r.exposuresNew(), r.exposuresUnchanged(), r.exposuresReopened(), r.exposuresFixed(),
                r.duplicate() ? " (identical to import " + r.duplicateOf() + "; nothing changed)" : "");
          }
        } catch (ParseException e) {
          err.println("vigil: " + e.getMessage());
          code = VigilCommand.REFUSED;
        } catch (IOException e) {
          err.println("vigil: " + path + ": cannot read: " + e.getMessage());
          code = VigilCommand.REFUSED;
        }
        out.flush();
        err.flush();
      }
    }
    return code;
  }
}
