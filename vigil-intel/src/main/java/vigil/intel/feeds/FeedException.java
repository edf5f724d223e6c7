package vigil.intel.feeds;

/**
 * A feed file Vigil refuses to read, with the file, the place (line, column and JSON pointer, or
 * line and CSV column) and what was expected, ready to show a user as one line.
 */
public final class FeedException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String place;
  private final String problem;

  public FeedException(String file, String place, String problem) {
    this(file, place, problem, null);
  }

  public FeedException(String file, String place, String problem, Throwable cause) {
    super(file + (place == null || place.isEmpty() ? "" : ": " + place) + ": " + problem, cause);
    this.file = file;
    this.place = place;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  /** Where in the file, e.g. "line 12 (at /vulnerabilities/3/dateAdded)" or "line 7, column epss". */
  public String place() {
    return place;
  }

  public String problem() {
    return problem;
  }
}
