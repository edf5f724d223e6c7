package vigil.discovery.recheck;

/**
 * The outcome of a re-check.
 *
 * @param verdict {@code STILL_VULNERABLE} (reachable and showing the version), {@code REACHABLE}
 *     (reachable, version not shown or none known), {@code UNREACHABLE}
 * @param expectedVersion the version the exposure was found with, or null
 * @param importId the import that recorded the observation, or null when nothing was confirmed
 */
public record RecheckResult(long exposureId, Verdict verdict, String expectedVersion, ProbeResult probe, Long importId) {

  /** What the probe tells about the exposure. */
  public enum Verdict {
    STILL_VULNERABLE,
    REACHABLE,
    UNREACHABLE
  }
}
