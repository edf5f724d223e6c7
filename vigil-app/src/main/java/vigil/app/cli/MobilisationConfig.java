package vigil.app.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import vigil.integrations.Settings;
import vigil.integrations.delivery.Dispatcher;
import vigil.integrations.delivery.RetryPolicy;
import vigil.integrations.delivery.Targets;
import vigil.store.mobilise.NotificationRules;

/**
 * The mobilisation settings: one properties file (named by {@code VIGIL_MOBILISATION}) holding the
 * integration targets ({@code vigil.integrations.…}, see vigil-integrations/README.md) and the
 * rules ({@code vigil.notify.…}, {@code vigil.tickets}). Without a file nothing is sent.
 */
public record MobilisationConfig(NotificationRules rules, Dispatcher dispatcher) {
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
        Dispatcher.of(targets, retry));
  }
}
