package vigil.intel.cvss;

import static java.math.BigDecimal.ONE;
import static java.math.BigDecimal.ZERO;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * CVSS v3.0 and v3.1 base, temporal and environmental scores (specification section 7), in exact
 * decimal arithmetic. The two versions differ in the Roundup function and in the modified impact of
 * a changed scope; everything else is shared.
 */
enum CvssV3 {
  V3_0("3.0") {
    /** v3.0: the smallest one-decimal number at or above the input, taken literally. */
    @Override
    BigDecimal roundUp(BigDecimal value) {
      return value.setScale(1, RoundingMode.CEILING);
    }

    /** 7.52 × (MISS − 0.029) − 3.25 × (MISS − 0.02)^15 */
    @Override
    BigDecimal changedScopeModifiedImpact(BigDecimal miss) {
      return changedScopeImpact(miss);
    }
  },

  V3_1("3.1") {
    /**
     * v3.1 Appendix A: round to five decimals first, so that a result a hair above a tenth (which
     * in floating point is usually an artefact) does not round up a whole tenth.
     */
    @Override
    BigDecimal roundUp(BigDecimal value) {
      return value.setScale(5, RoundingMode.HALF_UP).setScale(1, RoundingMode.CEILING);
    }

    /** 7.52 × (MISS − 0.029) − 3.25 × (MISS × 0.9731 − 0.02)^13 */
    @Override
    BigDecimal changedScopeModifiedImpact(BigDecimal miss) {
      return CHANGED_IMPACT_FACTOR
          .multiply(miss.subtract(CHANGED_IMPACT_SHIFT))
          .subtract(
              CHANGED_IMPACT_PENALTY.multiply(
                  miss.multiply(V31_MISS_FACTOR).subtract(CHANGED_IMPACT_PENALTY_SHIFT).pow(13)));
    }
  };

  // Modified metrics list X first, then the base metric's values in the same order, so that a
  // modified value index minus one is the base value index.
  private static final List<Metric> METRICS =
      List.of(
          Metric.mandatory("AV", "N", "A", "L", "P"),
          Metric.mandatory("AC", "L", "H"),
          Metric.mandatory("PR", "N", "L", "H"),
          Metric.mandatory("UI", "N", "R"),
          Metric.mandatory("S", "U", "C"),
          Metric.mandatory("C", "H", "L", "N"),
          Metric.mandatory("I", "H", "L", "N"),
          Metric.mandatory("A", "H", "L", "N"),
          Metric.optional("E", "X", "X", "H", "F", "P", "U"),
          Metric.optional("RL", "X", "X", "U", "W", "T", "O"),
          Metric.optional("RC", "X", "X", "C", "R", "U"),
          Metric.optional("CR", "X", "X", "H", "M", "L"),
          Metric.optional("IR", "X", "X", "H", "M", "L"),
          Metric.optional("AR", "X", "X", "H", "M", "L"),
          Metric.optional("MAV", "X", "X", "N", "A", "L", "P"),
          Metric.optional("MAC", "X", "X", "L", "H"),
          Metric.optional("MPR", "X", "X", "N", "L", "H"),
          Metric.optional("MUI", "X", "X", "N", "R"),
          Metric.optional("MS", "X", "X", "U", "C"),
          Metric.optional("MC", "X", "X", "H", "L", "N"),
          Metric.optional("MI", "X", "X", "H", "L", "N"),
          Metric.optional("MA", "X", "X", "H", "L", "N"));

  // Enum constants are built before the static fields they could use: the grammars follow here.
  private static final VectorGrammar[] GRAMMARS =
      Arrays.stream(values())
          .map(c -> new VectorGrammar(c.version, METRICS))
          .toArray(VectorGrammar[]::new);

  // Both versions share the metric list: positions and weights are read off either grammar.
  private static final VectorGrammar SHAPE = GRAMMARS[0];
  private static final int AV = SHAPE.position("AV");
  private static final int AC = SHAPE.position("AC");
  private static final int PR = SHAPE.position("PR");
  private static final int UI = SHAPE.position("UI");
  private static final int S = SHAPE.position("S");
  private static final int C = SHAPE.position("C");
  private static final int I = SHAPE.position("I");
  private static final int A = SHAPE.position("A");
  private static final int E = SHAPE.position("E");
  private static final int RL = SHAPE.position("RL");
  private static final int RC = SHAPE.position("RC");
  private static final int CR = SHAPE.position("CR");
  private static final int IR = SHAPE.position("IR");
  private static final int AR = SHAPE.position("AR");
  private static final int MAV = SHAPE.position("MAV");
  private static final int MAC = SHAPE.position("MAC");
  private static final int MPR = SHAPE.position("MPR");
  private static final int MUI = SHAPE.position("MUI");
  private static final int MS = SHAPE.position("MS");
  private static final int MC = SHAPE.position("MC");
  private static final int MI = SHAPE.position("MI");
  private static final int MA = SHAPE.position("MA");

  private static final int SCOPE_CHANGED = 1; // index of C in S's values
  private static final int NOT_DEFINED = 0; // index of X in every optional metric's values

  private static final WeightTable WEIGHTS =
      new WeightTable(
          SHAPE,
          Map.ofEntries(
              Map.entry("AV", "0.85 0.62 0.55 0.2"),
              Map.entry("AC", "0.77 0.44"),
              Map.entry("PR", "0.85 0.62 0.27"),
              Map.entry("UI", "0.85 0.62"),
              Map.entry("C", "0.56 0.22 0"),
              Map.entry("I", "0.56 0.22 0"),
              Map.entry("A", "0.56 0.22 0"),
              Map.entry("E", "1 1 0.97 0.94 0.91"),
              Map.entry("RL", "1 1 0.97 0.96 0.95"),
              Map.entry("RC", "1 1 0.96 0.92"),
              Map.entry("CR", "1 1.5 1 0.5"),
              Map.entry("IR", "1 1.5 1 0.5"),
              Map.entry("AR", "1 1.5 1 0.5")));

  /** Privileges Required when the (modified) scope is changed: N, L, H. */
  private static final BigDecimal[] PR_SCOPE_CHANGED = {
    new BigDecimal("0.85"), new BigDecimal("0.68"), new BigDecimal("0.5")
  };

  private static final BigDecimal TEN = BigDecimal.TEN;
  private static final BigDecimal CHANGED_IMPACT_FACTOR = new BigDecimal("7.52");
  private static final BigDecimal CHANGED_IMPACT_SHIFT = new BigDecimal("0.029");
  private static final BigDecimal CHANGED_IMPACT_PENALTY = new BigDecimal("3.25");
  private static final BigDecimal CHANGED_IMPACT_PENALTY_SHIFT = new BigDecimal("0.02");
  private static final BigDecimal V31_MISS_FACTOR = new BigDecimal("0.9731");
  private static final BigDecimal UNCHANGED_IMPACT_FACTOR = new BigDecimal("6.42");
  private static final BigDecimal EXPLOITABILITY_FACTOR = new BigDecimal("8.22");
  private static final BigDecimal CHANGED_SCOPE_FACTOR = new BigDecimal("1.08");
  private static final BigDecimal MAX_MISS = new BigDecimal("0.915");

  private final String version;

  CvssV3(String version) {
    this.version = version;
  }

  abstract BigDecimal roundUp(BigDecimal value);

  abstract BigDecimal changedScopeModifiedImpact(BigDecimal miss);

  /** Scores {@code body}, the metric list of {@code vector} after its "CVSS:3.x/" prefix. */
  CvssScore score(String vector, String body) {
    MetricValues v = GRAMMARS[ordinal()].read(vector, body);
    BigDecimal threat = w(v, E).multiply(w(v, RL)).multiply(w(v, RC));
    BigDecimal base = base(v);
    BigDecimal temporal = roundUp(base.multiply(threat));
    BigDecimal environmental = environmental(v, threat);
    BigDecimal overall =
        v.anyDefined(CR, MA + 1) ? environmental : v.anyDefined(E, RC + 1) ? temporal : base;
    double score = overall.doubleValue();
    return new CvssScore(
        vector,
        version,
        score,
        QualitativeRating.of(score),
        base.doubleValue(),
        temporal.doubleValue(),
        environmental.doubleValue());
  }

  private BigDecimal base(MetricValues v) {
    boolean changed = v.index(S) == SCOPE_CHANGED;
    BigDecimal iss =
        ONE.subtract(
            ONE.subtract(w(v, C)).multiply(ONE.subtract(w(v, I))).multiply(ONE.subtract(w(v, A))));
    BigDecimal impact = changed ? changedScopeImpact(iss) : UNCHANGED_IMPACT_FACTOR.multiply(iss);
    if (impact.signum() <= 0) {
      return ZERO.setScale(1);
    }
    BigDecimal exploitability =
        exploitability(v.index(AV), v.index(AC), privileges(v.index(PR), changed), v.index(UI));
    return roundUp(scoped(impact.add(exploitability), changed));
  }

  private BigDecimal environmental(MetricValues v, BigDecimal threat) {
    boolean changed = modified(v, MS, S) == SCOPE_CHANGED;
    BigDecimal miss =
        ONE.subtract(
                ONE.subtract(w(v, CR).multiply(WEIGHTS.weight(C, modified(v, MC, C))))
                    .multiply(
                        ONE.subtract(w(v, IR).multiply(WEIGHTS.weight(I, modified(v, MI, I)))))
                    .multiply(
                        ONE.subtract(w(v, AR).multiply(WEIGHTS.weight(A, modified(v, MA, A))))))
            .min(MAX_MISS);
    BigDecimal impact =
        changed ? changedScopeModifiedImpact(miss) : UNCHANGED_IMPACT_FACTOR.multiply(miss);
    if (impact.signum() <= 0) {
      return ZERO.setScale(1);
    }
    BigDecimal exploitability =
        exploitability(
            modified(v, MAV, AV),
            modified(v, MAC, AC),
            privileges(modified(v, MPR, PR), changed),
            modified(v, MUI, UI));
    return roundUp(roundUp(scoped(impact.add(exploitability), changed)).multiply(threat));
  }

  /** 8.22 × AV × AC × PR × UI, from value indices. */
  private static BigDecimal exploitability(int av, int ac, BigDecimal pr, int ui) {
    return EXPLOITABILITY_FACTOR
        .multiply(WEIGHTS.weight(AV, av))
        .multiply(WEIGHTS.weight(AC, ac))
        .multiply(pr)
        .multiply(WEIGHTS.weight(UI, ui));
  }

  private static BigDecimal privileges(int index, boolean scopeChanged) {
    return scopeChanged ? PR_SCOPE_CHANGED[index] : WEIGHTS.weight(PR, index);
  }

  /** min(sum, 10) for an unchanged scope, min(1.08 × sum, 10) for a changed one. */
  private static BigDecimal scoped(BigDecimal sum, boolean scopeChanged) {
    return (scopeChanged ? CHANGED_SCOPE_FACTOR.multiply(sum) : sum).min(TEN);
  }

  /** 7.52 × (ISS − 0.029) − 3.25 × (ISS − 0.02)^15 */
  private static BigDecimal changedScopeImpact(BigDecimal iss) {
    return CHANGED_IMPACT_FACTOR
        .multiply(iss.subtract(CHANGED_IMPACT_SHIFT))
        .subtract(
            CHANGED_IMPACT_PENALTY.multiply(iss.subtract(CHANGED_IMPACT_PENALTY_SHIFT).pow(15)));
  }

  /** The value index of a base metric as its modified metric overrides it. */
  private static int modified(MetricValues v, int modifiedPosition, int basePosition) {
    int index = v.index(modifiedPosition);
    return index == NOT_DEFINED ? v.index(basePosition) : index - 1;
  }

  private static BigDecimal w(MetricValues v, int position) {
    return WEIGHTS.weight(v, position);
  }
}
