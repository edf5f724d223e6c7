package vigil.engine.graph;

/**
 * Where an exposure sits relative to the crown jewels, for the risk model ({@code
 * RiskInputs.onAttackPath}, {@code chokePoint}).
 *
 * @param onAttackPath exploitable by the attacker and leading on to a crown jewel
 * @param chokePoint among the ranked choke points
 */
public record AttackPathPosition(String exposureId, boolean onAttackPath, boolean chokePoint) {}
