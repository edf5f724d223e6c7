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

/** {@code vigil users}: accounts (people and service accounts), their roles and passwords. */
@Command(name = "users", description = "Accounts: list, add, change role, disable or enable, set a password.",
    subcommands = {UsersCommand.ListUsers.class, UsersCommand.Add.class, UsersCommand.SetRole.class,
        UsersCommand.Disable.class, UsersCommand.Enable.class, UsersCommand.Password.class})
final class UsersCommand implements Runnable, RemoteCapable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** One account change, printed as the account's view (JSON) or one line. */
  abstract static class Change implements Callable<Integer>, RemoteCapable {
    @Spec CommandSpec spec;
    @Option(names = "--json", description = "The account as one JSON object.") boolean json;

    abstract Map<String, Object> change(Backend backend);

    @Override
    public Integer call() {
      try (Backend backend = Backend.open(spec)) {
        Map<String, Object> account = change(backend);
        PrintWriter out = spec.commandLine().getOut();
        out.println(json ? Json.write(account) : line(account));
      }
      return 0;
    }
  }

  static String line(Map<String, Object> a) {
    return String.format("%-24s %-8s %-32s%s%s%s", a.get("username"), a.get("role"),
        a.get("email") == null ? "-" : a.get("email"), Boolean.TRUE.equals(a.get("serviceAccount")) ? " service-account" : "",
        Boolean.TRUE.equals(a.get("disabled")) ? " disabled" : "", Boolean.TRUE.equals(a.get("sso")) ? " sso" : "");
  }

  /** {@code vigil users list}. */
  @Command(name = "list", description = "List the accounts (never their password hashes).")
  static final class ListUsers implements Callable<Integer>, RemoteCapable {
    @Spec CommandSpec spec;
    @Option(names = "--json", description = "An object with 'items' and 'total'.") boolean json;

    @Override
    public Integer call() {
      try (Backend backend = Backend.open(spec)) {
        List<Map<String, Object>> users = backend.users();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(new Backend.Listing<>(users.size(), users)));
        } else {
          users.forEach(u -> out.println(line(u)));
          out.printf("%d accounts%n", users.size());
        }
      }
      return 0;
    }
  }

  /** {@code vigil users add NAME --role R}. */
  @Command(name = "add", description = "Add an account. Without --password-stdin it signs in only by single sign-on"
      + " or API tokens.")
  static final class Add extends Change {
    @Parameters(paramLabel = "NAME") String username;
    @Option(names = "--role", required = true, description = "admin, analyst, owner or viewer.") String role;
    @Option(names = "--email", paramLabel = "E") String email;
    @Option(names = "--password-stdin", description = "Read the password from the first line of stdin.")
    boolean passwordStdin;
    @Option(names = "--service-account", description = "An account for a script or CI job (tokens only).")
    boolean serviceAccount;

    @Override
    Map<String, Object> change(Backend backend) {
      String password = passwordStdin ? Stdin.line() : null;
      return backend.createUser(new Backend.NewUser(username, role, password, email, serviceAccount));
    }
  }

  /** {@code vigil users set-role NAME ROLE}. */
  @Command(name = "set-role", description = "Change an account's role.")
  static final class SetRole extends Change {
    @Parameters(index = "0", paramLabel = "NAME") String username;
    @Parameters(index = "1", paramLabel = "ROLE", description = "admin, analyst, owner or viewer.") String role;

    @Override
    Map<String, Object> change(Backend backend) {
      return backend.changeUser(username, new Backend.UserChange(role, null, null));
    }
  }

  /** {@code vigil users disable NAME}. */
  @Command(name = "disable", description = "Disable an account: it can no longer sign in, and its tokens stop working.")
  static final class Disable extends Change {
    @Parameters(paramLabel = "NAME") String username;

    @Override
    Map<String, Object> change(Backend backend) {
      return backend.changeUser(username, new Backend.UserChange(null, true, null));
    }
  }

  /** {@code vigil users enable NAME}. */
  @Command(name = "enable", description = "Enable a disabled account.")
  static final class Enable extends Change {
    @Parameters(paramLabel = "NAME") String username;

    @Override
    Map<String, Object> change(Backend backend) {
      return backend.changeUser(username, new Backend.UserChange(null, false, null));
    }
  }

  /** {@code vigil users password NAME}: the new password from stdin. */
  @Command(name = "password", description = "Set an account's password, read from the first line of stdin;"
      + " clears a lock-out.")
  static final class Password extends Change {
    @Parameters(paramLabel = "NAME") String username;

    @Override
    Map<String, Object> change(Backend backend) {
      return backend.changeUser(username, new Backend.UserChange(null, null, Stdin.line()));
    }
  }
}
