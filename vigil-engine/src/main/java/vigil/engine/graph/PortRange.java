package vigil.engine.graph;

import java.util.Locale;

/**
 * Ports a flow admits: "tcp/443", "udp/53", "tcp/8000-8100", "tcp" (every TCP port) or "any".
 *
 * @param protocol "tcp", "udp" or "any"
 */
public record PortRange(String protocol, int from, int to) {
  public static final PortRange ANY = new PortRange("any", 0, 65535);

  public PortRange {
    if (!protocol.equals("tcp") && !protocol.equals("udp") && !protocol.equals("any")) {
      throw new IllegalArgumentException("protocol must be tcp, udp or any, not '" + protocol + "'");
    }
    if (from < 0 || to > 65535 || from > to) {
      throw new IllegalArgumentException("port range " + from + "-" + to + " is not within 0..65535");
    }
  }

  /** Parses the forms above; throws with what was expected. */
  public static PortRange parse(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.equals("any") || t.equals("*")) {
      return ANY;
    }
    int slash = t.indexOf('/');
    String protocol = slash < 0 ? t : t.substring(0, slash);
    if (!protocol.equals("tcp") && !protocol.equals("udp")) {
      throw new IllegalArgumentException(
          "expected 'tcp/443', 'udp/53', 'tcp/8000-8100', 'tcp', 'udp' or 'any', found '" + text + "'");
    }
    if (slash < 0) {
      return new PortRange(protocol, 0, 65535);
    }
    String ports = t.substring(slash + 1);
    int dash = ports.indexOf('-');
    try {
      int from = Integer.parseInt(dash < 0 ? ports : ports.substring(0, dash));
      int to = dash < 0 ? from : Integer.parseInt(ports.substring(dash + 1));
      return new PortRange(protocol, from, to);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(
          "expected 'tcp/443', 'udp/53', 'tcp/8000-8100', 'tcp', 'udp' or 'any', found '" + text + "'");
    }
  }

  public boolean admits(String serviceProtocol, int port) {
    return (protocol.equals("any") || protocol.equals(serviceProtocol)) && port >= from && port <= to;
  }

  @Override
  public String toString() {
    if (protocol.equals("any")) {
      return "any";
    }
    if (from == 0 && to == 65535) {
      return protocol;
    }
    return protocol + "/" + (from == to ? String.valueOf(from) : from + "-" + to);
  }
}
