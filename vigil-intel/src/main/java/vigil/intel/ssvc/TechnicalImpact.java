package vigil.intel.ssvc;

/** SSVC Technical Impact v1.0.0: the technical impact of exploiting the vulnerability. */
public enum TechnicalImpact implements Labels.Labelled {
  PARTIAL("partial"),
  TOTAL("total");

  private final String label;

  TechnicalImpact(String label) {
    this.label = label;
  }

  /** The value as SSVC's tables write it. */
  @Override
  public String label() {
    return label;
  }

  /** Parses a value case-insensitively. */
  public static TechnicalImpact parse(String text) {
    return Labels.parse(TechnicalImpact.class, "Technical Impact", text);
  }
}
