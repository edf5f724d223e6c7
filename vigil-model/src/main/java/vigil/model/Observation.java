package vigil.model;

import java.time.Instant;
import java.util.Objects;

/**
 * One sighting of a weakness on an asset, as one tool reported it in one file.
 *
 * @param observedAt when the tool saw it, or {@code null} when the file does not say (the import's
 *     time is used then)
 * @param toolSeverity the tool's own word or number for the severity, kept for provenance
 */
public record Observation(
    AssetRef asset,
    Weakness weakness,
    Location location,
    Severity severity,
    String toolSeverity,
    Cvss cvss,
    String description,
    String solution,
    String evidence,
    Instant observedAt) {

  public Observation {
    Objects.requireNonNull(asset, "asset");
    Objects.requireNonNull(weakness, "weakness");
    Objects.requireNonNull(location, "location");
    Objects.requireNonNull(severity, "severity");
    cvss = cvss == null ? Cvss.NONE : cvss;
  }
}
