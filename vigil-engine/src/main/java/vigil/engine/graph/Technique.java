package vigil.engine.graph;

/**
 * The ATT&amp;CK technique of a step.
 *
 * @param source how it was chosen: "CWE-798 → CAPEC-70" when derived from the exposure's CWE,
 *     else "rule remote-exploit"
 */
public record Technique(String id, String name, String source) {}
