package vigil.engine.graph;

import java.util.Objects;

/**
 * A host of the environment.
 *
 * @param id the asset id the rest of Vigil uses for it
 * @param name host name or FQDN; also matched (case-insensitive, full or first label) against the
 *     names of directory computers when {@code computerId} is not given
 * @param address an IPv4 or IPv6 address, placed in a zone by the topology's CIDRs; may be null
 * @param zone the zone id when known otherwise (overrides the CIDRs); may be null
 * @param computerId the directory object id (SID) of the host's computer account; may be null
 */
public record Host(String id, String name, String address, String zone, String computerId) {

  public Host {
    Objects.requireNonNull(id, "id");
    name = name == null ? id : name;
  }

  public static Host of(String id, String address) {
    return new Host(id, id, address, null, null);
  }
}
