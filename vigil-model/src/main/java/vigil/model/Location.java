package vigil.model;

/**
 * Where on an asset a weakness sits: a port, a software component, a file or a URL path. Only the
 * parts that tell two exposures apart enter {@link #key()}; versions do not, so an upgrade that
 * leaves a CVE in place keeps the same exposure.
 */
public record Location(
    Integer port,
    String protocol,
    String service,
    String component,
    String componentVersion,
    String fixedVersion,
    String path,
    Integer line) {

  public static final Location NONE = new Location(null, null, null, null, null, null, null, null);

  public static Location port(Integer port, String protocol, String service) {
    return new Location(port, lower(protocol), service, null, null, null, null, null);
  }

  public static Location component(String component, String version, String fixedVersion, String path) {
    return new Location(null, null, null, component, version, fixedVersion, path, null);
  }

  public static Location file(String path, Integer line) {
    return new Location(null, null, null, null, null, null, path, line);
  }

  public Location withPath(String newPath) {
    return new Location(port, protocol, service, component, componentVersion, fixedVersion, newPath, line);
  }

  /** The identity-bearing part: "tcp/443", "pkg:openssl", "src/a.c:12", joined by '|'. */
  public String key() {
    StringBuilder sb = new StringBuilder();
    if (port != null && port > 0) {
      sb.append(protocol == null ? "tcp" : protocol).append('/').append(port);
    }
    if (component != null) {
      append(sb, "pkg:" + component);
    }
    if (path != null) {
      append(sb, line == null ? path : path + ":" + line);
    }
    return sb.toString();
  }

  private static void append(StringBuilder sb, String part) {
    if (sb.length() > 0) {
      sb.append('|');
    }
    sb.append(part);
  }

  private static String lower(String s) {
    return s == null || s.isBlank() ? null : s.trim().toLowerCase(java.util.Locale.ROOT);
  }
}
