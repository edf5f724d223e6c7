package vigil.engine.graph;

import java.util.List;

/**
 * Everything derivable from one state alone.
 *
 * @param states how many states follow (the source included)
 * @param hostsWithCode hosts where the attacker runs code (as user or admin)
 * @param hostsWithAdmin hosts where the attacker is admin
 * @param identities directory principals the attacker acts as
 * @param crownJewels the crown jewels reached
 * @param reached up to the requested number of the states reached, hosts and identities first
 * @param truncated whether {@code reached} was cut to the limit
 */
public record BlastRadius(
    StateRef from,
    int states,
    int hostsWithCode,
    int hostsWithAdmin,
    int identities,
    List<String> crownJewels,
    List<StateRef> reached,
    boolean truncated) {

  public BlastRadius {
    crownJewels = List.copyOf(crownJewels);
    reached = List.copyOf(reached);
  }
}
