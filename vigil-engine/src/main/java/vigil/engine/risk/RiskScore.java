package vigil.engine.risk;

import java.util.List;

/**
 * An exposure's risk: a score from 0 to 100, a priority class, and the factors that made them,
 * with a one-line summary a person can read.
 */
public record RiskScore(double score, Priority priority, double likelihood, double impact, List<Factor> factors,
    String summary) {
  public RiskScore {
    factors = List.copyOf(factors);
  }
}
