package vigil.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vigil.engine.scope.ScopeChange;
import vigil.engine.scope.ScopeFileException;
import vigil.store.Database;
import vigil.store.risk.Rescorer;
import vigil.store.scope.ScopeApplyResult;
import vigil.store.scope.ScopeStore;

/** The declarative scope: business services, environments, owners and rules, from a YAML file. */
@Command(name = "scope", description = "Scope: apply a scope file (YAML), export the applied one.",
    subcommands = {ScopeCommand.Apply.class, ScopeCommand.Export.class})
final class ScopeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code vigil scope apply FILE}. */
  @Command(name = "apply", description = "Make the applied scope match FILE (idempotent); print what changed;"
      + " re-evaluate every asset and re-score the exposures whose business context changed.")
  static final class Apply implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "FILE") Path file;
    @Option(names = "--dry-run", description = "Print the changes without applying them.") boolean dryRun;
    @Option(names = "--allow-empty", description = "Allow a file that deletes the whole scope.") boolean allowEmpty;
    @Option(names = "--json") boolean json;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      String yaml;
      try {
        yaml = Files.readString(file);
      } catch (IOException e) {
        spec.commandLine().getErr().println("vigil: " + file + ": cannot read: " + e.getMessage());
        return VigilCommand.REFUSED;
      }
      try (Database db = Store.open()) {
        ScopeApplyResult r = new ScopeStore(db, new Rescorer(db))
            .apply(yaml, file.toString(), "cli:" + System.getProperty("user.name", "unknown"), dryRun, allowEmpty);
        if (json) {
          Map<String, Object> o = new LinkedHashMap<>();
          o.put("file", file.toString());
          o.put("dryRun", r.dryRun());
          o.put("version", r.version());
          o.put("changes", r.changes().stream().map(ScopeChange::description).toList());
          o.put("assetsEvaluated", r.assetsEvaluated());
          o.put("assetsChanged", r.assetsChanged());
          o.put("shadowIt", r.shadowIt());
          o.put("exposuresRescored", r.exposuresRescored());
          out.println(Json.write(o));
        } else {
          r.changes().forEach(c -> out.println((r.dryRun() ? "would " : "") + c.description()));
          if (r.changes().isEmpty()) {
            out.println("no change: the applied scope already matches " + file);
          } else if (!r.dryRun()) {
            out.printf("scope version %d: %d assets evaluated, %d changed, %d shadow IT, %d exposures re-scored%n",
                r.version(), r.assetsEvaluated(), r.assetsChanged(), r.shadowIt(), r.exposuresRescored());
          }
        }
        return 0;
      } catch (ScopeFileException e) {
        spec.commandLine().getErr().println("vigil: " + e.getMessage());
        return VigilCommand.REFUSED;
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("vigil: " + e.getMessage());
        return VigilCommand.REFUSED;
      }
    }
  }

  /** {@code vigil scope export}. */
  @Command(name = "export", description = "Write the applied scope as a scope file (stdout, or --output).")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE") Path output;

    @Override
    public Integer call() throws IOException {
      try (Database db = Store.open()) {
        String yaml = new ScopeStore(db, new Rescorer(db)).export();
        if (output == null) {
          spec.commandLine().getOut().print(yaml);
        } else {
          Files.writeString(output, yaml);
        }
      }
      return 0;
    }
  }
}
