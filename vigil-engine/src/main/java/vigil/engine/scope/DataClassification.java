package vigil.engine.scope;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** How sensitive the data a business service handles is, from least to most. */
public enum DataClassification {
  PUBLIC,
  INTERNAL,
  CONFIDENTIAL,
  RESTRICTED;

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The classification a scope file's word names, or {@code null}. */
  public static DataClassification fromLabel(String label) {
    for (DataClassification c : values()) {
      if (c.label().equals(label.trim().toLowerCase(Locale.ROOT))) {
        return c;
      }
    }
    return null;
  }

  static String labels() {
    return Arrays.stream(values()).map(DataClassification::label).collect(Collectors.joining(", "));
  }
}
