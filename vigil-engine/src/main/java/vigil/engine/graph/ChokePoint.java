package vigil.engine.graph;

import java.util.List;

/**
 * A fix that cuts attack paths, ranked by the greedy hitting set (each pick cuts the most paths
 * the earlier picks left), with what recomputation shows.
 *
 * @param rank 1 for the first pick
 * @param id what to fix: an exposure id, a flow id, an identity edge "source|Relation|target" or a
 *     credential id
 * @param kind "exposure", "flow", "identity-edge" or "credential"
 * @param pathsCut how many of the sampled most-likely paths it lies on (and so removes)
 * @param pathsSampled how many paths were sampled in all
 * @param crownJewelsCut crown jewels that become unreachable when this alone is fixed (recomputed)
 * @param crownJewelsReachableAfter crown jewels still reachable once this and every higher-ranked
 *     choke point are fixed (recomputed)
 * @param verified recomputation confirmed that the paths it lies on are gone once it is fixed
 */
public record ChokePoint(
    int rank,
    String id,
    String kind,
    String description,
    int pathsCut,
    int pathsSampled,
    List<String> crownJewelsCut,
    int crownJewelsReachableAfter,
    boolean verified) {

  public ChokePoint {
    crownJewelsCut = List.copyOf(crownJewelsCut);
  }
}
