package vigil.engine.graph;

/**
 * An attacker state as output shows it.
 *
 * @param id canonical form, accepted back by {@link AttackGraph#blast}: "execCode(web01,admin)",
 *     "controls(S-1-5-21-…-512)", "reach(dmz,tcp/443)", "authenticated()"
 * @param kind the predicate: attacker, netAccess, reach, access, execCode, owns, controls, holds,
 *     authenticated
 * @param label the same in words: "code execution as admin on web01 (10.0.1.10)"
 */
public record StateRef(String id, String kind, String label) {}
