package vigil.engine.graph;

import java.util.List;
import java.util.Objects;
import vigil.model.WeaknessKind;

/**
 * One exposure as the attack graph needs it: where it is, what it is, how it is exploited and how
 * likely that is.
 *
 * @param id the exposure's id (what a fix names)
 * @param serviceId the service it sits on, or {@code null} for a host-level exposure
 * @param weakness the CVE or the tool's check id
 * @param cwes CWE ids, for the ATT&amp;CK technique (CWE → CAPEC → ATT&amp;CK)
 * @param cvssVector a CVSS v2, v3.x or v4.0 vector; {@code null} uses the default of its kind
 * @param epss EPSS probability, or {@code null} when unknown
 * @param kev listed in CISA KEV
 */
public record ExposureFact(
    String id,
    String hostId,
    String serviceId,
    String weakness,
    WeaknessKind kind,
    List<String> cwes,
    String cvssVector,
    Double epss,
    boolean kev,
    String title) {

  public ExposureFact {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(hostId, "hostId");
    Objects.requireNonNull(weakness, "weakness");
    Objects.requireNonNull(kind, "kind");
    cwes = cwes == null ? List.of() : List.copyOf(cwes);
    if (epss != null && (epss < 0 || epss > 1)) {
      throw new IllegalArgumentException("exposure " + id + ": EPSS must be within 0..1, not " + epss);
    }
    title = title == null ? weakness : title;
  }

  /** A vulnerability with a CVE on a service. */
  public static ExposureFact cve(String id, String hostId, String serviceId, String cve, String cvssVector,
      Double epss, boolean kev) {
    return new ExposureFact(id, hostId, serviceId, cve, WeaknessKind.VULNERABILITY, List.of(), cvssVector, epss,
        kev, null);
  }
}
