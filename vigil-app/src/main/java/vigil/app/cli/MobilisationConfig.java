package vigil.app.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import vigil.integrations.Settings;
import vigil.integrations.delivery.Dispatcher;
import vigil.integrations.delivery.RetryPolicy;
import vigil.integrations.delivery.Targets;
import vigil.store.Database;
import vigil.store.mobilise.MobilisationCycle;
import vigil.store.mobilise.Outbox;
import vigil.store.mobilise.Slas;
import vigil.store.mobilise.NotificationRules;

/**
 * The mobilisation settings: one properties file (named by {@code VIGIL_MOBILISATION}) holding the
 * integration targets ({@code vigil.integrations.…}, see vigil-integrations/README.md) and the
 * rules ({@code vigil.notify.…}, {@code vigil.tickets}). Without a file nothing is sent.
 */
public record MobilisationConfig(NotificationRules rules, Dispatcher dispatcher, Targets targets) {
  /**
   * The summary of one pass and delivery, as {@code vigil mobilise --json} prints it and {@code POST
   * /api/v1/mobilise} returns it.
   */
  public static Map<String, Object> summary(MobilisationCycle.Result r, Outbox.Delivery d) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("acceptancesExpired", r.acceptancesExpired());
    o.put("fixGroupsVerified", r.groupsVerified());
    o.put("fixGroupsReopened", r.groupsReopened());
    o.put("ticketsClosedByThem", r.ticketsClosedByThem());
    o.put("ticketsReopened", r.ticketsReopened());
    o.put("ticketSyncFailures", r.ticketSyncFailures());
    o.put("queued", r.messagesQueued());
    o.put("delivered", d.delivered());
    o.put("retryLater", d.retried());
    o.put("dead", d.dead());
    return o;
  }

  /** A mobilisation pass with these rules and two-way ticket sync through these targets. */
  public MobilisationCycle cycle(Database db, Slas slas) {
    return new MobilisationCycle(db, slas, rules, targets);
  }

  public static MobilisationConfig fromEnvironment() {
    return load(System.getenv("VIGIL_MOBILISATION"));
  }

  public static MobilisationConfig load(String file) {
    Properties p = new Properties();
    if (file != null && !file.isBlank()) {
      try (Reader r = Files.newBufferedReader(Path.of(file))) {
        p.load(r);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the mobilisation settings " + file + ": " + e.getMessage(), e);
      }
    }
    Map<String, String> flat = new HashMap<>();
    p.stringPropertyNames().forEach(k -> flat.put(k, p.getProperty(k)));
    Settings integrations = Settings.of(flat).under("vigil.integrations");
    Targets targets = Targets.fromSettings(integrations, Clock.systemUTC());
    RetryPolicy retry = RetryPolicy.fromSettings(integrations.under("retry"));
    return new MobilisationConfig(NotificationRules.fromProperties(p, file == null ? "defaults" : file),
        Dispatcher.of(targets, retry), targets);
  }
}
