package vigil.engine.lifecycle;

import java.util.Locale;

/** Where an exposure stands. Decisions people made (accepted, false positive, out of scope) survive re-imports. */
public enum ExposureStatus {
  OPEN,
  FIXED,
  REOPENED,
  ACCEPTED,
  FALSE_POSITIVE,
  OUT_OF_SCOPE;

  /** True for the states that count as "still to fix". */
  public boolean active() {
    return this == OPEN || this == REOPENED;
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  public static ExposureStatus fromLabel(String label) {
    return valueOf(label.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
  }
}
