package vigil.engine.scope;

import java.util.Locale;

/**
 * Container image and code repository names reduced to "host/segment/segment", the form registry
 * and code-organisation rules are written in and matched on, segment by segment.
 */
final class ArtifactPath {
  private ArtifactPath() {}

  /**
   * "nginx:1.25" → "docker.io/library/nginx", "ghcr.io/acme/api@sha256:…" → "ghcr.io/acme/api";
   * {@code null} when nothing is left.
   */
  static String ofImage(String image) {
    String s = stripScheme(image.trim().toLowerCase(Locale.ROOT));
    int at = s.indexOf('@');
    if (at >= 0) {
      s = s.substring(0, at);
    }
    int colon = s.lastIndexOf(':');
    if (colon > s.lastIndexOf('/')) {
      s = s.substring(0, colon);
    }
    s = trimSlashes(s);
    if (s.isEmpty()) {
      return null;
    }
    int slash = s.indexOf('/');
    String first = slash < 0 ? s : s.substring(0, slash);
    if (!isHost(first)) {
      // Docker Hub: a bare name is an official image under "library".
      return "docker.io/" + (slash < 0 ? "library/" : "") + s;
    }
    return canonicalRegistry(s);
  }

  /** The path with Docker Hub's other host names replaced by "docker.io". */
  static String canonicalRegistry(String path) {
    for (String alias : new String[] {"index.docker.io", "registry-1.docker.io"}) {
      if (path.equals(alias) || path.startsWith(alias + "/")) {
        return "docker.io" + path.substring(alias.length());
      }
    }
    return path;
  }

  /**
   * "https://GitHub.com/Acme/App.git", "git@github.com:acme/app" and "ssh://git@github.com/acme/app"
   * → "github.com/acme/app"; {@code null} when nothing is left.
   */
  static String ofRepository(String url) {
    String s = url.trim().toLowerCase(Locale.ROOT);
    boolean scp = !s.contains("://") && s.indexOf('@') >= 0 && s.indexOf(':') > s.indexOf('@');
    s = stripScheme(s);
    int at = s.indexOf('@');
    int slash = s.indexOf('/');
    if (at >= 0 && (slash < 0 || at < slash)) {
      s = s.substring(at + 1);
    }
    if (scp) {
      s = s.replaceFirst(":", "/");
    }
    s = trimSlashes(s);
    if (s.endsWith(".git")) {
      s = s.substring(0, s.length() - 4);
    }
    s = trimSlashes(s);
    return s.isEmpty() ? null : s;
  }

  /** True when the first segment names a registry host rather than a Docker Hub namespace. */
  static boolean isHost(String segment) {
    return segment.indexOf('.') >= 0 || segment.indexOf(':') >= 0 || segment.equals("localhost");
  }

  private static String stripScheme(String s) {
    int scheme = s.indexOf("://");
    return scheme >= 0 ? s.substring(scheme + 3) : s;
  }

  private static String trimSlashes(String s) {
    int from = 0;
    int to = s.length();
    while (from < to && s.charAt(from) == '/') {
      from++;
    }
    while (to > from && s.charAt(to - 1) == '/') {
      to--;
    }
    return s.substring(from, to);
  }
}
