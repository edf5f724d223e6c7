package vigil.engine.graph;

import java.util.List;

/**
 * A path from an entry point to a crown jewel.
 *
 * @param probability the product of the steps' probabilities
 * @param cost −ln(probability): what the search minimises
 */
public record AttackPath(String entryPoint, String crownJewel, double probability, double cost, List<PathStep> steps) {

  public AttackPath {
    steps = List.copyOf(steps);
  }

  /** The ids of everything a fix could remove on this path, in path order. */
  public List<String> fixIds() {
    return steps.stream().map(PathStep::fixId).filter(java.util.Objects::nonNull).distinct().toList();
  }
}
