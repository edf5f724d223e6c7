package vigil.intel.cvss;

import static java.math.BigDecimal.ONE;
import static java.math.BigDecimal.ZERO;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;
import java.util.Map;

/**
 * CVSS v2 base, temporal and environmental scores (CVSS v2 guide, section 3.2), in exact decimal
 * arithmetic so that halves round the way the guide's worked values do.
 */
final class CvssV2 {
  private static final VectorGrammar GRAMMAR =
      new VectorGrammar(
          "2.0",
          List.of(
              Metric.mandatory("AV", "L", "A", "N"),
              Metric.mandatory("AC", "H", "M", "L"),
              Metric.mandatory("Au", "M", "S", "N"),
              Metric.mandatory("C", "N", "P", "C"),
              Metric.mandatory("I", "N", "P", "C"),
              Metric.mandatory("A", "N", "P", "C"),
              Metric.optional("E", "ND", "U", "POC", "F", "H", "ND"),
              Metric.optional("RL", "ND", "OF", "TF", "W", "U", "ND"),
              Metric.optional("RC", "ND", "UC", "UR", "C", "ND"),
              Metric.optional("CDP", "ND", "N", "L", "LM", "MH", "H", "ND"),
              Metric.optional("TD", "ND", "N", "L", "M", "H", "ND"),
              Metric.optional("CR", "ND", "L", "M", "H", "ND"),
              Metric.optional("IR", "ND", "L", "M", "H", "ND"),
              Metric.optional("AR", "ND", "L", "M", "H", "ND")));

  private static final WeightTable WEIGHTS =
      new WeightTable(
          GRAMMAR,
          Map.ofEntries(
              Map.entry("AV", "0.395 0.646 1.0"),
              Map.entry("AC", "0.35 0.61 0.71"),
              Map.entry("Au", "0.45 0.56 0.704"),
              Map.entry("C", "0 0.275 0.660"),
              Map.entry("I", "0 0.275 0.660"),
              Map.entry("A", "0 0.275 0.660"),
              Map.entry("E", "0.85 0.9 0.95 1.0 1.0"),
              Map.entry("RL", "0.87 0.90 0.95 1.0 1.0"),
              Map.entry("RC", "0.90 0.95 1.0 1.0"),
              Map.entry("CDP", "0 0.1 0.3 0.4 0.5 0"),
              Map.entry("TD", "0 0.25 0.75 1.0 1.0"),
              Map.entry("CR", "0.5 1.0 1.51 1.0"),
              Map.entry("IR", "0.5 1.0 1.51 1.0"),
              Map.entry("AR", "0.5 1.0 1.51 1.0")));

  private static final int AV = GRAMMAR.position("AV");
  private static final int AC = GRAMMAR.position("AC");
  private static final int AU = GRAMMAR.position("Au");
  private static final int C = GRAMMAR.position("C");
  private static final int I = GRAMMAR.position("I");
  private static final int A = GRAMMAR.position("A");
  private static final int E = GRAMMAR.position("E");
  private static final int RL = GRAMMAR.position("RL");
  private static final int RC = GRAMMAR.position("RC");
  private static final int CDP = GRAMMAR.position("CDP");
  private static final int TD = GRAMMAR.position("TD");
  private static final int CR = GRAMMAR.position("CR");
  private static final int IR = GRAMMAR.position("IR");
  private static final int AR = GRAMMAR.position("AR");

  private static final BigDecimal TEN = BigDecimal.TEN;
  private static final BigDecimal IMPACT_FACTOR = new BigDecimal("10.41");
  private static final BigDecimal EXPLOITABILITY_FACTOR = new BigDecimal("20");
  private static final BigDecimal IMPACT_SHARE = new BigDecimal("0.6");
  private static final BigDecimal EXPLOITABILITY_SHARE = new BigDecimal("0.4");
  private static final BigDecimal OFFSET = new BigDecimal("1.5");
  private static final BigDecimal F_IMPACT = new BigDecimal("1.176");

  private CvssV2() {}

  /** Scores {@code body}, the metric list of {@code vector} without "CVSS2#" or parentheses. */
  static CvssScore score(String vector, String body) {
    MetricValues v = GRAMMAR.read(vector, body);
    BigDecimal base = ZERO.max(baseEquation(v, impact(v)));
    BigDecimal temporal = v.anyDefined(E, RC + 1) ? ZERO.max(temporalEquation(v, base)) : null;
    BigDecimal environmental = v.anyDefined(CDP, AR + 1) ? environmental(v) : null;
    BigDecimal overall = environmental != null ? environmental : temporal != null ? temporal : base;
    double score = overall.doubleValue();
    return new CvssScore(
        vector,
        GRAMMAR.version(),
        score,
        QualitativeRating.nvdV2(score),
        base.doubleValue(),
        temporal == null ? null : temporal.doubleValue(),
        environmental == null ? null : environmental.doubleValue());
  }

  // Impact = 10.41 × (1 − (1 − C) × (1 − I) × (1 − A))
  private static BigDecimal impact(MetricValues v) {
    BigDecimal untouched =
        ONE.subtract(w(v, C)).multiply(ONE.subtract(w(v, I))).multiply(ONE.subtract(w(v, A)));
    return IMPACT_FACTOR.multiply(ONE.subtract(untouched));
  }

  // AdjustedImpact = min(10, 10.41 × (1 − (1 − C × CR) × (1 − I × IR) × (1 − A × AR)))
  private static BigDecimal adjustedImpact(MetricValues v) {
    BigDecimal untouched =
        ONE.subtract(w(v, C).multiply(w(v, CR)))
            .multiply(ONE.subtract(w(v, I).multiply(w(v, IR))))
            .multiply(ONE.subtract(w(v, A).multiply(w(v, AR))));
    return TEN.min(IMPACT_FACTOR.multiply(ONE.subtract(untouched)));
  }

  // round1(((0.6 × Impact) + (0.4 × Exploitability) − 1.5) × f(Impact)), f = 0 if Impact = 0 else
  // 1.176
  private static BigDecimal baseEquation(MetricValues v, BigDecimal impact) {
    BigDecimal exploitability =
        EXPLOITABILITY_FACTOR.multiply(w(v, AV)).multiply(w(v, AC)).multiply(w(v, AU));
    BigDecimal f = impact.signum() == 0 ? ZERO : F_IMPACT;
    return round1(
        IMPACT_SHARE
            .multiply(impact)
            .add(EXPLOITABILITY_SHARE.multiply(exploitability))
            .subtract(OFFSET)
            .multiply(f));
  }

  private static BigDecimal temporalEquation(MetricValues v, BigDecimal base) {
    return round1(base.multiply(w(v, E)).multiply(w(v, RL)).multiply(w(v, RC)));
  }

  // round1((AdjustedTemporal + (10 − AdjustedTemporal) × CDP) × TD), where AdjustedTemporal is the
  // temporal equation applied to the base equation with AdjustedImpact (neither clamped at 0).
  private static BigDecimal environmental(MetricValues v) {
    BigDecimal adjustedTemporal = temporalEquation(v, baseEquation(v, adjustedImpact(v)));
    BigDecimal raw =
        adjustedTemporal.add(TEN.subtract(adjustedTemporal).multiply(w(v, CDP))).multiply(w(v, TD));
    return ZERO.max(round1(raw));
  }

  private static BigDecimal w(MetricValues v, int position) {
    return WEIGHTS.weight(v, position);
  }

  private static BigDecimal round1(BigDecimal value) {
    return value.setScale(1, RoundingMode.HALF_UP);
  }
}
