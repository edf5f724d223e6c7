package vigil.engine.lifecycle;

/**
 * The exposure state machine driven by scans: what a sighting does, and what a covering scan that
 * did not see the exposure does.
 */
public final class Lifecycle {
  private Lifecycle() {}

  /** What an import reports for one exposure. */
  public enum Outcome {
    NEW,
    UNCHANGED,
    REOPENED,
    FIXED
  }

  /** The state after a sighting. A fixed exposure seen again is reopened; human decisions stand. */
  public static ExposureStatus seen(ExposureStatus current) {
    return current == ExposureStatus.FIXED ? ExposureStatus.REOPENED : current;
  }

  /** The outcome of a sighting, for the import's counts. */
  public static Outcome outcomeOfSighting(ExposureStatus current) {
    return current == ExposureStatus.FIXED ? Outcome.REOPENED : Outcome.UNCHANGED;
  }

  /**
   * The state after a scan covered the exposure's asset with a tool that had reported it, and did
   * not see it: an active exposure is fixed; anything else stays as it is.
   */
  public static ExposureStatus missing(ExposureStatus current) {
    return current.active() ? ExposureStatus.FIXED : current;
  }
}
