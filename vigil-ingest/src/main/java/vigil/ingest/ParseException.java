package vigil.ingest;

import vigil.model.RefusedInput;

/** A scanner file Vigil refuses to read; see {@link RefusedInput}. */
public final class ParseException extends RefusedInput {
  private static final long serialVersionUID = 1L;

  public ParseException(String file, String place, String problem) {
    this(file, place, problem, null);
  }

  public ParseException(String file, String place, String problem, Throwable cause) {
    super(file, place, problem, cause);
  }
}
