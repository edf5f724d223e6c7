package vigil.intel.cvss;

import java.util.Objects;

/**
 * Scores CVSS vectors of any version: v2, v3.0, v3.1 and v4.0. Thread-safe and stateless; the v4.0
 * tables are read once, on first use.
 */
public final class CvssCalculator {
  private static final String V2_PREFIX = "CVSS2#";

  private CvssCalculator() {}

  /**
   * Parses and scores a vector. The version comes from the prefix: {@code CVSS:3.0/}, {@code
   * CVSS:3.1/} or {@code CVSS:4.0/}; a vector without prefix is v2, bare ({@code AV:N/AC:L/...}),
   * in parentheses ({@code (AV:N/...)}) or after NVD's {@code CVSS2#}. Metrics may come in any
   * order and optional ones may be given as Not Defined ({@code X}, {@code ND} in v2). Surrounding
   * whitespace is ignored.
   *
   * @throws InvalidVectorException if the vector has an unknown prefix or metric, a value the
   *     metric does not allow, a metric twice, or lacks a mandatory base metric; the message names
   *     the metric and value
   */
  public static CvssScore score(String vector) {
    Objects.requireNonNull(vector, "vector");
    String trimmed = vector.strip();
    if (trimmed.isEmpty()) {
      throw new InvalidVectorException(vector, null, "empty vector");
    }
    if (!trimmed.startsWith("CVSS:")) {
      return CvssV2.score(trimmed, v2Body(trimmed));
    }
    int slash = trimmed.indexOf('/');
    String prefix = slash < 0 ? trimmed : trimmed.substring(0, slash);
    String body = slash < 0 ? "" : trimmed.substring(slash + 1);
    switch (prefix) {
      case "CVSS:3.0":
        return CvssV3.V3_0.score(trimmed, body);
      case "CVSS:3.1":
        return CvssV3.V3_1.score(trimmed, body);
      case "CVSS:4.0":
        return CvssV4.score(trimmed, body);
      default:
        throw new InvalidVectorException(
            trimmed,
            null,
            "unsupported prefix '"
                + prefix
                + "' (expected CVSS:3.0/, CVSS:3.1/, CVSS:4.0/,"
                + " or a v2 vector without prefix)");
    }
  }

  private static String v2Body(String vector) {
    String body = vector.startsWith(V2_PREFIX) ? vector.substring(V2_PREFIX.length()) : vector;
    boolean opens = body.startsWith("(");
    boolean closes = body.endsWith(")");
    if (opens != closes) {
      throw new InvalidVectorException(vector, null, "unbalanced parentheses");
    }
    return opens ? body.substring(1, body.length() - 1) : body;
  }
}
