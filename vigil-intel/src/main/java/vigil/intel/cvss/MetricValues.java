package vigil.intel.cvss;

/**
 * The values a vector gives, by metric position in its {@link VectorGrammar}. An optional metric
 * the vector omits reads as its "Not Defined" value, as the specifications say.
 */
final class MetricValues {
  static final int ABSENT = -1;

  private final VectorGrammar grammar;
  private final int[] chosen;

  MetricValues(VectorGrammar grammar, int[] chosen) {
    this.grammar = grammar;
    this.chosen = chosen;
  }

  /** The index of the metric's value in {@link Metric#values()}; "Not Defined" if omitted. */
  int index(int position) {
    int index = chosen[position];
    return index != ABSENT ? index : grammar.metric(position).notDefinedIndex();
  }

  /** The metric's value, e.g. {@code "N"}; "Not Defined" ({@code X}/{@code ND}) if omitted. */
  String value(int position) {
    return grammar.metric(position).values().get(index(position));
  }

  /** Whether the vector gives the metric a value other than "Not Defined". */
  boolean defined(int position) {
    int index = chosen[position];
    return index != ABSENT && index != grammar.metric(position).notDefinedIndex();
  }

  /**
   * Whether the vector gives any metric in positions {@code from} (inclusive) to {@code to}
   * (exclusive).
   */
  boolean anyDefined(int from, int to) {
    for (int position = from; position < to; position++) {
      if (defined(position)) {
        return true;
      }
    }
    return false;
  }
}
