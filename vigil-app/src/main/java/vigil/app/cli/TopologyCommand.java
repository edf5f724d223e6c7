package vigil.app.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vigil.engine.graph.DefinitionException;
import vigil.store.Database;
import vigil.store.graph.TopologyStore;

/** The declared network topology of the attack graph (zones, flows, entry points, crown jewels). */
@Command(name = "topology", description = "Topology: apply a topology file (YAML), export the applied one.",
    subcommands = {TopologyCommand.Apply.class, TopologyCommand.Export.class})
final class TopologyCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code vigil topology apply FILE}. */
  @Command(name = "apply", description = "Store FILE as the topology in force (a new version unless unchanged).")
  static final class Apply implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "FILE") Path file;
    @Option(names = "--json") boolean json;

    @Override
    public Integer call() {
      try (Database db = Store.open()) {
        TopologyStore.Applied a = new TopologyStore(db)
            .apply(Files.readString(file), file.toString(), "cli:" + System.getProperty("user.name", "unknown"));
        if (json) {
          spec.commandLine().getOut().println(Json.write(a));
        } else {
          spec.commandLine().getOut().printf("topology version %d%s: %d zones, %d flows, %d entry points, %d crown jewels%n",
              a.version(), a.changed() ? "" : " (unchanged)", a.zones(), a.flows(), a.entryPoints(), a.crownJewels());
        }
        return 0;
      } catch (DefinitionException | IOException e) {
        spec.commandLine().getErr().println("vigil: " + (e instanceof IOException ? file + ": cannot read: " : "")
            + e.getMessage());
        return VigilCommand.REFUSED;
      }
    }
  }

  /** {@code vigil topology export}. */
  @Command(name = "export", description = "Print the topology in force.")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      try (Database db = Store.open()) {
        String yaml = new TopologyStore(db).export();
        if (yaml == null) {
          spec.commandLine().getErr().println("vigil: no topology applied yet");
          return VigilCommand.REFUSED;
        }
        spec.commandLine().getOut().print(yaml);
        return 0;
      }
    }
  }
}
