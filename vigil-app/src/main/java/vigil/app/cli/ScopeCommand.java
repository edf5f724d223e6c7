package vigil.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import tools.jackson.core.type.TypeReference;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The declarative scope: business services, environments, owners and rules, from a YAML file. */
@Command(name = "scope", description = "Scope: apply a scope file (YAML), export the applied one.",
    subcommands = {ScopeCommand.Apply.class, ScopeCommand.Export.class})
final class ScopeCommand implements Runnable, RemoteCapable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code vigil scope apply FILE}. */
  @Command(name = "apply", description = "Make the applied scope match FILE (idempotent); print what changed;"
      + " re-evaluate every asset and re-score the exposures whose business context changed.")
  static final class Apply implements Callable<Integer>, RemoteCapable {
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
      try (Backend backend = Backend.open(spec)) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("file", file.toString());
        o.putAll(backend.scopeApply(yaml, file.toString(), new Backend.ScopeApplyMode(dryRun, allowEmpty)));
        if (json) {
          out.println(Json.write(o));
        } else {
          boolean dry = Boolean.TRUE.equals(o.get("dryRun"));
          List<String> changes = Json.convert(o.get("changes"), new TypeReference<>() {});
          changes.forEach(c -> out.println((dry ? "would " : "") + c));
          if (changes.isEmpty()) {
            out.println("no change: the applied scope already matches " + file);
          } else if (!dry) {
            out.printf("scope version %s: %s assets evaluated, %s changed, %s shadow IT, %s exposures re-scored%n",
                o.get("version"), o.get("assetsEvaluated"), o.get("assetsChanged"), o.get("shadowIt"),
                o.get("exposuresRescored"));
          }
        }
        return 0;
      } catch (Backend.Refused e) {
        spec.commandLine().getErr().println("vigil: " + e.getMessage());
        return VigilCommand.REFUSED;
      }
    }
  }

  /** {@code vigil scope export}. */
  @Command(name = "export", description = "Write the applied scope as a scope file (stdout, or --output).")
  static final class Export implements Callable<Integer>, RemoteCapable {
    @Spec CommandSpec spec;
    @Option(names = {"-o", "--output"}, paramLabel = "FILE") Path output;

    @Override
    public Integer call() throws IOException {
      try (Backend backend = Backend.open(spec)) {
        String yaml = backend.scopeExport();
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
