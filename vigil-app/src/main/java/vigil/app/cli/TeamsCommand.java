package vigil.app.cli;

import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vigil.store.security.Accounts;

/** {@code vigil teams}: teams, their members, and the business services granted to them. */
@Command(name = "teams", description = "Teams: members see the assets of the business services granted to the team.",
    subcommands = {TeamsCommand.ListTeams.class, TeamsCommand.Add.class, TeamsCommand.AddMember.class,
        TeamsCommand.RemoveMember.class, TeamsCommand.Grant.class, TeamsCommand.Revoke.class})
final class TeamsCommand implements Runnable, RemoteCapable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static String line(Accounts.Team t) {
    return String.format("%-24s members: %s; services: %s", t.name(),
        t.members().isEmpty() ? "-" : String.join(",", t.members()),
        t.services().isEmpty() ? "-" : String.join(",", t.services()));
  }

  /** One team change, printed as the team (JSON) or one line. */
  abstract static class Change implements Callable<Integer>, RemoteCapable {
    @Spec CommandSpec spec;
    @Option(names = "--json", description = "The team as one JSON object.") boolean json;

    abstract Accounts.Team change(Backend backend);

    @Override
    public Integer call() {
      try (Backend backend = Backend.open(spec)) {
        Accounts.Team team = change(backend);
        spec.commandLine().getOut().println(json ? Json.write(team) : line(team));
      }
      return 0;
    }
  }

  /** {@code vigil teams list}. */
  @Command(name = "list", description = "List the teams with their members and granted services.")
  static final class ListTeams implements Callable<Integer>, RemoteCapable {
    @Spec CommandSpec spec;
    @Option(names = "--json", description = "An object with 'items' and 'total'.") boolean json;

    @Override
    public Integer call() {
      try (Backend backend = Backend.open(spec)) {
        List<Accounts.Team> teams = backend.teams();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
          out.println(Json.write(new Backend.Listing<>(teams.size(), teams)));
        } else {
          teams.forEach(t -> out.println(line(t)));
          out.printf("%d teams%n", teams.size());
        }
      }
      return 0;
    }
  }

  /** {@code vigil teams add NAME}. */
  @Command(name = "add", description = "Add a team.")
  static final class Add extends Change {
    @Parameters(paramLabel = "NAME") String name;

    @Override
    Accounts.Team change(Backend backend) {
      return backend.createTeam(name);
    }
  }

  /** {@code vigil teams add-member TEAM USER}. */
  @Command(name = "add-member", description = "Add an account to a team.")
  static final class AddMember extends Change {
    @Parameters(index = "0", paramLabel = "TEAM") String team;
    @Parameters(index = "1", paramLabel = "USER") String user;

    @Override
    Accounts.Team change(Backend backend) {
      return backend.addMember(team, user);
    }
  }

  /** {@code vigil teams remove-member TEAM USER}. */
  @Command(name = "remove-member", description = "Remove an account from a team.")
  static final class RemoveMember extends Change {
    @Parameters(index = "0", paramLabel = "TEAM") String team;
    @Parameters(index = "1", paramLabel = "USER") String user;

    @Override
    Accounts.Team change(Backend backend) {
      return backend.removeMember(team, user);
    }
  }

  /** {@code vigil teams grant TEAM SERVICE}. */
  @Command(name = "grant", description = "Grant a business service to a team ('*': every asset).")
  static final class Grant extends Change {
    @Parameters(index = "0", paramLabel = "TEAM") String team;
    @Parameters(index = "1", paramLabel = "SERVICE") String service;

    @Override
    Accounts.Team change(Backend backend) {
      return backend.grant(team, service);
    }
  }

  /** {@code vigil teams revoke TEAM SERVICE}. */
  @Command(name = "revoke", description = "Revoke a team's grant of a business service.")
  static final class Revoke extends Change {
    @Parameters(index = "0", paramLabel = "TEAM") String team;
    @Parameters(index = "1", paramLabel = "SERVICE") String service;

    @Override
    Accounts.Team change(Backend backend) {
      return backend.revoke(team, service);
    }
  }
}
