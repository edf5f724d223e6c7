package vigil.intel.ssvc;

/** SSVC Mission and Well-Being Impact v1.0.0: the organisation's own input, combining mission prevalence and public well-being impact. */
public enum MissionWellbeing implements Labels.Labelled {
  LOW("low"),
  MEDIUM("medium"),
  HIGH("high");

  private final String label;

  MissionWellbeing(String label) {
    this.label = label;
  }

  /** The value as SSVC's tables write it. */
  @Override
  public String label() {
    return label;
  }

  /** Parses a value case-insensitively. */
  public static MissionWellbeing parse(String text) {
    return Labels.parse(MissionWellbeing.class, "Mission and Well-Being Impact", text);
  }
}
