package vigil.engine.graph;

import java.util.Locale;
import java.util.Objects;

/**
 * A network service: a port open on a host.
 *
 * @param protocol "tcp" or "udp"
 * @param internetFacing seen from the internet (an external scan, a load balancer's listener),
 *     whatever the declared flows say
 */
public record Service(
    String id, String hostId, String protocol, int port, String product, String version, boolean internetFacing) {

  public Service {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(hostId, "hostId");
    protocol = protocol == null ? "tcp" : protocol.trim().toLowerCase(Locale.ROOT);
    if (!protocol.equals("tcp") && !protocol.equals("udp")) {
      throw new IllegalArgumentException("service " + id + ": protocol must be tcp or udp, not " + protocol);
    }
    if (port < 0 || port > 65535) {
      throw new IllegalArgumentException("service " + id + ": port out of range: " + port);
    }
  }

  public static Service tcp(String id, String hostId, int port, String product) {
    return new Service(id, hostId, "tcp", port, product, null, false);
  }

  public Service exposedToInternet() {
    return new Service(id, hostId, protocol, port, product, version, true);
  }

  /** "tcp/443". */
  public String portLabel() {
    return protocol + "/" + port;
  }
}
