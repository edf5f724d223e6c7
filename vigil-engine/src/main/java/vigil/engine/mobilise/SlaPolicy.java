package vigil.engine.mobilise;

import java.time.Duration;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import vigil.engine.risk.Priority;

/**
 * How long each priority class may stay open: defaults P1 7 days, P2 30, P3 90, P4 180, overridden
 * per environment or per business service. Read from properties:
 *
 * <pre>
 * P1 = 7
 * environment.production.P1 = 3
 * service.payments.P1 = 2
 * restart-on-reopen = true
 * </pre>
 *
 * A business service's override wins over an environment's; among several services the strictest.
 */
public final class SlaPolicy {
  private final Map<Priority, Integer> days;
  private final Map<String, Map<Priority, Integer>> environments;
  private final Map<String, Map<Priority, Integer>> services;
  private final boolean restartOnReopen;

  private SlaPolicy(Map<Priority, Integer> days, Map<String, Map<Priority, Integer>> environments,
      Map<String, Map<Priority, Integer>> services, boolean restartOnReopen) {
    this.days = days;
    this.environments = environments;
    this.services = services;
    this.restartOnReopen = restartOnReopen;
  }

  public static SlaPolicy defaults() {
    return fromProperties(new Properties(), "defaults");
  }

  /** The policy from properties; {@code source} names the file in errors. */
  public static SlaPolicy fromProperties(Properties p, String source) {
    Objects.requireNonNull(p, "p");
    Map<Priority, Integer> days = new EnumMap<>(Priority.class);
    days.put(Priority.P1, 7);
    days.put(Priority.P2, 30);
    days.put(Priority.P3, 90);
    days.put(Priority.P4, 180);
    Map<String, Map<Priority, Integer>> environments = new LinkedHashMap<>();
    Map<String, Map<Priority, Integer>> services = new LinkedHashMap<>();
    boolean restart = true;
    for (String key : p.stringPropertyNames()) {
      String value = p.getProperty(key).trim();
      if (key.equals("restart-on-reopen")) {
        if (!value.equals("true") && !value.equals("false")) {
          throw new IllegalArgumentException(source + ": restart-on-reopen must be true or false, not '" + value + "'");
        }
        restart = Boolean.parseBoolean(value);
        continue;
      }
      int dot = key.lastIndexOf('.');
      Priority priority = priority(key.substring(dot + 1), key, source);
      int n = dayCount(value, key, source);
      if (dot < 0) {
        days.put(priority, n);
      } else if (key.startsWith("environment.")) {
        environments.computeIfAbsent(norm(key.substring("environment.".length(), dot)), k -> new EnumMap<>(Priority.class))
            .put(priority, n);
      } else if (key.startsWith("service.")) {
        services.computeIfAbsent(norm(key.substring("service.".length(), dot)), k -> new EnumMap<>(Priority.class))
            .put(priority, n);
      } else {
        throw new IllegalArgumentException(source + ": unknown key '" + key
            + "' (expected P1..P4, environment.<name>.P1..P4, service.<name>.P1..P4 or restart-on-reopen)");
      }
    }
    return new SlaPolicy(days, environments, services, restart);
  }

  /** The time allowed for an exposure of this class in this environment (or null) and services. */
  public Duration allowed(Priority priority, String environment, Collection<String> businessServices) {
    Integer best = null;
    for (String s : businessServices) {
      Integer d = services.getOrDefault(norm(s), Map.of()).get(priority);
      if (d != null && (best == null || d < best)) {
        best = d;
      }
    }
    if (best == null && environment != null) {
      best = environments.getOrDefault(norm(environment), Map.of()).get(priority);
    }
    return Duration.ofDays(best == null ? days.get(priority) : best);
  }

  /** Whether a reopened exposure gets a fresh clock (true) or keeps its first-seen start. */
  public boolean restartOnReopen() {
    return restartOnReopen;
  }

  private static String norm(String s) {
    return s.trim().toLowerCase(Locale.ROOT);
  }

  private static Priority priority(String s, String key, String source) {
    try {
      return Priority.valueOf(s.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": key '" + key + "' must end with P1, P2, P3 or P4", e);
    }
  }

  private static int dayCount(String value, String key, String source) {
    try {
      int n = Integer.parseInt(value);
      if (n > 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below with the key
    }
    throw new IllegalArgumentException(source + ": " + key + " must be a positive number of days, not '" + value + "'");
  }
}
