package vigil.ingest.nuclei;

import java.util.Locale;

/**
 * Where a Nuclei result points, read from its {@code host}, {@code matched-at} or {@code url}: a
 * URL ("https://example.com:8443/admin?x=1"), a "host:port" (network and TLS templates) or a bare
 * host name (DNS templates). The query and fragment are dropped: they are not part of where a
 * weakness sits, and may carry tokens.
 */
record Endpoint(String scheme, String host, Integer port, String path) {

  /** The endpoint in the text, or {@code null} for blank text or text without a host. */
  static Endpoint parse(String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String s = text.trim();
    // Nuclei 3.x writes the url of some javascript templates as "/http://host/"
    if (s.startsWith("/") && s.indexOf("://") > 1) {
      s = s.substring(1);
    }
    String scheme = null;
    int sep = s.indexOf("://");
    if (sep > 0) {
      scheme = s.substring(0, sep).toLowerCase(Locale.ROOT);
      s = s.substring(sep + 3);
    }
    int end = firstOf(s, "/?#");
    String authority = s.substring(0, end);
    String rest = s.substring(end);
    authority = authority.substring(authority.lastIndexOf('@') + 1);
    String host = authority;
    Integer port = null;
    if (authority.startsWith("[")) {
      int close = authority.indexOf(']');
      host = close > 0 ? authority.substring(1, close) : authority.substring(1);
      port = portAfter(authority, close > 0 ? close + 1 : authority.length());
    } else if (authority.indexOf(':') == authority.lastIndexOf(':') && authority.indexOf(':') >= 0) {
      int colon = authority.indexOf(':');
      host = authority.substring(0, colon);
      port = portAfter(authority, colon);
    }
    if (host.isBlank()) {
      return null;
    }
    String path = rest.substring(0, firstOf(rest, "?#"));
    if (path.isEmpty() && scheme != null && scheme.startsWith("http")) {
      path = "/";
    }
    return new Endpoint(scheme, host, port, path.isEmpty() ? null : path);
  }

  /** The explicit port, else the scheme's default (80 for http, 443 for https). */
  Integer portOrDefault() {
    if (port != null) {
      return port;
    }
    if ("http".equals(scheme)) {
      return 80;
    }
    return "https".equals(scheme) ? 443 : null;
  }

  private static Integer portAfter(String authority, int colon) {
    if (colon >= authority.length() || authority.charAt(colon) != ':') {
      return null;
    }
    String digits = authority.substring(colon + 1);
    return digits.matches("\\d{1,5}") ? Integer.valueOf(digits) : null;
  }

  private static int firstOf(String s, String chars) {
    for (int i = 0; i < s.length(); i++) {
      if (chars.indexOf(s.charAt(i)) >= 0) {
        return i;
      }
    }
    return s.length();
  }
}
