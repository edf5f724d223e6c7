package vigil.model;

/**
 * CVSS vectors and scores as a tool reported them. Scores here are the tool's claim; Vigil computes
 * its own from the vectors when it prioritises.
 */
public record Cvss(String v2Vector, Double v2Score, String v3Vector, Double v3Score, String v4Vector, Double v4Score) {

  public static final Cvss NONE = new Cvss(null, null, null, null, null, null);

  public boolean isEmpty() {
    return v2Vector == null && v2Score == null && v3Vector == null && v3Score == null
        && v4Vector == null && v4Score == null;
  }

  /** The highest-version score reported, or {@code null}. */
  public Double bestScore() {
    if (v4Score != null) {
      return v4Score;
    }
    return v3Score != null ? v3Score : v2Score;
  }
}
