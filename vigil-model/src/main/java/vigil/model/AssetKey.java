package vigil.model;

import java.util.Locale;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One identifier of an asset, normalised so that the same thing written two ways compares equal
 * (case of host names, MAC separators, leading zeros of IPv4 octets).
 *
 * <p>Strong keys name exactly one thing for its lifetime and merge assets on their own; weak keys
 * (addresses and names) merge only when no strong key contradicts.
 */
public record AssetKey(Type type, String value) {

  /** The identifier types Vigil correlates on. */
  public enum Type {
    CLOUD_ID(true),
    AGENT_ID(true),
    MAC(true),
    IMAGE_DIGEST(true),
    REPOSITORY(true),
    PURL(true),
    FQDN(false),
    HOSTNAME(false),
    NETBIOS(false),
    IP(false),
    IMAGE(false),
    /** A name that only means something inside one tool's output (a Kubernetes workload, a file). */
    NAME(false);

    private final boolean strong;

    Type(boolean strong) {
      this.strong = strong;
    }

    public boolean strong() {
      return strong;
    }

    public String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }

    public static Type fromLabel(String label) {
      return valueOf(label.toUpperCase(Locale.ROOT).replace('-', '_'));
    }
  }

  private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
  private static final Pattern MAC_HEX = Pattern.compile("[0-9a-f]{12}");

  public AssetKey {
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(value, "value");
    value = normalise(type, value);
    if (value.isEmpty()) {
      throw new IllegalArgumentException("empty " + type.label() + " identifier");
    }
  }

  public static AssetKey of(Type type, String value) {
    return new AssetKey(type, value);
  }

  /** Returns a key for a non-blank value, or {@code null} when the value is missing. */
  public static AssetKey ofNullable(Type type, String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    return new AssetKey(type, value);
  }

  /** True when the text is an IPv4 address (syntax only: octets may be out of range, as tools write them). */
  public static boolean looksLikeIpv4(String text) {
    return text != null && IPV4.matcher(text.trim()).matches();
  }

  /** True when the text could be an IPv6 address. */
  public static boolean looksLikeIpv6(String text) {
    return text != null && text.indexOf(':') >= 0 && text.trim().matches("[0-9A-Fa-f:.]+(%\\w+)?");
  }

  private static String normalise(Type type, String raw) {
    String v = raw.trim();
    switch (type) {
      case IP:
        return normaliseIp(v);
      case MAC:
        String hex = v.toLowerCase(Locale.ROOT).replaceAll("[^0-9a-f]", "");
        if (!MAC_HEX.matcher(hex).matches()) {
          return v.toLowerCase(Locale.ROOT);
        }
        return hex.replaceAll("(..)(?!$)", "$1:");
      case FQDN:
      case HOSTNAME:
      case NETBIOS:
        String name = v.toLowerCase(Locale.ROOT);
        return name.endsWith(".") ? name.substring(0, name.length() - 1) : name;
      case IMAGE_DIGEST:
        return v.toLowerCase(Locale.ROOT);
      case REPOSITORY:
        String repo = v.replaceAll("(\\.git)?/*$", "");
        return repo.toLowerCase(Locale.ROOT);
      default:
        return v;
    }
  }

  private static String normaliseIp(String v) {
    if (looksLikeIpv4(v)) {
      String[] octets = v.split("\\.");
      StringBuilder out = new StringBuilder(15);
      for (int i = 0; i < octets.length; i++) {
        if (i > 0) {
          out.append('.');
        }
        // Kept even when out of range: tools report what they saw (OpenVAS writes 192.168.1.1001).
        out.append(Integer.parseInt(octets[i]));
      }
      return out.toString();
    }
    return v.toLowerCase(Locale.ROOT);
  }

  /** "type:value", the form used in logs, the CLI and the API. */
  @Override
  public String toString() {
    return type.label() + ":" + value;
  }
}
