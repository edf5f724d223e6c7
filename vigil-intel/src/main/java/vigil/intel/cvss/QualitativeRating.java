package vigil.intel.cvss;

/** Qualitative severity ratings of scores already rounded to one decimal. */
final class QualitativeRating {
  private QualitativeRating() {}

  /** The CVSS v3.x / v4.0 rating: None, Low, Medium, High, Critical. */
  static String of(double score) {
    if (score == 0.0) {
      return "None";
    }
    if (score < 4.0) {
      return "Low";
    }
    if (score < 7.0) {
      return "Medium";
    }
    return score < 9.0 ? "High" : "Critical";
  }

  /** CVSS v2 defines no rating; this is NVD's: Low (0.0-3.9), Medium (4.0-6.9), High (7.0-10.0). */
  static String nvdV2(double score) {
    if (score < 4.0) {
      return "Low";
    }
    return score < 7.0 ? "Medium" : "High";
  }
}
