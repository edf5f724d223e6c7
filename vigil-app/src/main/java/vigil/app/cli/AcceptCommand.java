package vigil.app.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import vigil.store.Database;
import vigil.store.mobilise.Acceptance;
import vigil.store.mobilise.Decisions;
import vigil.store.mobilise.FixGroup;
import vigil.store.mobilise.FixGroups;
import vigil.store.mobilise.Slas;
import vigil.store.security.Actor;
import vigil.store.security.Visibility;

/** {@code vigil accept}: accept the risk of one exposure, or of every exposure of a fix group. */
@Command(name = "accept", description = "Accept the risk of an exposure (or of a fix group's exposures with"
    + " --fix-group) until a date; it returns to open when the acceptance expires.")
final class AcceptCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Parameters(paramLabel = "EXPOSURE_ID", arity = "0..1") Long exposureId;
  @Option(names = "--fix-group", paramLabel = "KEY", description = "Accept every exposure of this fix group.") String fixGroup;
  @Option(names = "--reason", required = true, description = "The justification.") String reason;
  @Option(names = "--requested-by", description = "Who asks (default: the current user).") String requestedBy;
  @Option(names = "--approver", required = true, description = "Who approves: someone other than the requester.")
  String approver;
  @Option(names = "--until", required = true, paramLabel = "YYYY-MM-DD", description = "Last day of the acceptance.")
  LocalDate until;
  @Option(names = "--json") boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    if ((exposureId == null) == (fixGroup == null)) {
      spec.commandLine().getErr().println("vigil: give either EXPOSURE_ID or --fix-group KEY");
      return VigilCommand.REFUSED;
    }
    String requester = requestedBy != null ? requestedBy : System.getProperty("user.name", "unknown");
    Instant now = Instant.now();
    try (Database db = Store.open()) {
      Acceptance a = new Acceptance(reason, requester, approver, until);
      int accepted;
      if (fixGroup != null) {
        FixGroup g = new FixGroups(db, new Slas(db, SlaPolicyFile.fromEnvironment()))
            .find(Visibility.everything(), fixGroup, now)
            .orElseThrow(() -> new IllegalArgumentException("no fix group " + fixGroup + " with active exposures"));
        accepted = new Decisions(db).acceptFixGroup(g, a, Actor.system(requester), now);
      } else {
        new Decisions(db).accept(exposureId, a, Actor.system(requester), now);
        accepted = 1;
      }
      if (json) {
        Map<String, Object> o = new LinkedHashMap<>();
        o.put("accepted", accepted);
        o.put("until", until.toString());
        out.println(Json.write(o));
      } else {
        out.printf("%d exposure(s) accepted until %s%n", accepted, until);
      }
      return 0;
    } catch (IllegalArgumentException e) {
      spec.commandLine().getErr().println("vigil: " + e.getMessage());
      return VigilCommand.REFUSED;
    }
  }
}
