package vigil.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.store.Database;
import vigil.store.graph.IdentityImportResult;
import vigil.store.graph.IdentityStore;

/** Directory identities for the attack graph, from SharpHound files. */
@Command(name = "identities", description = "Directory identities (SharpHound JSON) for the attack graph.",
    subcommands = {IdentitiesCommand.Import.class})
final class IdentitiesCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code vigil identities import FILE...}. */
  @Command(name = "import", description = "Import SharpHound files (users, groups, computers, domains, gpos, ous,"
      + " containers); the same file again changes nothing; a refused file stores nothing.")
  static final class Import implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "FILE", arity = "1..*") List<Path> files;
    @Option(names = "--json", description = "One JSON object per file.") boolean json;

    @Override
    public Integer call() {
      int code = 0;
      PrintWriter out = spec.commandLine().getOut();
      try (Database db = Store.open()) {
        IdentityStore store = new IdentityStore(db);
        for (Path f : files) {
          try {
            IdentityImportResult r = store.importFile(ScanFile.of(f), "cli:" + System.getProperty("user.name", "unknown"));
            if (json) {
              out.println(Json.write(r));
            } else {
              out.printf("%s: %s, %d principals, %d edges, %d trusts%s%n", f, r.fileType(), r.principals(), r.edges(),
                  r.trusts(), r.duplicate() ? " (already imported as " + r.importId() + ")" : "");
            }
          } catch (ParseException | IOException e) {
            spec.commandLine().getErr().println("vigil: " + (e instanceof IOException ? f + ": " : "") + e.getMessage());
            code = VigilCommand.REFUSED;
          }
        }
      }
      return code;
    }
  }
}
