package vigil.intel.feeds.capec;

import java.util.List;
import java.util.Objects;

/**
 * A CAPEC attack pattern ({@code CAPEC-63}) with the CWE ids it exploits and the ATT&amp;CK
 * technique ids it relates to. {@code status} is CAPEC's (Draft, Stable, Usable, Deprecated,
 * Obsolete); abstraction, likelihood and typical severity are as written, {@code null} when absent.
 */
public record CapecPattern(
    String capecId,
    String name,
    String status,
    boolean revoked,
    String abstraction,
    String likelihood,
    String typicalSeverity,
    List<String> cweIds,
    List<String> attackTechniqueIds,
    String stixId) {

  public CapecPattern {
    Objects.requireNonNull(capecId, "capecId");
    Objects.requireNonNull(name, "name");
    cweIds = List.copyOf(cweIds);
    attackTechniqueIds = List.copyOf(attackTechniqueIds);
  }

  /** Not revoked, deprecated or obsolete: what CAPEC currently stands behind. */
  public boolean active() {
    return !revoked && !"Deprecated".equalsIgnoreCase(status) && !"Obsolete".equalsIgnoreCase(status);
  }
}
