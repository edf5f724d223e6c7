package vigil.ingest;

import java.io.IOException;
import vigil.model.ObservationSink;

/**
 * Reads one tool's output format and pushes what it finds into a sink, streaming: memory stays flat
 * with file size. A parser refuses a file that is not its format (wrong root element, wrong JSON
 * shape) with a {@link ParseException}, so that a forced wrong format never imports as "empty".
 */
public interface ScanParser {

  /** The format's name as used by {@code --format} and stored with each import ("nessus"). */
  String format();

  /** The tool that produces the format ("Nessus"); exposures remember which tools saw them. */
  String tool();

  /** True when the head of a file looks like this format. Must be cheap and never throw. */
  boolean sniff(Head head);

  /** Reads the whole file. Throws on the first error; what was pushed before must then be discarded. */
  void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException;
}
