package vigil.engine.graph;

import java.util.List;

/**
 * One step of an attack path: a rule instance taken from one state to the next.
 *
 * @param rule the rule's id in the rule set
 * @param technique the ATT&amp;CK technique, or {@code null} for steps that are no technique (a
 *     network flow, a group membership)
 * @param fixId what a fix would remove to cut this step (an exposure, a flow, an identity edge
 *     "source|Relation|target", a credential), or {@code null}
 * @param fixKind "exposure", "flow", "identity-edge", "credential", or {@code null}
 * @param why the rule's explanation filled in with this step's facts
 * @param alsoRequires other preconditions of the step, derivable but not on this path
 */
public record PathStep(
    StateRef from,
    StateRef to,
    String rule,
    Technique technique,
    String fixId,
    String fixKind,
    double probability,
    String why,
    List<StateRef> alsoRequires) {

  public PathStep {
    alsoRequires = List.copyOf(alsoRequires);
  }
}
