package vigil.engine.graph;

/**
 * A topology or rule file Vigil refuses, with the file, the line and column (1-based), the field
 * ("flows[2].ports[0]") and what was expected: one line a user can act on.
 */
public final class DefinitionException extends Exception {
  private static final long serialVersionUID = 1L;

  private final String file;
  private final int line;
  private final int column;
  private final String field;
  private final String problem;

  public DefinitionException(String file, int line, int column, String field, String problem) {
    super(file + ": " + (line > 0 ? "line " + line + ", column " + column + ": " : "")
        + (field == null || field.isEmpty() ? "" : field + ": ") + problem);
    this.file = file;
    this.line = line;
    this.column = column;
    this.field = field;
    this.problem = problem;
  }

  public String file() {
    return file;
  }

  /** 1-based line, or 0 when the problem is not at one place. */
  public int line() {
    return line;
  }

  public int column() {
    return column;
  }

  public String field() {
    return field;
  }

  public String problem() {
    return problem;
  }
}
