/**
 * Validation: the logical attack graph (MulVAL style). Facts (hosts, services, exposures, zones and
 * flows, entry points, directory identities, credentials, crown jewels) are grounded by rules that
 * are data ({@code rules.yaml}) into AND/OR nodes in compact int arrays; {@link
 * vigil.engine.graph.AttackGraph} answers paths to crown jewels, blast radius, choke points and
 * what-if. Topology files: {@link vigil.engine.graph.Topology#read}.
 */
package vigil.engine.graph;
