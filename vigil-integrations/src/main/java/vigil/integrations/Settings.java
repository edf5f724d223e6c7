package vigil.integrations;

import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A read-only view of flat configuration ({@code key=value}, as from a properties file, the
 * environment or Spring's {@code Environment}) under a prefix, such as {@code
 * vigil.integrations.jira.secops.}. Errors name the full key; they never echo a secret's value.
 */
public final class Settings {
  private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

  private final String prefix;
  private final Map<String, String> values;

  private Settings(String prefix, Map<String, String> values) {
    this.prefix = prefix;
    this.values = values;
  }

  /** All of {@code values}, without a prefix. */
  public static Settings of(Map<String, String> values) {
    Objects.requireNonNull(values, "values");
    return new Settings("", Map.copyOf(values));
  }

  /** The settings under {@code name.}, e.g. {@code of(m).under("vigil.integrations")}. */
  public Settings under(String name) {
    return new Settings(prefix + name + ".", values);
  }

  /** The full key of {@code key}, for messages. */
  public String key(String key) {
    return prefix + key;
  }

  /** The distinct first segments of the keys under this prefix (e.g. the target names). */
  public Set<String> names() {
    Set<String> names = new TreeSet<>();
    for (String k : values.keySet()) {
      if (k.startsWith(prefix) && k.length() > prefix.length()) {
        String rest = k.substring(prefix.length());
        int dot = rest.indexOf('.');
        names.add(dot < 0 ? rest : rest.substring(0, dot));
      }
    }
    return names;
  }

  public Optional<String> optional(String key) {
    String v = values.get(prefix + key);
    return v == null || v.isBlank() ? Optional.empty() : Optional.of(v.strip());
  }

  public String required(String key) {
    return optional(key).orElseThrow(() -> missing(key));
  }

  public String get(String key, String defaultValue) {
    return optional(key).orElse(defaultValue);
  }

  public Optional<Secret> optionalSecret(String key) {
    return optional(key).map(Secret::of);
  }

  public Secret secret(String key) {
    return optionalSecret(key).orElseThrow(() -> missing(key));
  }

  /** A URL setting; the message on a malformed value does not repeat it, as it may be secret. */
  public URI uri(String key) {
    String v = required(key);
    try {
      URI uri = new URI(v);
      String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || uri.getHost() == null) {
        throw new IllegalArgumentException(
            "setting " + key(key) + " must be an http(s) URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException(
          "setting " + key(key) + " is not a valid URL (error at index " + e.getIndex() + ")");
    }
  }

  /** A duration as ISO-8601 ({@code PT10S}) or short form ({@code 500ms}, {@code 10s}, {@code 5m}, {@code 2h}, {@code 1d}). */
  public Duration duration(String key, Duration defaultValue) {
    Optional<String> v = optional(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    String s = v.get().toLowerCase(Locale.ROOT);
    Matcher m = SHORT_DURATION.matcher(s);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(v.get());
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException("setting " + key(key) + " = '" + v.get()
          + "' is not a duration (expected e.g. 10s, 5m, 2h or PT10S)", e);
    }
  }

  public int integer(String key, int defaultValue) {
    Optional<String> v = optional(key);
    if (v.isEmpty()) {
      return defaultValue;
    }
    try {
      return Integer.parseInt(v.get());
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "setting " + key(key) + " = '" + v.get() + "' is not an integer", e);
    }
  }

  /** A comma-separated list, entries trimmed, empty entries dropped. */
  public List<String> list(String key) {
    return optional(key)
        .map(v -> Arrays.stream(v.split(",")).map(String::strip).filter(s -> !s.isEmpty()).toList())
        .orElse(List.of());
  }

  /** The entries under {@code key.} as a map from the rest of the key to the value. */
  public Map<String, String> map(String key) {
    String p = prefix + key + ".";
    Map<String, String> out = new LinkedHashMap<>();
    values.keySet().stream().filter(k -> k.startsWith(p)).sorted()
        .forEach(k -> out.put(k.substring(p.length()), values.get(k).strip()));
    return out;
  }

  private IllegalArgumentException missing(String key) {
    return new IllegalArgumentException("setting " + key(key) + " is missing");
  }
}
