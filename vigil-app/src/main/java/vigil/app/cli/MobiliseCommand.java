package vigil.app.cli;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;
import vigil.store.Database;
import vigil.store.mobilise.MobilisationCycle;
import vigil.store.mobilise.Outbox;
import vigil.store.mobilise.Slas;

/** {@code vigil mobilise}: one mobilisation pass, then delivery of the due outbox messages. */
@Command(name = "mobilise", description = "Expire risk acceptances, track fix groups (tickets, two-way ticket sync,"
    + " verification, reopening), queue notifications (settings file: VIGIL_MOBILISATION), and deliver the due outbox messages."
    + " The server does this on a schedule.")
final class MobiliseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Option(names = "--no-delivery", description = "Queue only; leave delivery to the server.") boolean noDelivery;
  @Option(names = "--sync-tickets", description = "Only sync tickets both ways: read the state of every linked"
      + " ticket of an unverified fix group and record those closed on their side (awaiting verification).")
  boolean syncTickets;
  @Option(names = "--json") boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    Instant now = Instant.now();
    String actor = "cli:" + System.getProperty("user.name", "unknown");
    try (Database db = Store.open()) {
      MobilisationConfig config = MobilisationConfig.fromEnvironment(db);
      MobilisationCycle cycle = config.cycle(db, new Slas(db, SlaPolicyFile.fromEnvironment()));
      Map<String, Object> o;
      if (syncTickets) {
        MobilisationCycle.SyncResult s = cycle.syncTickets(actor, now);
        o = new LinkedHashMap<>();
        o.put("ticketsChecked", s.checked());
        o.put("ticketsClosedByThem", s.closedByThem());
        o.put("ticketSyncFailures", s.failures());
      } else {
        MobilisationCycle.Result r = cycle.run(actor, now);
        Outbox.Delivery d = noDelivery ? new Outbox.Delivery(0, 0, 0)
            : new Outbox(db).deliverDue(config.dispatcher(), now, 500);
        o = MobilisationConfig.summary(r, d);
      }
      if (json) {
        out.println(Json.write(o));
      } else {
        o.forEach((k, v) -> out.println(k + ": " + v));
      }
    }
    return 0;
  }
}
