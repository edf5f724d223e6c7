package vigil.intel.feeds.vulnrichment;

import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;
import vigil.intel.ssvc.Automatable;
import vigil.intel.ssvc.Exploitation;
import vigil.intel.ssvc.TechnicalImpact;

/**
 * What CISA's ADP container adds to one CVE: the three per-CVE SSVC decision points with their
 * timestamp ({@code null} together when CISA gave no SSVC decision), the date the CVE entered KEV
 * ({@code null} when not in KEV), CVSS vectors from the CNA and from CISA-ADP, and CWE ids from
 * both.
 */
public record VulnrichmentRecord(
    String cveId,
    Exploitation exploitation,
    Automatable automatable,
    TechnicalImpact technicalImpact,
    Instant ssvcTimestamp,
    LocalDate kevDateAdded,
    List<CvssVector> cvssVectors,
    List<String> cwes) {

  public VulnrichmentRecord {
    Objects.requireNonNull(cveId, "cveId");
    cvssVectors = List.copyOf(cvssVectors);
    cwes = List.copyOf(cwes);
  }

  /** True when the record carries CISA's SSVC decision points. */
  public boolean hasSsvc() {
    return exploitation != null;
  }

  /** Who gave a CVSS vector. */
  public enum Provider {
    /** The CVE Numbering Authority that published the record. */
    CNA,
    /** CISA's Authorized Data Publisher container (vulnrichment). */
    CISA_ADP
  }

  /** A CVSS vector as given: version ("2.0", "3.0", "3.1", "4.0"), vector, base score when stated. */
  public record CvssVector(Provider provider, String version, String vector, Double baseScore) {
    public CvssVector {
      Objects.requireNonNull(provider, "provider");
      Objects.requireNonNull(version, "version");
      Objects.requireNonNull(vector, "vector");
    }
  }
}
