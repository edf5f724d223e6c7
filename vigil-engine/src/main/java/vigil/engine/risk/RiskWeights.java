package vigil.engine.risk;

/**
 * The tunable numbers of the risk model. Defaults and their rationale: docs/adr/006-risk-model.md.
 *
 * @param kevLikelihood likelihood of a CVE in CISA KEV: exploited in the wild is near certain
 * @param activeExploitationLikelihood SSVC exploitation "active" (same evidence class as KEV)
 * @param publicPocLikelihood SSVC exploitation "public poc"
 * @param automatableBoost likelihood multiplier when SSVC says the exploit is automatable
 * @param criticalityMultipliers impact multipliers for asset criticality 1..5 (index 0..4)
 * @param crownJewelMultiplier impact multiplier for crown-jewel assets
 * @param ransomwareMultiplier impact multiplier when KEV records known ransomware use
 * @param internetFacingMultiplier context multiplier for an internet-facing asset
 * @param internalOnlyMultiplier context multiplier for an asset known not to be internet-facing
 * @param attackPathMultiplier context multiplier for an exposure on a path to a crown jewel
 * @param chokePointMultiplier context multiplier for a choke point (replaces the path multiplier)
 * @param p1 lowest score of P1; {@code p2}, {@code p3} likewise
 */
public record RiskWeights(
    double kevLikelihood,
    double activeExploitationLikelihood,
    double publicPocLikelihood,
    double automatableBoost,
    double[] criticalityMultipliers,
    double crownJewelMultiplier,
    double ransomwareMultiplier,
    double internetFacingMultiplier,
    double internalOnlyMultiplier,
    double attackPathMultiplier,
    double chokePointMultiplier,
    double p1,
    double p2,
    double p3) {

  public static final RiskWeights DEFAULT = new RiskWeights(0.95, 0.95, 0.6, 1.1,
      new double[] {0.6, 0.8, 1.0, 1.2, 1.4}, 1.25, 1.15, 1.3, 0.8, 1.2, 1.35, 60, 30, 5);

  public RiskWeights {
    if (criticalityMultipliers.length != 5) {
      throw new IllegalArgumentException("criticalityMultipliers needs 5 values (criticality 1..5)");
    }
    criticalityMultipliers = criticalityMultipliers.clone();
    if (!(p1 > p2 && p2 > p3 && p3 > 0)) {
      throw new IllegalArgumentException("priority thresholds must satisfy p1 > p2 > p3 > 0");
    }
  }

  @Override
  public double[] criticalityMultipliers() {
    return criticalityMultipliers.clone();
  }
}
