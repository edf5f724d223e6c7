package vigil.intel.cvss;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The metrics of one CVSS version, and the reader of a vector's {@code METRIC:VALUE/...} list
 * against them. Metrics may come in any order; each at most once; every mandatory one present.
 */
final class VectorGrammar {
  private static final int MAX_QUOTED = 40;

  private final String version;
  private final List<Metric> metrics;
  private final Map<String, Integer> positions = new HashMap<>();

  VectorGrammar(String version, List<Metric> metrics) {
    this.version = version;
    this.metrics = List.copyOf(metrics);
    for (int i = 0; i < this.metrics.size(); i++) {
      if (positions.put(this.metrics.get(i).name(), i) != null) {
        throw new IllegalArgumentException("metric listed twice: " + this.metrics.get(i).name());
      }
    }
  }

  String version() {
    return version;
  }

  int size() {
    return metrics.size();
  }

  Metric metric(int position) {
    return metrics.get(position);
  }

  /** The position of a metric in this grammar; for scorers, which address metrics by position. */
  int position(String name) {
    Integer position = positions.get(name);
    if (position == null) {
      throw new IllegalArgumentException("no metric " + name + " in CVSS " + version);
    }
    return position;
  }

  /**
   * Reads {@code body}, the metric list of {@code vector} without prefix or parentheses.
   *
   * @throws InvalidVectorException naming the first metric at fault
   */
  MetricValues read(String vector, String body) {
    int[] chosen = new int[metrics.size()];
    Arrays.fill(chosen, MetricValues.ABSENT);
    if (body.isEmpty()) {
      throw new InvalidVectorException(vector, null, "no metrics");
    }
    int start = 0;
    while (start <= body.length()) {
      int end = body.indexOf('/', start);
      if (end < 0) {
        end = body.length();
      }
      readField(vector, body, start, end, chosen);
      start = end + 1;
    }
    requireMandatory(vector, chosen);
    return new MetricValues(this, chosen);
  }

  private void readField(String vector, String body, int start, int end, int[] chosen) {
    if (start == end) {
      throw new InvalidVectorException(
          vector, null, "empty metric field (a '//' or a trailing '/')");
    }
    int colon = body.indexOf(':', start);
    if (colon < 0 || colon >= end) {
      throw new InvalidVectorException(
          vector, null, "field " + quoted(body.substring(start, end)) + " is not METRIC:VALUE");
    }
    String name = body.substring(start, colon);
    String value = body.substring(colon + 1, end);
    Integer position = positions.get(name);
    if (position == null) {
      throw new InvalidVectorException(
          vector,
          name,
          "unknown metric " + quoted(name) + " (CVSS " + version + " metrics are " + names() + ")");
    }
    Metric metric = metrics.get(position);
    int index = metric.indexOf(value);
    if (index < 0) {
      throw new InvalidVectorException(
          vector,
          name,
          "metric "
              + name
              + " has invalid value "
              + quoted(value)
              + " (expected "
              + String.join(", ", metric.values())
              + ")");
    }
    if (chosen[position] != MetricValues.ABSENT) {
      throw new InvalidVectorException(vector, name, "metric " + name + " appears more than once");
    }
    chosen[position] = index;
  }

  private void requireMandatory(String vector, int[] chosen) {
    List<String> missing = new ArrayList<>();
    for (int i = 0; i < metrics.size(); i++) {
      if (metrics.get(i).mandatory() && chosen[i] == MetricValues.ABSENT) {
        missing.add(metrics.get(i).name());
      }
    }
    if (!missing.isEmpty()) {
      throw new InvalidVectorException(
          vector,
          missing.get(0),
          "missing mandatory base metric"
              + (missing.size() > 1 ? "s " : " ")
              + String.join(", ", missing));
    }
  }

  /** Quotes text from the vector, cut short: a scanner file may hold anything there. */
  private static String quoted(String text) {
    return "'" + (text.length() <= MAX_QUOTED ? text : text.substring(0, MAX_QUOTED) + "...") + "'";
  }

  private String names() {
    return metrics.stream().map(Metric::name).collect(Collectors.joining(", "));
  }
}
