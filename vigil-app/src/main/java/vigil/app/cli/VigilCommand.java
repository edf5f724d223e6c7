package vigil.app.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The {@code vigil} command and its sub-commands. */
@Command(
    name = "vigil",
    mixinStandardHelpOptions = true,
    versionProvider = VigilCommand.Version.class,
    description = "Vigil: continuous threat exposure management.%n"
        + "Store: H2 under $VIGIL_HOME (default ~/.vigil), or PostgreSQL via VIGIL_DB_URL, VIGIL_DB_USER, VIGIL_DB_PASSWORD.%n"
        + "Remote: --server URL (or VIGIL_SERVER) with an API token from VIGIL_TOKEN or --token-file.",
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
      UsersCommand.class,
      TeamsCommand.class,
      TokensCommand.class,
      AuditCommand.class,
      SecretsCommand.class,
      ServeCommand.class,
      CommandLine.HelpCommand.class
    })
public final class VigilCommand implements Runnable, RemoteCapable {
  /** Exit code of a run in which at least one file was refused. */
  public static final int REFUSED = 1;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Option(names = "--server", paramLabel = "URL", defaultValue = "${env:VIGIL_SERVER}",
      description = "Run against this Vigil server's REST API instead of the local store (env VIGIL_SERVER).")
  String serverUrl;

  @Option(names = "--token", paramLabel = "TOKEN", description = "API token for --server; '-' reads it from stdin."
      + " Prefer VIGIL_TOKEN or --token-file: a token on the command line shows in the process list.")
  String token;

  @Option(names = "--token-file", paramLabel = "FILE", description = "File whose first line is the API token.")
  Path tokenFile;

  /** The token of the environment; read here rather than as an option default, which help could print. */
  static final String TOKEN_VARIABLE = "VIGIL_TOKEN";

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** Whether a server is named: the commands then run against it, never the local store. */
  boolean remote() {
    return serverUrl != null && !serverUrl.isBlank();
  }

  /** The server of {@code --server} with its token, or null to use the local store. */
  Server server() {
    if (!remote()) {
      if (token != null || tokenFile != null) {
        throw new ParameterException(spec.commandLine(), "--token and --token-file go with --server URL");
      }
      return null;
    }
    URI uri;
    try {
      uri = new URI(serverUrl.trim());
    } catch (URISyntaxException e) {
      throw new ParameterException(spec.commandLine(), "--server: not an address: " + e.getMessage());
    }
    try {
      return new Server(uri, presentedToken());
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }

  private String presentedToken() {
    String t;
    if (token != null) {
      t = token.equals("-") ? Stdin.line() : token;
    } else if (tokenFile != null) {
      try (var lines = Files.lines(tokenFile)) {
        t = lines.findFirst().orElse("");
      } catch (IOException | UncheckedIOException e) {
        throw new ParameterException(spec.commandLine(), "--token-file " + tokenFile + ": cannot read: " + e.getMessage());
      }
    } else {
      t = System.getenv(TOKEN_VARIABLE);
    }
    if (t == null || t.isBlank()) {
      throw new ParameterException(spec.commandLine(), "--server needs an API token: VIGIL_TOKEN, --token-file FILE"
          + " or --token - (stdin)");
    }
    return t.trim();
  }

  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new VigilCommand());
    cl.setExecutionStrategy(VigilCommand::execute);
    cl.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      err.println("vigil: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
      err.flush();
      return refusal(e) ? REFUSED : 2;
    });
    return cl;
  }

  /** What the store or the server refused, or could not do: exit 1 like a refused file; anything else 2. */
  private static boolean refusal(Exception e) {
    return e instanceof Backend.Refused || e instanceof Server.Failure || e instanceof IllegalArgumentException
        || e instanceof IllegalStateException || e instanceof UncheckedIOException;
  }

  /**
   * Runs the command; with {@code --server}, only a command that works remotely: the others would
   * open the local store, which is not what someone naming a server means.
   */
  private static int execute(CommandLine.ParseResult parsed) {
    CommandLine leaf = parsed.asCommandLineList().get(parsed.asCommandLineList().size() - 1);
    VigilCommand root = (VigilCommand) parsed.commandSpec().userObject();
    boolean help = parsed.asCommandLineList().stream()
        .anyMatch(c -> c.isUsageHelpRequested() || c.isVersionHelpRequested());
    boolean capable = leaf.getCommand() instanceof RemoteCapable || leaf.getCommand() instanceof CommandLine.HelpCommand;
    if (root.remote() && !help && !capable) {
      throw new ParameterException(leaf, "'" + leaf.getCommandSpec().qualifiedName(" ").replaceFirst("^vigil ", "")
          + "' works on the local store only, not against --server");
    }
    return new CommandLine.RunLast().execute(parsed);
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
