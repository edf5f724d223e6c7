package vigil.intel.feeds.nvd;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * One CVE as NVD describes it: dates (NVD's zoneless times, read as UTC), status, the English
 * description, CWE ids (NVD's "NVD-CWE-noinfo"/"NVD-CWE-Other" placeholders dropped), every CVSS
 * metric NVD lists, CISA KEV fields when NVD carries them, and the vulnerable CPE match criteria
 * of its configurations.
 */
public record NvdCve(
    String id,
    Instant published,
    Instant lastModified,
    String vulnStatus,
    String description,
    List<String> cwes,
    List<Metric> metrics,
    Kev kev,
    List<CpeMatch> cpeMatches) {

  public NvdCve {
    Objects.requireNonNull(id, "id");
    cwes = List.copyOf(cwes);
    metrics = List.copyOf(metrics);
    cpeMatches = List.copyOf(cpeMatches);
  }

  /** True when NVD marks the CVE as in CISA's KEV catalog. */
  public boolean inKev() {
    return kev != null;
  }

  /** The metrics of one CVSS version ("2.0", "3.0", "3.1", "4.0"), in NVD's order. */
  public List<Metric> metrics(String cvssVersion) {
    return metrics.stream().filter(m -> m.version().equals(cvssVersion)).toList();
  }

  /**
   * One CVSS metric: version, vector and base score as given, by whom ({@code source}, e.g.
   * "nvd@nist.gov" or a CNA's address) and whether NVD counts it as "Primary" or "Secondary".
   */
  public record Metric(String version, String vector, Double baseScore, String source, String type) {
    public Metric {
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(vector, "vector");
    }
  }

  /** The CISA KEV fields NVD copies into a record ({@code cisaExploitAdd}, …). */
  public record Kev(LocalDate exploitAdd, LocalDate actionDue, String requiredAction, String vulnerabilityName) {}

  /**
   * A vulnerable CPE 2.3 match string with its optional version range bounds ({@code null} when
   * not given). Non-vulnerable platform conditions of AND configurations are not kept.
   */
  public record CpeMatch(
      String criteria,
      String versionStartIncluding,
      String versionStartExcluding,
      String versionEndIncluding,
      String versionEndExcluding,
      String matchCriteriaId) {
    public CpeMatch {
      Objects.requireNonNull(criteria, "criteria");
    }
  }
}
