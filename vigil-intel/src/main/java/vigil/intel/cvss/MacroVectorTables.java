package vigil.intel.cvss;

import java.io.IOException;
import java.io.InputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The CVSS v4.0 scoring tables of the FIRST / Red Hat reference calculator, read once from {@value
 * #RESOURCE}: the score of each of the 270 MacroVectors, the highest-severity metric combinations
 * of each EQ level ("max composed"), the largest severity distance within each level, and each
 * metric value's severity level.
 */
final class MacroVectorTables {
  static final String RESOURCE = "cvss40-macrovector-tables.json";
  static final int MACROVECTORS = 270;

  /**
   * The metrics whose severity levels are compared within each EQ, in the reference's summing
   * order.
   */
  static final List<String> EQ1_METRICS = List.of("AV", "PR", "UI");

  static final List<String> EQ2_METRICS = List.of("AC", "AT");
  static final List<String> EQ3_EQ6_METRICS = List.of("VC", "VI", "VA", "CR", "IR", "AR");
  static final List<String> EQ4_METRICS = List.of("SC", "SI", "SA");

  // EQ1 ∈ 0..2, EQ2 ∈ 0..1, EQ3 ∈ 0..2, EQ4 ∈ 0..2, EQ5 ∈ 0..2, EQ6 ∈ 0..1
  private static final int[] EQ_SIZES = {3, 2, 3, 3, 3, 2};

  private static final class Holder {
    static final MacroVectorTables TABLES = load();
  }

  private final double[] lookup;
  private final Map<String, Map<String, Double>> levels;
  private final double[][][] eq1Max;
  private final double[][][] eq2Max;
  private final double[][][][] eq3eq6Max;
  private final double[][][] eq4Max;
  private final int[] eq1Distance;
  private final int[] eq2Distance;
  private final int[][] eq3eq6Distance;
  private final int[] eq4Distance;

  private MacroVectorTables(JsonNode root) {
    levels = readLevels(field(root, "metric_levels"));
    lookup = readLookup(field(root, "lookup"));
    JsonNode composed = field(root, "max_composed");
    eq1Max = readComposed(field(composed, "eq1"), EQ_SIZES[0], EQ1_METRICS);
    eq2Max = readComposed(field(composed, "eq2"), EQ_SIZES[1], EQ2_METRICS);
    JsonNode eq3 = field(composed, "eq3");
    eq3eq6Max = new double[EQ_SIZES[2]][][][];
    for (int level = 0; level < EQ_SIZES[2]; level++) {
      JsonNode byEq6 = eq3.get(Integer.toString(level));
      eq3eq6Max[level] =
          byEq6 == null
              ? new double[EQ_SIZES[5]][][]
              : readComposed(byEq6, EQ_SIZES[5], EQ3_EQ6_METRICS);
    }
    eq4Max = readComposed(field(composed, "eq4"), EQ_SIZES[3], EQ4_METRICS);
    JsonNode severity = field(root, "max_severity");
    eq1Distance = readInts(field(severity, "eq1"), EQ_SIZES[0]);
    eq2Distance = readInts(field(severity, "eq2"), EQ_SIZES[1]);
    JsonNode eq3eq6 = field(severity, "eq3eq6");
    eq3eq6Distance = new int[EQ_SIZES[2]][];
    for (int level = 0; level < EQ_SIZES[2]; level++) {
      JsonNode byEq6 = eq3eq6.get(Integer.toString(level));
      eq3eq6Distance[level] = byEq6 == null ? new int[EQ_SIZES[5]] : readInts(byEq6, EQ_SIZES[5]);
    }
    eq4Distance = readInts(field(severity, "eq4"), EQ_SIZES[3]);
  }

  static MacroVectorTables get() {
    return Holder.TABLES;
  }

  /**
   * The score of a MacroVector, or NaN if there is no such MacroVector (e.g. a level past the
   * last).
   */
  double score(int eq1, int eq2, int eq3, int eq4, int eq5, int eq6) {
    int[] eqs = {eq1, eq2, eq3, eq4, eq5, eq6};
    int index = 0;
    for (int i = 0; i < eqs.length; i++) {
      if (eqs[i] < 0 || eqs[i] >= EQ_SIZES[i]) {
        return Double.NaN;
      }
      index = index * EQ_SIZES[i] + eqs[i];
    }
    return lookup[index];
  }

  /**
   * The severity level of a metric value (0.0 is the most severe), as {@code metric_levels} gives
   * it.
   */
  double level(String metric, String value) {
    Double level = levels.getOrDefault(metric, Map.of()).get(value);
    if (level == null) {
      throw new IllegalStateException(RESOURCE + ": metric_levels has no " + metric + ":" + value);
    }
    return level;
  }

  /**
   * Severity levels of the max-composed combinations of an EQ1 level, each in {@link #EQ1_METRICS}
   * order.
   */
  double[][] eq1Max(int eq1) {
    return eq1Max[eq1];
  }

  double[][] eq2Max(int eq2) {
    return eq2Max[eq2];
  }

  double[][] eq3eq6Max(int eq3, int eq6) {
    return eq3eq6Max[eq3][eq6];
  }

  double[][] eq4Max(int eq4) {
    return eq4Max[eq4];
  }

  /** The largest severity distance within an EQ1 level, in steps of 0.1 ({@code max_severity}). */
  int eq1Distance(int eq1) {
    return eq1Distance[eq1];
  }

  int eq2Distance(int eq2) {
    return eq2Distance[eq2];
  }

  int eq3eq6Distance(int eq3, int eq6) {
    return eq3eq6Distance[eq3][eq6];
  }

  int eq4Distance(int eq4) {
    return eq4Distance[eq4];
  }

  private static MacroVectorTables load() {
    try (InputStream in = MacroVectorTables.class.getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException("CVSS v4.0 tables missing from the classpath: " + RESOURCE);
      }
      return new MacroVectorTables(JsonMapper.builder().build().readTree(in));
    } catch (IOException | JacksonException e) {
      throw new IllegalStateException(
          "cannot read CVSS v4.0 tables " + RESOURCE + ": " + e.getMessage(), e);
    }
  }

  private static double[] readLookup(JsonNode node) {
    int size = 1;
    for (int eqSize : EQ_SIZES) {
      size *= eqSize;
    }
    double[] table = new double[size];
    Arrays.fill(table, Double.NaN);
    int count = 0;
    for (Map.Entry<String, JsonNode> entry : node.properties()) {
      String macroVector = entry.getKey();
      int index = 0;
      for (int i = 0; i < EQ_SIZES.length; i++) {
        int digit = macroVector.length() == EQ_SIZES.length ? macroVector.charAt(i) - '0' : -1;
        if (digit < 0 || digit >= EQ_SIZES[i]) {
          throw new IllegalStateException(
              RESOURCE + ": lookup key '" + macroVector + "' is not a MacroVector");
        }
        index = index * EQ_SIZES[i] + digit;
      }
      table[index] = entry.getValue().asDouble();
      count++;
    }
    if (count != MACROVECTORS) {
      throw new IllegalStateException(
          RESOURCE + ": lookup has " + count + " MacroVectors, expected " + MACROVECTORS);
    }
    return table;
  }

  private static Map<String, Map<String, Double>> readLevels(JsonNode node) {
    Map<String, Map<String, Double>> out = new HashMap<>();
    for (Map.Entry<String, JsonNode> metric : node.properties()) {
      Map<String, Double> values = new HashMap<>();
      for (Map.Entry<String, JsonNode> value : metric.getValue().properties()) {
        values.put(value.getKey(), value.getValue().asDouble());
      }
      out.put(metric.getKey(), Map.copyOf(values));
    }
    return Map.copyOf(out);
  }

  /** Reads {"0": ["AV:N/PR:N/UI:N/", ...], ...} into [level][combination][metric level]. */
  private double[][][] readComposed(JsonNode byLevel, int levels, List<String> metrics) {
    double[][][] out = new double[levels][][];
    for (int level = 0; level < levels; level++) {
      JsonNode combinations = byLevel.get(Integer.toString(level));
      if (combinations == null) {
        continue;
      }
      out[level] = new double[combinations.size()][];
      for (int c = 0; c < combinations.size(); c++) {
        out[level][c] = severityLevels(combinations.get(c).asString(), metrics);
      }
    }
    return out;
  }

  private double[] severityLevels(String combination, List<String> metrics) {
    Map<String, String> values = new HashMap<>();
    for (String field : combination.split("/")) {
      int colon = field.indexOf(':');
      if (colon > 0) {
        values.put(field.substring(0, colon), field.substring(colon + 1));
      }
    }
    double[] out = new double[metrics.size()];
    for (int i = 0; i < out.length; i++) {
      String value = values.get(metrics.get(i));
      if (value == null) {
        throw new IllegalStateException(
            RESOURCE + ": max_composed '" + combination + "' lacks " + metrics.get(i));
      }
      out[i] = level(metrics.get(i), value);
    }
    return out;
  }

  private static int[] readInts(JsonNode byLevel, int levels) {
    int[] out = new int[levels];
    for (int level = 0; level < levels; level++) {
      JsonNode value = byLevel.get(Integer.toString(level));
      out[level] = value == null ? 0 : value.asInt();
    }
    return out;
  }

  private static JsonNode field(JsonNode node, String name) {
    JsonNode child = node.get(name);
    if (child == null) {
      throw new IllegalStateException(RESOURCE + ": no '" + name + "'");
    }
    return child;
  }
}
