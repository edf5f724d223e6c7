package vigil.intel.cvss;

/**
 * A CVSS vector that cannot be scored. The message starts with the vector and says what is wrong,
 * naming the metric and value where there is one.
 */
public final class InvalidVectorException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;
  private static final int MAX_VECTOR_IN_MESSAGE = 200;

  private final String vector;
  private final String metric;

  InvalidVectorException(String vector, String metric, String problem) {
    super(shorten(vector) + ": " + problem);
    this.vector = vector;
    this.metric = metric;
  }

  /** The vector as given. */
  public String vector() {
    return vector;
  }

  /**
   * The metric at fault (as written in the vector), or {@code null} if the fault is not one
   * metric's.
   */
  public String metric() {
    return metric;
  }

  // Vectors come from scanner files: keep a hostile multi-megabyte "vector" out of logs.
  private static String shorten(String vector) {
    return vector.length() <= MAX_VECTOR_IN_MESSAGE
        ? vector
        : vector.substring(0, MAX_VECTOR_IN_MESSAGE) + "...";
  }
}
