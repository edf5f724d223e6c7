package vigil.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vigil.store.security.Secrets;

/** {@code vigil secrets}: integration credentials, encrypted at rest under VIGIL_SECRET_KEY. */
@Command(name = "secrets", description = "Integration credentials (ticketing, chat, SMTP, webhooks), encrypted at rest"
    + " with AES-256-GCM under VIGIL_SECRET_KEY. Values are never printed.",
    subcommands = {SecretsCommand.Keygen.class, SecretsCommand.Set.class, SecretsCommand.ListSecrets.class,
        SecretsCommand.Delete.class})
final class SecretsCommand implements Runnable, RemoteCapable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code vigil secrets keygen}: touches no store. */
  @Command(name = "keygen", description = "Print a new random VIGIL_SECRET_KEY (32 bytes, base64).")
  static final class Keygen implements Callable<Integer>, RemoteCapable {
    @Spec CommandSpec spec;

    @Override
    public Integer call() {
      spec.commandLine().getOut().println(Secrets.newKey());
      return 0;
    }
  }

  /** {@code vigil secrets set NAME}: the value from stdin. */
  @Command(name = "set", description = "Store or replace a secret; the value is read from stdin (all of it, without"
      + " a final line end).")
  static final class Set implements Callable<Integer>, RemoteCapable {
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() {
      String value = Stdin.rest();
      try (Backend backend = Backend.open(spec)) {
        backend.putSecret(name, value);
      }
      spec.commandLine().getOut().println("secret " + name + " stored");
      return 0;
    }
  }

  /** {@code vigil secrets list}. */
  @Command(name = "list", description = "List the secrets' names, key ids and dates (never their values).")
  static final class ListSecrets implements Callable<Integer>, RemoteCapable {
    @Spec CommandSpec spec;
    @Option(names = "--json", description = "An object with 'items' and 'total'.") boolean json;

    @Override
    public Integer call() {
      try (Backend backend = Backend.open(spec)) {
        List<Map<String, Object>> secrets = backend.secrets();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(new Backend.Listing<>(secrets.size(), secrets)));
        } else {
          secrets.forEach(s -> out.printf("%-32s key %s  %s by %s%n", s.get("name"), s.get("keyId"), s.get("updatedAt"),
              s.get("updatedBy")));
          out.printf("%d secrets%n", secrets.size());
        }
      }
      return 0;
    }
  }

  /** {@code vigil secrets delete NAME}. */
  @Command(name = "delete", description = "Remove a secret.")
  static final class Delete implements Callable<Integer>, RemoteCapable {
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "NAME") String name;

    @Override
    public Integer call() {
      try (Backend backend = Backend.open(spec)) {
        backend.deleteSecret(name);
      }
      spec.commandLine().getOut().println("secret " + name + " removed");
      return 0;
    }
  }
}
