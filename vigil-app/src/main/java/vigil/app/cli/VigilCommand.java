package vigil.app.cli;

import java.io.PrintWriter;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code vigil} command and its sub-commands. */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = VigilCommand.Version.class,
    description = "Vigil: continuous threat exposure management.%n"
        + "Store: H2 under $VIGIL_HOME (default ~/.vigil), or PostgreSQL via VIGIL_DB_URL, VIGIL_DB_USER, VIGIL_DB_PASSWORD.",
    subcommands = {
      FormatsCommand.class,
      ParseCommand.class,
      ImportCommand.class,
      ImportsCommand.class,
      AssetsCommand.class,
      ScopeCommand.class,
      ExposuresCommand.class,
      FeedsCommand.class,
      CvssCommand.class,
      RescoreCommand.class,
      FixesCommand.class,
      SlaCommand.class,
      AcceptCommand.class,
      FalsePositiveCommand.class,
      AcceptancesCommand.class,
      MobiliseCommand.class,
      MetricsCommand.class,
      IdentitiesCommand.class,
      TopologyCommand.class,
      GraphCommand.class,
      RecheckCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class VigilCommand implements Runnable {
  /** Exit code of a run in which at least one file was refused. */
  public static final int REFUSED = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new VigilCommand());
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      err.println("vigil: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      err.flush();
      return 2;
    });
    return cl;
  }

  public static boolean isServe(String[] args) {
    for (String a : args) {
      if (!a.startsWith("-")) {
        return a.equals("serve");
      }
    }
    return false;
  }

  /** Version from the jar's manifest. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String v = VigilCommand.class.getPackage().getImplementationVersion();
      return new String[] {"vigil " + (v == null ? "development build" : v)};
    }
  }
}
