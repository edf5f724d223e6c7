package vigil.engine.graph;

import java.util.List;
import java.util.Objects;

/** Traffic the network allows from one zone to another on some ports (a firewall rule, a segment). */
public record Flow(String id, String from, String to, List<PortRange> ports) {

  public Flow {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    ports = List.copyOf(ports);
  }

  public static Flow of(String id, String from, String to, String... ports) {
    return new Flow(id, from, to, java.util.Arrays.stream(ports).map(PortRange::parse).toList());
  }

  public boolean admits(String protocol, int port) {
    for (PortRange r : ports) {
      if (r.admits(protocol, port)) {
        return true;
      }
    }
    return false;
  }
}
