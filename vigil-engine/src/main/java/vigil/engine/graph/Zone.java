package vigil.engine.graph;

import java.util.List;
import java.util.Objects;

/**
 * A network zone: the hosts whose address falls in its CIDRs (the most specific zone wins).
 *
 * @param internet true for the zone that stands for the internet (where an internet attacker
 *     sits, and from which internet-facing services are reached)
 */
public record Zone(String id, List<Cidr> cidrs, boolean internet) {

  public Zone {
    Objects.requireNonNull(id, "id");
    cidrs = List.copyOf(cidrs);
  }

  public static Zone of(String id, String... cidrs) {
    return new Zone(id, java.util.Arrays.stream(cidrs).map(Cidr::parse).toList(), false);
  }

  public static Zone internet(String id) {
    return new Zone(id, List.of(), true);
  }
}
