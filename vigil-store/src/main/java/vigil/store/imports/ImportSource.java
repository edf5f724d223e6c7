package vigil.store.imports;

import vigil.model.ObservationSink;

/** Pushes a file's content into a sink; a parser bound to its file. */
@FunctionalInterface
public interface ImportSource {
  void readInto(ObservationSink sink) throws Exception;
}
