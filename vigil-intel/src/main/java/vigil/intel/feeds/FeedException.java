package vigil.intel.feeds;

/**
 * A feed file Vigil refuses to read, with the file, the place (line, column and JSON pointer, or
 * line and CSV column) and what was expected, ready to show a user as one line.
 */
public final class FeedException extends vigil.model.RefusedInput {
  private static final long serialVersionUID = 1L;

  public FeedException(String file, String place, String problem) {
    this(file, place, problem, null);
  }

  public FeedException(String file, String place, String problem, Throwable cause) {
    super(file, place, problem, cause);
  }
}
