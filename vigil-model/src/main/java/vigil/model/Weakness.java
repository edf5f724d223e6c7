package vigil.model;

import java.util.List;
import java.util.Objects;

/**
 * What is wrong, normalised: the CVE ids, CWE ids and the scanner's own check id, with a kind and
 * a title. Two tools reporting the same single CVE report the same weakness.
 *
 * @param checkId the tool's check, prefixed by the tool ("nessus:19506", "trivy:DS002")
 */
public record Weakness(WeaknessKind kind, String checkId, String title, List<String> cves, List<String> cwes) {

  public Weakness {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(checkId, "checkId");
    Objects.requireNonNull(title, "title");
    cves = List.copyOf(cves);
    cwes = List.copyOf(cwes);
  }

  /**
   * The identity used to deduplicate across tools: the CVE when the finding names exactly one, so
   * that Trivy, Grype and Nessus reporting CVE-2021-44228 agree; otherwise the tool's check id,
   * because a roll-up patch naming 90 CVEs is one thing to fix, not 90.
   */
  public String key() {
    return cves.size() == 1 ? cves.get(0) : checkId;
  }
}
