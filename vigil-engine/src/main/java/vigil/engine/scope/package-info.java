/**
 * Scoping: which business services, environment, owner and criticality an asset has, whether it is
 * a crown jewel, and which assets are shadow IT.
 *
 * <ul>
 *   <li>{@link vigil.engine.scope.ScopeDocument}: the whole scope as one immutable value (owners,
 *       environments, business services, rules);
 *   <li>{@link vigil.engine.scope.ScopeYaml}: the scope file, read with errors naming line and
 *       field, and written back so that it reads equal;
 *   <li>{@link vigil.engine.scope.ScopeDiff}: what applying one document over another changes;
 *   <li>{@link vigil.engine.scope.ScopeIndex}: the rules indexed once (tries for networks and
 *       domains, indexed globs, hash maps for ids); {@code evaluate} places one asset and says why.
 * </ul>
 *
 * <p>Nothing here touches files, the network or the database: callers pass text in and take text
 * and values out.
 */
package vigil.engine.scope;
