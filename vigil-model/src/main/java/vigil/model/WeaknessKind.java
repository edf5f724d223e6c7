package vigil.model;

import java.util.Locale;

/** What sort of problem a weakness is. */
public enum WeaknessKind {
  VULNERABILITY,
  MISCONFIGURATION,
  EXPOSURE_OF_SERVICE,
  SECRET,
  EXCESSIVE_PRIVILEGE,
  UNSUPPORTED_SOFTWARE,
  /** Facts a scanner reports that are not themselves a weakness (scan info, detected software). */
  INFORMATIONAL;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
