package vigil.engine.graph;

import java.util.List;
import java.util.Map;

/**
 * The size of a built graph.
 *
 * @param states attacker states (OR nodes)
 * @param ruleInstances rule instances (AND nodes)
 * @param edges precondition edges plus one conclusion edge per rule instance
 * @param statesDerived states reachable from the entry points
 * @param statesByKind states by predicate
 * @param warnings facts used with an assumption (an invalid CVSS vector replaced by its kind's default)
 */
public record GraphStats(
    int hosts,
    int services,
    int exposures,
    int principals,
    int identityEdges,
    int states,
    int ruleInstances,
    long edges,
    int statesDerived,
    int entryPoints,
    int crownJewels,
    int crownJewelsReachable,
    Map<String, Integer> statesByKind,
    List<String> warnings) {

  public GraphStats {
    statesByKind = Map.copyOf(statesByKind);
    warnings = List.copyOf(warnings);
  }
}
