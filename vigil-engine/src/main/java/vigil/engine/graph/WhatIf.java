package vigil.engine.graph;

import java.util.List;

/**
 * The attack graph after some fixes.
 *
 * @param applied the fix ids that were found and removed
 * @param unknown fix ids that name nothing in the graph's facts
 * @param crownJewelsCut crown jewels reachable before, not after
 * @param hostsCompromisedBefore hosts where an attacker could run code, before the fixes
 * @param remainingPaths the most likely path to every crown jewel still reachable (or the k most
 *     likely, when asked)
 */
public record WhatIf(
    List<String> applied,
    List<String> unknown,
    List<String> crownJewelsReachableBefore,
    List<String> crownJewelsReachableAfter,
    List<String> crownJewelsCut,
    int statesBefore,
    int statesAfter,
    int hostsCompromisedBefore,
    int hostsCompromisedAfter,
    List<AttackPath> remainingPaths) {

  public WhatIf {
    applied = List.copyOf(applied);
    unknown = List.copyOf(unknown);
    crownJewelsReachableBefore = List.copyOf(crownJewelsReachableBefore);
    crownJewelsReachableAfter = List.copyOf(crownJewelsReachableAfter);
    crownJewelsCut = List.copyOf(crownJewelsCut);
    remainingPaths = List.copyOf(remainingPaths);
  }
}
