package vigil.engine.scope;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A scope file Vigil refuses, with every problem found in it, each naming its line, column and
 * field, one per line of the message: "scope.yaml:12:18: services[payments].criticality: must be
 * 1–5, was 7". Nothing of a refused file is applied.
 */
public final class ScopeFileException extends Exception {
  private static final long serialVersionUID = 1L;

  /**
   * One problem.
   *
   * @param line 1-based; 0 when the problem has no place in the file
   * @param column 1-based; 0 when unknown
   * @param field the path of the field, "services[payments].include[0].cidr", or "" for the file
   */
  public record Problem(int line, int column, String field, String message) {
    @Override
    public String toString() {
      return (line > 0 ? "line " + line + ", column " + column + ": " : "") + (field.isEmpty() ? "" : field + ": ") + message;
    }
  }

  private final String source;
  private final transient List<Problem> problems;

  public ScopeFileException(String source, List<Problem> problems) {
    super(problems.stream()
        .map(p -> source + (p.line() > 0 ? ":" + p.line() + ":" + p.column() : "") + ": "
            + (p.field().isEmpty() ? "" : p.field() + ": ") + p.message())
        .collect(Collectors.joining("\n")));
    this.source = source;
    this.problems = List.copyOf(problems);
  }

  /** The file's name as the caller gave it. */
  public String source() {
    return source;
  }

  /** Every problem, in file order. */
  public List<Problem> problems() {
    return problems;
  }
}
