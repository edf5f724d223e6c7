package vigil.intel.ssvc;

/** CISA's SSVC decision, in increasing urgency: track, track*, attend, act. */
public enum Decision implements Labels.Labelled {
  /** No action now; keep tracking. CISA: remediate within standard update timelines. */
  TRACK("track"),
  /** Characteristics that call for closer monitoring. CISA: remediate within standard update timelines. */
  TRACK_STAR("track*"),
  /** Needs supervisory-level attention. CISA: remediate sooner than standard update timelines. */
  ATTEND("attend"),
  /** Needs supervisory- and leadership-level attention. CISA: remediate as soon as possible. */
  ACT("act");

  private final String label;

  Decision(String label) {
    this.label = label;
  }

  /** The value as SSVC's tables write it. */
  @Override
  public String label() {
    return label;
  }

  /** Parses a value case-insensitively. */
  public static Decision parse(String text) {
    return Labels.parse(Decision.class, "CISA Levels", text);
  }
}
