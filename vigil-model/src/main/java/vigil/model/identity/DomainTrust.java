package vigil.model.identity;

import java.util.Objects;

/**
 * A trust of one domain towards another, as the trusting domain's collector reports it.
 *
 * @param direction "Inbound", "Outbound", "Bidirectional" or "Disabled"
 * @param type "ParentChild", "TreeRoot", "Shortcut", "Forest", "External", "Realm", "Unknown"
 */
public record DomainTrust(
    String domainId,
    String targetDomainId,
    String targetDomainName,
    String direction,
    String type,
    boolean transitive,
    boolean sidFiltering) {

  public DomainTrust {
    Objects.requireNonNull(domainId, "domainId");
    Objects.requireNonNull(targetDomainId, "targetDomainId");
  }
}
