package vigil.intel.cvss;

import java.util.List;

/**
 * One metric a CVSS version defines: its abbreviation, its values in specification order, and
 * whether a vector must give it. {@code notDefined} is the value that stands for "Not Defined"
 * ({@code X}, or {@code ND} in v2), {@code null} for mandatory metrics.
 */
record Metric(String name, List<String> values, boolean mandatory, String notDefined) {

  Metric {
    values = List.copyOf(values);
  }

  static Metric mandatory(String name, String... values) {
    return new Metric(name, List.of(values), true, null);
  }

  /**
   * An optional metric whose "Not Defined" value is {@code notDefined}, which must be among {@code
   * values}.
   */
  static Metric optional(String name, String notDefined, String... values) {
    if (!List.of(values).contains(notDefined)) {
      throw new IllegalArgumentException(
          name + ": " + notDefined + " not among " + List.of(values));
    }
    return new Metric(name, List.of(values), false, notDefined);
  }

  /** The index of the "Not Defined" value, or -1 for a mandatory metric. */
  int notDefinedIndex() {
    return notDefined == null ? -1 : indexOf(notDefined);
  }

  int indexOf(String value) {
    // At most six values: a linear scan beats hashing.
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i).equals(value)) {
        return i;
      }
    }
    return -1;
  }
}
