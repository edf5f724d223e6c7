package vigil.engine.graph;

import java.util.Objects;

/**
 * A place an attack starts.
 *
 * @param zone where the attacker has network presence (internet, VPN, partner), or {@code null}
 * @param hostId for a phished user: the workstation the user's code runs on, or {@code null}
 * @param principalId for a phished user: the directory identity the attacker gets, or {@code null}
 * @param probability how likely the attacker gets in here at all; {@code null} uses the rule's
 */
public record EntryPoint(String id, EntryKind kind, String zone, String hostId, String principalId, Double probability) {

  public EntryPoint {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(kind, "kind");
    if (probability != null && (probability <= 0 || probability > 1)) {
      throw new IllegalArgumentException("entry point " + id + ": probability must be in (0, 1], not " + probability);
    }
  }

  public static EntryPoint internet(String id, String zone) {
    return new EntryPoint(id, EntryKind.INTERNET, zone, null, null, null);
  }

  public static EntryPoint phishedUser(String id, String hostId, String principalId) {
    return new EntryPoint(id, EntryKind.PHISHED_USER, null, hostId, principalId, null);
  }
}
