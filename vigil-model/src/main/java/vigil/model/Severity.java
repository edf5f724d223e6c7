package vigil.model;

import java.util.Locale;

/** A finding's severity, normalised across tools. Ordered from most to least severe. */
public enum Severity {
  CRITICAL,
  HIGH,
  MEDIUM,
  LOW,
  INFO;

  /**
   * Reads the severity words and numbers tools use ("Critical", "high", "moderate", "negligible",
   * "informational", "error", "warning", "note", ...). Returns {@code null} for a word it does not
   * know, so that the caller can say where it was found.
   */
  public static Severity fromWord(String word) {
    if (word == null) {
      return null;
    }
    switch (word.trim().toLowerCase(Locale.ROOT)) {
      case "critical":
      case "crit":
      case "urgent":
      case "very high":
        return CRITICAL;
      case "high":
      case "important":
      case "error":
      case "severe":
        return HIGH;
      case "medium":
      case "moderate":
      case "warning":
      case "med":
        return MEDIUM;
      case "low":
      case "minor":
      case "note":
        return LOW;
      case "info":
      case "informational":
      case "information":
      case "none":
      case "negligible":
      case "unknown":
      case "log":
      case "debug":
      case "false positive":
        return INFO;
      default:
        return null;
    }
  }

  /** Maps a CVSS base score (any version) to its qualitative rating. */
  public static Severity fromCvssScore(double score) {
    if (score >= 9.0) {
      return CRITICAL;
    }
    if (score >= 7.0) {
      return HIGH;
    }
    if (score >= 4.0) {
      return MEDIUM;
    }
    if (score > 0.0) {
      return LOW;
    }
    return INFO;
  }

  /** Lower-case name as used in JSON output and the API. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
