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
import java.util.TreeSet;
import vigil.integrations.Settings;
import vigil.integrations.delivery.Dispatcher;
import vigil.integrations.delivery.RetryPolicy;
import vigil.integrations.delivery.Targets;
import vigil.store.Database;
import vigil.store.mobilise.MobilisationCycle;
import vigil.store.mobilise.Outbox;
import vigil.store.mobilise.Slas;
import vigil.store.mobilise.NotificationRules;
import vigil.store.security.Secrets;

/**
 * The mobilisation settings: one properties file (named by {@code VIGIL_MOBILISATION}) holding the
 * integration targets ({@code vigil.integrations.…}, see vigil-integrations/README.md) and the
 * rules ({@code vigil.notify.…}, {@code vigil.tickets}). Without a file nothing is sent.
 *
 * <p>A value {@code secret:NAME} (e.g. {@code vigil.integrations.jira.sec.api-token=secret:jira-token})
 * is the stored secret of that name, decrypted with {@code VIGIL_SECRET_KEY} when the settings
 * load, so the file holds no credential.
 */
public record MobilisationConfig(NotificationRules rules, Dispatcher dispatcher, Targets targets) {
  private static final String SECRET_PREFIX = "secret:";

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

  /** The settings file named by {@code VIGIL_MOBILISATION}, its secrets from this store. */
  public static MobilisationConfig fromEnvironment(Database db) {
    return load(System.getenv("VIGIL_MOBILISATION"), Secrets.fromEnvironment(db));
  }

  /** Settings without a secret store: a {@code secret:} reference fails, naming its setting. */
  public static MobilisationConfig load(String file) {
    return load(file, null);
  }

  /**
   * The settings in {@code file} (null or blank: none), {@code secret:NAME} values resolved through
   * {@code secrets}. A reference without a key, to a secret not stored, or with no secret store
   * fails with a message naming the setting and the secret, never a value.
   */
  public static MobilisationConfig load(String file, Secrets secrets) {
    Properties p = new Properties();
    if (file != null && !file.isBlank()) {
      try (Reader r = Files.newBufferedReader(Path.of(file))) {
        p.load(r);
      } catch (IOException e) {
        throw new IllegalArgumentException("cannot read the mobilisation settings " + file + ": " + e.getMessage(), e);
      }
    }
    String source = file == null || file.isBlank() ? "defaults" : file;
    resolveSecrets(p, secrets, source);
    Map<String, String> flat = new HashMap<>();
    p.stringPropertyNames().forEach(k -> flat.put(k, p.getProperty(k)));
    Settings integrations = Settings.of(flat).under("vigil.integrations");
    Targets targets = Targets.fromSettings(integrations, Clock.systemUTC());
    RetryPolicy retry = RetryPolicy.fromSettings(integrations.under("retry"));
    return new MobilisationConfig(NotificationRules.fromProperties(p, file == null ? "defaults" : file),
        Dispatcher.of(targets, retry), targets);
  }

  /** Replaces every {@code secret:NAME} value in {@code p} by the secret's value. */
  private static void resolveSecrets(Properties p, Secrets secrets, String source) {
    for (String key : new TreeSet<>(p.stringPropertyNames())) {
      String value = p.getProperty(key).strip();
      if (!value.startsWith(SECRET_PREFIX)) {
        continue;
      }
      String name = value.substring(SECRET_PREFIX.length()).strip();
      String where = source + ": setting " + key + " references secret '" + name + "'";
      if (secrets == null) {
        throw new IllegalArgumentException(where + ", but secrets cannot be read here");
      }
      if (!secrets.configured()) {
        throw new IllegalArgumentException(where + ", but " + Secrets.KEY_VARIABLE + " is not set");
      }
      String plain;
      try {
        plain = secrets.get(name).orElseThrow(() -> new IllegalArgumentException(where + ", which is not stored"
            + " (store it with PUT /api/v1/admin/secrets/" + name + ")"));
      } catch (IllegalStateException e) {
        throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
      }
      p.setProperty(key, plain);
    }
  }

}
