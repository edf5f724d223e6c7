package vigil.intel.cvss;

import java.util.Objects;

/**
 * The scores of one CVSS vector.
 *
 * <p>{@code score} is the score of the most specific metric group the vector defines, as NVD's
 * calculators show it: environmental if any environmental metric is given (not {@code X}/{@code
 * ND}), else temporal if any temporal metric is given, else base. For v4.0 it is the CVSS-B, -BT,
 * -BE or -BTE score of the whole vector and the three group scores are {@code null}: v4.0 has no
 * separate temporal or environmental score. For v2, {@code temporal} and {@code environmental} are
 * {@code null} when the vector defines no metric of that group; for v3.x they are always computed.
 *
 * <p>{@code severity} is the qualitative rating of {@code score}: None (0.0), Low, Medium, High,
 * Critical (9.0 and up) for v3.x and v4.0. CVSS v2 defines no rating; for v2 this is NVD's scale:
 * Low (0.0-3.9), Medium (4.0-6.9), High (7.0-10.0).
 *
 * @param vector the vector as given, without surrounding whitespace
 * @param version "2.0", "3.0", "3.1" or "4.0"
 */
public record CvssScore(
    String vector,
    String version,
    double score,
    String severity,
    Double base,
    Double temporal,
    Double environmental) {

  public CvssScore {
    Objects.requireNonNull(vector, "vector");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(severity, "severity");
  }
}
