package vigil.engine.graph;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Objects;

/** An IPv4 or IPv6 network in CIDR notation ("10.1.0.0/16", "2001:db8::/32"). */
public record Cidr(String text, byte[] network, int prefix) {

  public Cidr {
    Objects.requireNonNull(text, "text");
    network = network.clone();
  }

  /** Parses "a.b.c.d/n" (or a bare address: a /32 or /128); throws with the reason on bad input. */
  public static Cidr parse(String text) {
    String t = text.trim();
    int slash = t.indexOf('/');
    String address = slash < 0 ? t : t.substring(0, slash);
    byte[] bytes = literal(address);
    if (bytes == null) {
      throw new IllegalArgumentException("'" + text + "' is not an IP address or CIDR");
    }
    int max = bytes.length * 8;
    int prefix = max;
    if (slash >= 0) {
      try {
        prefix = Integer.parseInt(t.substring(slash + 1));
      } catch (NumberFormatException e) {
        prefix = -1;
      }
      if (prefix < 0 || prefix > max) {
        throw new IllegalArgumentException("'" + text + "': prefix length must be 0.." + max);
      }
    }
    return new Cidr(t, mask(bytes, prefix), prefix);
  }

  /** True when the address (text) lies in this network; false for unparsable addresses. */
  public boolean contains(String address) {
    byte[] a = address == null ? null : literal(address.trim());
    return a != null && contains(a);
  }

  boolean contains(byte[] address) {
    if (address.length != network.length) {
      return false;
    }
    byte[] masked = mask(address, prefix);
    return java.util.Arrays.equals(masked, network);
  }

  /** Parses an IP literal without ever resolving a name; {@code null} when it is not one. */
  static byte[] literal(String s) {
    if (s.isEmpty() || !(s.indexOf(':') >= 0 || s.matches("\\d{1,3}(\\.\\d{1,3}){3}"))) {
      return null;
    }
    if (s.indexOf(':') < 0) {
      byte[] out = new byte[4];
      String[] parts = s.split("\\.");
      for (int i = 0; i < 4; i++) {
        int v = Integer.parseInt(parts[i]);
        if (v > 255) {
          return null;
        }
        out[i] = (byte) v;
      }
      return out;
    }
    if (!s.matches("[0-9A-Fa-f:.]+")) {
      return null;
    }
    try {
      return InetAddress.getByName(s).getAddress(); // a literal: no lookup happens
    } catch (UnknownHostException | SecurityException e) {
      return null;
    }
  }

  private static byte[] mask(byte[] address, int prefix) {
    byte[] out = address.clone();
    for (int i = 0; i < out.length; i++) {
      int bits = Math.max(0, Math.min(8, prefix - i * 8));
      out[i] = (byte) (out[i] & (0xff << (8 - bits)));
    }
    return out;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Cidr c && c.prefix == prefix && java.util.Arrays.equals(c.network, network);
  }

  @Override
  public int hashCode() {
    return 31 * java.util.Arrays.hashCode(network) + prefix;
  }

  @Override
  public String toString() {
    return text;
  }
}
