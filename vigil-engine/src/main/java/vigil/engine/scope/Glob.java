package vigil.engine.scope;

/** Glob matching with {@code *} (any run of characters) and {@code ?} (one character). */
final class Glob {
  private Glob() {}

  static boolean isLiteral(String pattern) {
    return pattern.indexOf('*') < 0 && pattern.indexOf('?') < 0;
  }

  /** True when the whole text matches; linear in practice, O(n·m) at worst, never exponential. */
  static boolean matches(String pattern, String text) {
    int p = 0;
    int t = 0;
    int starP = -1;
    int starT = -1;
    while (t < text.length()) {
      if (p < pattern.length() && (pattern.charAt(p) == '?' || pattern.charAt(p) == text.charAt(t))) {
        p++;
        t++;
      } else if (p < pattern.length() && pattern.charAt(p) == '*') {
        starP = p++;
        starT = t;
      } else if (starP >= 0) {
        p = starP + 1;
        t = ++starT;
      } else {
        return false;
      }
    }
    while (p < pattern.length() && pattern.charAt(p) == '*') {
      p++;
    }
    return p == pattern.length();
  }

  /** The characters before the first wildcard. */
  static String literalPrefix(String pattern) {
    int i = 0;
    while (i < pattern.length() && pattern.charAt(i) != '*' && pattern.charAt(i) != '?') {
      i++;
    }
    return pattern.substring(0, i);
  }

  /** The characters after the last wildcard. */
  static String literalSuffix(String pattern) {
    int i = pattern.length();
    while (i > 0 && pattern.charAt(i - 1) != '*' && pattern.charAt(i - 1) != '?') {
      i--;
    }
    return pattern.substring(i);
  }

  /** The longest run of characters between wildcards. */
  static String longestLiteral(String pattern) {
    String best = "";
    for (String part : pattern.split("[*?]")) {
      if (part.length() > best.length()) {
        best = part;
      }
    }
    return best;
  }
}
