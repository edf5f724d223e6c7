package vigil.intel.cvss;

import java.math.BigDecimal;
import java.util.Map;

/**
 * The numeric weights of a version's metric values, as exact decimals, addressed like {@link
 * MetricValues}: by metric position, then value index.
 */
final class WeightTable {
  private final BigDecimal[][] weights;

  /**
   * @param weights per metric name, its values' weights separated by spaces, in the order of the
   *     metric's {@link Metric#values()}; metrics without weights (e.g. v3's modified metrics,
   *     which take their base metric's weights) are left out
   */
  WeightTable(VectorGrammar grammar, Map<String, String> weights) {
    this.weights = new BigDecimal[grammar.size()][];
    weights.forEach(
        (name, list) -> {
          Metric metric = grammar.metric(grammar.position(name));
          String[] parts = list.split(" ");
          if (parts.length != metric.values().size()) {
            throw new IllegalArgumentException(
                name + ": " + parts.length + " weights for " + metric.values());
          }
          BigDecimal[] row = new BigDecimal[parts.length];
          for (int i = 0; i < parts.length; i++) {
            row[i] = new BigDecimal(parts[i]);
          }
          this.weights[grammar.position(name)] = row;
        });
  }

  BigDecimal weight(int position, int valueIndex) {
    return weights[position][valueIndex];
  }

  BigDecimal weight(MetricValues values, int position) {
    return weights[position][values.index(position)];
  }
}
