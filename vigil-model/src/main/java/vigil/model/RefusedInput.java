package vigil.model;

/**
 * An input file Vigil refuses to read (a scan, a feed), with the file, the place (line and
 * column, element path, record) and what was wrong, ready to show a user as one line.
 */
public class RefusedInput extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final String place;
  private final String problem;

  public RefusedInput(String file, String place, String problem, Throwable cause) {
    super(file + (place == null || place.isEmpty() ? "" : ": " + place) + ": " + problem, cause);
    this.file = file;
    this.place = place;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  /** Where in the file, e.g. "line 12, column 4 (at /NessusClientData_v2/Report/ReportHost)". */
  public String place() {
    return place;
  }

  public String problem() {
    return problem;
  }
}
