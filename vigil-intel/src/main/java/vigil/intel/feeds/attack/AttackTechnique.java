package vigil.intel.feeds.attack;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An ATT&amp;CK technique or sub-technique ({@code T1055}, {@code T1055.011}): name, tactics (the
 * kill-chain phase names, e.g. "privilege-escalation"), platforms, and whether MITRE has revoked
 * or deprecated it. {@code stixId} is the STIX object id that relationships refer to.
 */
public record AttackTechnique(
    String id,
    String name,
    List<String> tactics,
    List<String> platforms,
    boolean subtechnique,
    boolean revoked,
    boolean deprecated,
    String stixId,
    Instant modified) {

  public AttackTechnique {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(stixId, "stixId");
    tactics = List.copyOf(tactics);
    platforms = List.copyOf(platforms);
  }

  /** Neither revoked nor deprecated: what ATT&amp;CK currently lists. */
  public boolean active() {
    return !revoked && !deprecated;
  }

  /** The parent technique id of a sub-technique ("T1055.011" → "T1055"); the id itself otherwise. */
  public String parentId() {
    int dot = id.indexOf('.');
    return dot < 0 ? id : id.substring(0, dot);
  }
}
