package vigil.intel.cvss;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.List;

/**
 * CVSS v4.0 scores by the MacroVector method of the FIRST / Red Hat reference calculator: the
 * vector's EQ1..EQ6 levels pick a MacroVector and its score from the table; the score is then
 * lowered in proportion to how far the vector lies, in each EQ, from that level's most severe ("max
 * composed") vectors, relative to the score of the next lower MacroVector.
 *
 * <p>Arithmetic follows the reference (the {@code cvss} Python library, which FIRST's calculator
 * mirrors) step by step in binary floating point, so that scores agree to the last rounding.
 */
final class CvssV4 {
  private static final VectorGrammar GRAMMAR =
      new VectorGrammar(
          "4.0",
          List.of(
              Metric.mandatory("AV", "N", "A", "L", "P"),
              Metric.mandatory("AC", "L", "H"),
              Metric.mandatory("AT", "N", "P"),
              Metric.mandatory("PR", "N", "L", "H"),
              Metric.mandatory("UI", "N", "P", "A"),
              Metric.mandatory("VC", "H", "L", "N"),
              Metric.mandatory("VI", "H", "L", "N"),
              Metric.mandatory("VA", "H", "L", "N"),
              Metric.mandatory("SC", "H", "L", "N"),
              Metric.mandatory("SI", "H", "L", "N"),
              Metric.mandatory("SA", "H", "L", "N"),
              Metric.optional("E", "X", "X", "A", "P", "U"),
              Metric.optional("CR", "X", "X", "H", "M", "L"),
              Metric.optional("IR", "X", "X", "H", "M", "L"),
              Metric.optional("AR", "X", "X", "H", "M", "L"),
              Metric.optional("MAV", "X", "X", "N", "A", "L", "P"),
              Metric.optional("MAC", "X", "X", "L", "H"),
              Metric.optional("MAT", "X", "X", "N", "P"),
              Metric.optional("MPR", "X", "X", "N", "L", "H"),
              Metric.optional("MUI", "X", "X", "N", "P", "A"),
              Metric.optional("MVC", "X", "X", "H", "L", "N"),
              Metric.optional("MVI", "X", "X", "H", "L", "N"),
              Metric.optional("MVA", "X", "X", "H", "L", "N"),
              Metric.optional("MSC", "X", "X", "H", "L", "N"),
              Metric.optional("MSI", "X", "X", "S", "H", "L", "N"),
              Metric.optional("MSA", "X", "X", "S", "H", "L", "N"),
              // Supplemental metrics describe the vulnerability; they never change the score.
              Metric.optional("S", "X", "X", "N", "P"),
              Metric.optional("AU", "X", "X", "N", "Y"),
              Metric.optional("R", "X", "X", "A", "U", "I"),
              Metric.optional("V", "X", "X", "D", "C"),
              Metric.optional("RE", "X", "X", "L", "M", "H"),
              Metric.optional("U", "X", "X", "Clear", "Green", "Amber", "Red")));

  private static final int AV = GRAMMAR.position("AV");
  private static final int AC = GRAMMAR.position("AC");
  private static final int AT = GRAMMAR.position("AT");
  private static final int PR = GRAMMAR.position("PR");
  private static final int UI = GRAMMAR.position("UI");
  private static final int VC = GRAMMAR.position("VC");
  private static final int VI = GRAMMAR.position("VI");
  private static final int VA = GRAMMAR.position("VA");
  private static final int SC = GRAMMAR.position("SC");
  private static final int SI = GRAMMAR.position("SI");
  private static final int SA = GRAMMAR.position("SA");
  private static final int E = GRAMMAR.position("E");
  private static final int CR = GRAMMAR.position("CR");
  private static final int IR = GRAMMAR.position("IR");
  private static final int AR = GRAMMAR.position("AR");

  /** For each base metric position, the position of its modified metric (M + name); -1 if none. */
  private static final int[] MODIFIED = modifiedPositions();

  private static final double STEP = 0.1;
  private static final double ROUNDING_EPSILON = 1e-6;

  private CvssV4() {}

  /** Scores {@code body}, the metric list of {@code vector} after its "CVSS:4.0/" prefix. */
  static CvssScore score(String vector, String body) {
    double score = score(new Effective(GRAMMAR.read(vector, body)));
    return new CvssScore(
        vector, GRAMMAR.version(), score, QualitativeRating.of(score), null, null, null);
  }

  private static double score(Effective m) {
    if (m.is(VC, "N")
        && m.is(VI, "N")
        && m.is(VA, "N")
        && m.is(SC, "N")
        && m.is(SI, "N")
        && m.is(SA, "N")) {
      return 0.0;
    }
    MacroVectorTables tables = MacroVectorTables.get();
    int eq1 = eq1(m);
    int eq2 = m.is(AC, "L") && m.is(AT, "N") ? 0 : 1;
    int eq3 = eq3(m);
    int eq4 = eq4(m);
    int eq5 = m.is(E, "A") ? 0 : m.is(E, "P") ? 1 : 2;
    int eq6 =
        (m.is(CR, "H") && m.is(VC, "H"))
                || (m.is(IR, "H") && m.is(VI, "H"))
                || (m.is(AR, "H") && m.is(VA, "H"))
            ? 0
            : 1;
    double value = tables.score(eq1, eq2, eq3, eq4, eq5, eq6);
    if (Double.isNaN(value)) {
      throw new IllegalStateException(
          String.format(
              "no MacroVector %d%d%d%d%d%d in %s",
              eq1, eq2, eq3, eq4, eq5, eq6, MacroVectorTables.RESOURCE));
    }

    // Scores of the next lower MacroVector in each EQ; NaN where there is none.
    double lower1 = tables.score(eq1 + 1, eq2, eq3, eq4, eq5, eq6);
    double lower2 = tables.score(eq1, eq2 + 1, eq3, eq4, eq5, eq6);
    double lower36 = lowerEq3Eq6(tables, eq1, eq2, eq3, eq4, eq5, eq6);
    double lower4 = tables.score(eq1, eq2, eq3, eq4 + 1, eq5, eq6);
    double lower5 = tables.score(eq1, eq2, eq3, eq4, eq5 + 1, eq6);

    Distances d = distances(tables, m, eq1, eq2, eq3, eq4, eq6);

    int existingLower = 0;
    double normalized1 = 0;
    double normalized2 = 0;
    double normalized36 = 0;
    double normalized4 = 0;
    double normalized5 = 0;
    double available1 = value - lower1;
    double available2 = value - lower2;
    double available36 = value - lower36;
    double available4 = value - lower4;
    double available5 = value - lower5;
    // NaN >= 0 is false: an EQ without a lower MacroVector takes no part, as in the reference.
    if (available1 >= 0) {
      existingLower++;
      normalized1 = available1 * (d.eq1 / (tables.eq1Distance(eq1) * STEP));
    }
    if (available2 >= 0) {
      existingLower++;
      normalized2 = available2 * (d.eq2 / (tables.eq2Distance(eq2) * STEP));
    }
    if (available36 >= 0) {
      existingLower++;
      normalized36 = available36 * (d.eq3eq6 / (tables.eq3eq6Distance(eq3, eq6) * STEP));
    }
    if (available4 >= 0) {
      existingLower++;
      normalized4 = available4 * (d.eq4 / (tables.eq4Distance(eq4) * STEP));
    }
    if (available5 >= 0) {
      // EQ5 (exploit maturity) has a single value per level: its distance within the level is 0.
      existingLower++;
      normalized5 = available5 * 0;
    }
    double meanDistance =
        existingLower == 0
            ? 0
            : (normalized1 + normalized2 + normalized36 + normalized4 + normalized5)
                / existingLower;
    value -= meanDistance;
    value = Math.min(10.0, Math.max(0.0, value));
    // Half up, after adding the reference's epsilon (1e-6) so that a value that should be x.x5 but
    // came out of the floating-point steps as x.x4999... still rounds up (e.g. 4.949999999999999
    // rounds to 5.0), exactly as the reference's final_rounding does.
    return new BigDecimal(value + ROUNDING_EPSILON).setScale(1, RoundingMode.HALF_UP).doubleValue();
  }

  private static int eq1(Effective m) {
    boolean avN = m.is(AV, "N");
    boolean prN = m.is(PR, "N");
    boolean uiN = m.is(UI, "N");
    if (avN && prN && uiN) {
      return 0;
    }
    return (avN || prN || uiN) && !m.is(AV, "P") ? 1 : 2;
  }

  private static int eq3(Effective m) {
    if (m.is(VC, "H") && m.is(VI, "H")) {
      return 0;
    }
    return m.is(VC, "H") || m.is(VI, "H") || m.is(VA, "H") ? 1 : 2;
  }

  private static int eq4(Effective m) {
    if (m.is(SI, "S") || m.is(SA, "S")) {
      return 0;
    }
    return m.is(SC, "H") || m.is(SI, "H") || m.is(SA, "H") ? 1 : 2;
  }

  /**
   * EQ3 and EQ6 move together: the next lower MacroVector of the pair, as the reference picks it.
   */
  private static double lowerEq3Eq6(
      MacroVectorTables tables, int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) {
    if (eq3 == 0 && eq6 == 0) {
      double left = tables.score(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
      double right = tables.score(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
      return right > left ? right : left; // Python's max(left, right), NaN included
    }
    if (eq3 == 1 && eq6 == 0) {
      return tables.score(eq1, eq2, eq3, eq4, eq5, eq6 + 1);
    }
    if (eq6 == 1 && eq3 < 2) {
      return tables.score(eq1, eq2, eq3 + 1, eq4, eq5, eq6);
    }
    return tables.score(eq1, eq2, eq3 + 1, eq4, eq5, eq6 + 1); // eq3 = 2: none lower
  }

  private static int[] modifiedPositions() {
    int[] out = new int[GRAMMAR.size()];
    for (int base = 0; base < out.length; base++) {
      String name = "M" + GRAMMAR.metric(base).name();
      out[base] = GRAMMAR.metric(base).mandatory() ? GRAMMAR.position(name) : -1;
    }
    return out;
  }

  /** The per-EQ severity distances of the vector from its level's max-composed vectors. */
  private record Distances(double eq1, double eq2, double eq3eq6, double eq4) {}

  /**
   * Finds the first max-composed combination (in the reference's order) that the vector does not
   * exceed in any metric, and sums per EQ how far below it the vector lies. If every combination is
   * exceeded somewhere, the reference keeps the last one tried; so does this.
   */
  private static Distances distances(
      MacroVectorTables tables, Effective m, int eq1, int eq2, int eq3, int eq4, int eq6) {
    double[] current1 = m.levels(tables, MacroVectorTables.EQ1_METRICS);
    double[] current2 = m.levels(tables, MacroVectorTables.EQ2_METRICS);
    double[] current36 = m.levels(tables, MacroVectorTables.EQ3_EQ6_METRICS);
    double[] current4 = m.levels(tables, MacroVectorTables.EQ4_METRICS);
    double[] d1 = new double[current1.length];
    double[] d2 = new double[current2.length];
    double[] d36 = new double[current36.length];
    double[] d4 = new double[current4.length];
    search:
    for (double[] max1 : tables.eq1Max(eq1)) {
      for (double[] max2 : tables.eq2Max(eq2)) {
        for (double[] max36 : tables.eq3eq6Max(eq3, eq6)) {
          for (double[] max4 : tables.eq4Max(eq4)) {
            boolean exceeds = subtract(current1, max1, d1);
            exceeds |= subtract(current2, max2, d2);
            exceeds |= subtract(current36, max36, d36);
            exceeds |= subtract(current4, max4, d4);
            if (!exceeds) {
              break search;
            }
          }
        }
      }
    }
    return new Distances(sum(d1), sum(d2), sum(d36), sum(d4));
  }

  /**
   * out = current − max; whether any is negative, i.e. the vector is more severe than max there.
   */
  private static boolean subtract(double[] current, double[] max, double[] out) {
    boolean negative = false;
    for (int i = 0; i < current.length; i++) {
      out[i] = current[i] - max[i];
      negative |= out[i] < 0;
    }
    return negative;
  }

  /** Left to right, as the reference adds, so that the floating-point result is the same. */
  private static double sum(double[] values) {
    double sum = values[0];
    for (int i = 1; i < values.length; i++) {
      sum += values[i];
    }
    return sum;
  }

  /**
   * The values that score, by grammar position (AV..SA, E, CR, IR, AR come first in the grammar): a
   * modified metric replaces its base metric; E, CR, IR and AR default to their most severe value
   * (A, H, H, H) when not defined.
   */
  private static final class Effective {
    private final String[] values = new String[AR + 1];

    Effective(MetricValues v) {
      for (int base = AV; base <= SA; base++) {
        values[base] = v.defined(MODIFIED[base]) ? v.value(MODIFIED[base]) : v.value(base);
      }
      values[E] = v.defined(E) ? v.value(E) : "A";
      values[CR] = v.defined(CR) ? v.value(CR) : "H";
      values[IR] = v.defined(IR) ? v.value(IR) : "H";
      values[AR] = v.defined(AR) ? v.value(AR) : "H";
    }

    boolean is(int position, String value) {
      return values[position].equals(value);
    }

    double[] levels(MacroVectorTables tables, List<String> metrics) {
      double[] out = new double[metrics.size()];
      for (int i = 0; i < out.length; i++) {
        out[i] = tables.level(metrics.get(i), values[GRAMMAR.position(metrics.get(i))]);
      }
      return out;
    }
  }
}
