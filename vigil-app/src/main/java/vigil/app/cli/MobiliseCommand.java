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
@Command(name = "mobilise", description = "Expire risk acceptances, track fix groups (tickets, verification,"
    + " reopening), queue notifications (settings file: VIGIL_MOBILISATION), and deliver the due outbox messages."
    + " The server does this on a schedule.")
final class MobiliseCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Option(names = "--no-delivery", description = "Queue only; leave delivery to the server.") boolean noDelivery;
  @Option(names = "--json") boolean json;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    MobilisationConfig config = MobilisationConfig.fromEnvironment();
    Instant now = Instant.now();
    try (Database db = Store.open()) {
      MobilisationCycle.Result r = new MobilisationCycle(db, new Slas(db, SlaPolicyFile.fromEnvironment()), config.rules())
          .run(now);
      Outbox.Delivery d = noDelivery ? new Outbox.Delivery(0, 0, 0)
          : new Outbox(db).deliverDue(config.dispatcher(), now, 500);
      Map<String, Object> o = new LinkedHashMap<>();
      o.put("acceptancesExpired", r.acceptancesExpired());
      o.put("fixGroupsVerified", r.groupsVerified());
      o.put("fixGroupsReopened", r.groupsReopened());
      o.put("queued", r.messagesQueued());
      o.put("delivered", d.delivered());
      o.put("retryLater", d.retried());
      o.put("dead", d.dead());
      if (json) {
        out.println(Json.write(o));
      } else {
        o.forEach((k, v) -> out.println(k + ": " + v));
      }
    }
    return 0;
  }
}
