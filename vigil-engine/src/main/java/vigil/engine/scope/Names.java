package vigil.engine.scope;

import java.util.Objects;

/** Checks shared by the scope records' text fields. */
final class Names {
  private Names() {}

  /** The trimmed text; refuses null and blank with a message naming {@code what}. */
  static String require(String text, String what) {
    Objects.requireNonNull(text, what);
    String t = text.trim();
    if (t.isEmpty()) {
      throw new IllegalArgumentException(what + " is empty");
    }
    return t;
  }

  /** The trimmed text, or {@code null} for null and blank. */
  static String optional(String text) {
    return text == null || text.isBlank() ? null : text.trim();
  }
}
