package vigil.app.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code vigil tokens}: API tokens of every account: list, create (shown once), revoke. */
@Command(name = "tokens", description = "API tokens (for scripts, CI and 'vigil --server'): stored hashed, scoped,"
    + " expiring, revocable.",
    subcommands = {TokensCommand.ListTokens.class, TokensCommand.Create.class, TokensCommand.Revoke.class})
final class TokensCommand implements Runnable, RemoteCapable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String line(Map<String, Object> t) {
    return String.format("%6s  %-20s %-24s %-18s expires %-24s %s", t.get("id"), t.get("username"), t.get("name"),
        String.join(",", Json.convert(t.get("scopes"), new tools.jackson.core.type.TypeReference<List<String>>() {})),
        t.get("expiresAt"), t.get("revokedAt") != null ? "revoked " + t.get("revokedAt")
            : Boolean.TRUE.equals(t.get("active")) ? "active" : "expired");
  }

  /** {@code vigil tokens list [--user U]}. */
  @Command(name = "list", description = "List tokens (never their secrets), of every account or one.")
  static final class ListTokens implements Callable<Integer>, RemoteCapable {
    @Spec CommandSpec spec;
    @Option(names = "--user", paramLabel = "U", description = "Only this account's tokens.") String user;
    @Option(names = "--json", description = "An object with 'items' and 'total'.") boolean json;

    @Override
    public Integer call() {
      try (Backend backend = Backend.open(spec)) {
        List<Map<String, Object>> tokens = backend.tokens(user);
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(new Backend.Listing<>(tokens.size(), tokens)));
        } else {
          tokens.forEach(t -> out.println(line(t)));
          out.printf("%d tokens%n", tokens.size());
        }
      }
      return 0;
    }
  }

  /** {@code vigil tokens create --user U --name N --scope read,write [--days 90]}. */
  @Command(name = "create", description = "Create a token for an account. The token is printed once, on stdout;"
      + " only its hash is stored.")
  static final class Create implements Callable<Integer>, RemoteCapable {
    @Spec CommandSpec spec;
    @Option(names = "--user", required = true, paramLabel = "U") String user;
    @Option(names = "--name", required = true, paramLabel = "N", description = "What the token is for (ci-upload).")
    String name;
    @Option(names = "--scope", split = ",", paramLabel = "SCOPE", defaultValue = "read",
        description = "read, write, admin (comma-separated; default ${DEFAULT-VALUE}); they narrow the account's role.")
    List<String> scopes = new ArrayList<>();
    @Option(names = "--days", defaultValue = "90", description = "Lifetime in days (default ${DEFAULT-VALUE}, at most 366).")
    int days;
    @Option(names = "--json", description = "The token's record and the token as one JSON object.") boolean json;

    @Override
    public Integer call() {
      try (Backend backend = Backend.open(spec)) {
        Map<String, Object> issued = backend.createToken(new Backend.TokenRequest(user, name, scopes, days));
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? Json.write(issued) : issued.get("token"));
        out.flush();
        PrintWriter err = spec.commandLine().getErr();
        err.println("vigil: token " + issued.get("id") + " for " + issued.get("username") + ", expires "
            + issued.get("expiresAt") + ": store it now, it is not shown again");
        err.flush();
      }
      return 0;
    }
  }

  /** {@code vigil tokens revoke ID}. */
  @Command(name = "revoke", description = "Revoke a token: it stops working at once.")
  static final class Revoke implements Callable<Integer>, RemoteCapable {
    @Spec CommandSpec spec;
    @Parameters(paramLabel = "ID") long id;
    @Option(names = "--json") boolean json;

    @Override
    public Integer call() {
      try (Backend backend = Backend.open(spec)) {
        Map<String, Object> t = backend.revokeToken(id);
        spec.commandLine().getOut().println(json ? Json.write(t) : line(t));
      }
      return 0;
    }
  }
}
