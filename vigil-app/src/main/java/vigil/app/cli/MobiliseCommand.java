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
import vigil.store.mobilise.Slas;

/** {@code vigil mobilise}: one mobilisation pass, then delivery of the due outbox messages. */
@Command(name = "mobilise", description = "Expire risk acceptances, track fix groups (tickets, two-way ticket sync,"
    + " verification, reopening), queue notifications (settings file: VIGIL_MOBILISATION), and deliver the due outbox messages."
    + " The server does this on a schedule.")
final class MobiliseCommand implements Callable<Integer>, RemoteCapable {
  @Spec CommandSpec spec;
  @Option(names = "--no-delivery", description = "Queue only; leave delivery to the server.") boolean noDelivery;
  @Option(names = "--sync-tickets", description = "Only sync tickets both ways: read the state of every linked"
      + " ticket of an unverified fix group and record those closed on their side (awaiting verification).")
  boolean syncTickets;
  @Option(names = "--json") boolean json;

  @Override
  public Integer call() {
    Map<String, Object> o;
    if (syncTickets) {
      o = syncTickets();
    } else {
      try (Backend backend = Backend.open(spec)) {
        o = backend.mobilise(noDelivery ? Backend.Delivery.QUEUE_ONLY : Backend.Delivery.DELIVER);
      }
    }
    PrintWriter out = spec.commandLine().getOut();
    if (json) {
      out.println(Json.write(o));
    } else {
      o.forEach((k, v) -> out.println(k + ": " + v));
    }
    return 0;
  }

  /** Ticket sync alone has no REST endpoint (the server syncs on its schedule): local store only. */
  private Map<String, Object> syncTickets() {
    if (((VigilCommand) spec.root().userObject()).remote()) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(),
          "--sync-tickets works on the local store only; the server syncs tickets on its schedule");
    }
    try (Database db = Store.open()) {
      MobilisationCycle.SyncResult s = MobilisationConfig.fromEnvironment(db)
          .cycle(db, new Slas(db, SlaPolicyFile.fromEnvironment()))
          .syncTickets("cli:" + System.getProperty("user.name", "unknown"), Instant.now());
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("ticketsChecked", s.checked());
      o.put("ticketsClosedByThem", s.closedByThem());
      o.put("ticketSyncFailures", s.failures());
      return o;
    }
  }
}
