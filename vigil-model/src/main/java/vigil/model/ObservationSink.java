package vigil.model;

/**
 * Receives what a parser reads, in file order. Parsers push; they never hold the whole file.
 */
public interface ObservationSink {

  /**
   * An asset the scan covered. Called for every asset the file says was scanned, including those
   * with no finding, so that a later import can tell "not seen" from "not looked at".
   */
  void covered(AssetRef asset);

  /** One finding. Its asset counts as covered too. */
  void observation(Observation observation);
}
