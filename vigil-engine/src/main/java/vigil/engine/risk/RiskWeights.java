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

  /** The property names {@link #fromProperties} reads, with their defaults. */
  public static java.util.Map<String, String> keys() {
    java.util.Map<String, String> m = new java.util.LinkedHashMap<>();
    RiskWeights d = DEFAULT;
    m.put("likelihood.kev", Double.toString(d.kevLikelihood));
    m.put("likelihood.ssvc.active", Double.toString(d.activeExploitationLikelihood));
    m.put("likelihood.ssvc.poc", Double.toString(d.publicPocLikelihood));
    m.put("likelihood.automatable", Double.toString(d.automatableBoost));
    m.put("impact.criticality", java.util.Arrays.stream(d.criticalityMultipliers).mapToObj(Double::toString)
        .collect(java.util.stream.Collectors.joining(",")));
    m.put("impact.crown-jewel", Double.toString(d.crownJewelMultiplier));
    m.put("impact.ransomware", Double.toString(d.ransomwareMultiplier));
    m.put("context.internet-facing", Double.toString(d.internetFacingMultiplier));
    m.put("context.internal-only", Double.toString(d.internalOnlyMultiplier));
    m.put("context.attack-path", Double.toString(d.attackPathMultiplier));
    m.put("context.choke-point", Double.toString(d.chokePointMultiplier));
    m.put("priority.p1", Double.toString(d.p1));
    m.put("priority.p2", Double.toString(d.p2));
    m.put("priority.p3", Double.toString(d.p3));
    return m;
  }

  /**
   * Weights from properties named as in {@link #keys()}; missing keys keep their defaults.
   *
   * @throws IllegalArgumentException naming the key of an unknown property or a bad value
   */
  public static RiskWeights fromProperties(java.util.Properties p) {
    java.util.Map<String, String> v = keys();
    for (String name : p.stringPropertyNames()) {
      if (!v.containsKey(name)) {
        throw new IllegalArgumentException("unknown risk weight '" + name + "'; known: " + v.keySet());
      }
      v.put(name, p.getProperty(name).trim());
    }
    String[] crit = v.get("impact.criticality").split("\\s*,\\s*");
    double[] c = new double[crit.length];
    for (int i = 0; i < crit.length; i++) {
      c[i] = number("impact.criticality", crit[i]);
    }
    return new RiskWeights(number(v, "likelihood.kev"), number(v, "likelihood.ssvc.active"),
        number(v, "likelihood.ssvc.poc"), number(v, "likelihood.automatable"), c, number(v, "impact.crown-jewel"),
        number(v, "impact.ransomware"), number(v, "context.internet-facing"), number(v, "context.internal-only"),
        number(v, "context.attack-path"), number(v, "context.choke-point"), number(v, "priority.p1"),
        number(v, "priority.p2"), number(v, "priority.p3"));
  }

  private static double number(java.util.Map<String, String> v, String key) {
    return number(key, v.get(key));
  }

  private static double number(String key, String text) {
    try {
      double d = Double.parseDouble(text);
      if (d < 0 || Double.isNaN(d) || Double.isInfinite(d)) {
        throw new NumberFormatException();
      }
      return d;
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("risk weight '" + key + "': '" + text + "' is not a non-negative number");
    }
  }

  @Override
  public double[] criticalityMultipliers() {
    return criticalityMultipliers.clone();
  }
}
