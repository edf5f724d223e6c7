package vigil.engine.scope;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.List;

/**
 * IPv4 and IPv6 addresses as bytes (4 or 16), parsed and printed without {@link
 * java.net.InetAddress}, which would resolve anything that is not a literal through DNS.
 */
final class IpAddress {
  private IpAddress() {}

  /** A network written as address and prefix length. */
  record Network(byte[] address, int prefix) {}

  /**
   * The address's bytes, or {@code null} when the text is not an address. Accepts brackets and a
   * zone ("[fe80::1%eth0]"); IPv4-mapped IPv6 addresses come back as IPv4, so that one rule covers
   * both spellings.
   */
  static byte[] parse(String text) {
    String s = text.trim();
    if (s.length() > 2 && s.charAt(0) == '[' && s.charAt(s.length() - 1) == ']') {
      s = s.substring(1, s.length() - 1);
    }
    int zone = s.indexOf('%');
    if (zone >= 0) {
      s = s.substring(0, zone);
    }
    if (s.indexOf(':') < 0) {
      byte[] v4 = new byte[4];
      return parseV4(s, 0, s.length(), v4, 0) ? v4 : null;
    }
    byte[] v6 = parseV6(s);
    if (v6 != null && isV4Mapped(v6)) {
      return new byte[] {v6[12], v6[13], v6[14], v6[15]};
    }
    return v6;
  }

  private static boolean parseV4(String s, int from, int to, byte[] out, int offset) {
    int octet = 0;
    int digits = 0;
    int index = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c == '.') {
        if (digits == 0 || index == 3) {
          return false;
        }
        out[offset + index++] = (byte) octet;
        octet = 0;
        digits = 0;
      } else if (c >= '0' && c <= '9') {
        octet = octet * 10 + (c - '0');
        if (++digits > 3 || octet > 255) {
          return false;
        }
      } else {
        return false;
      }
    }
    if (digits == 0 || index != 3) {
      return false;
    }
    out[offset + 3] = (byte) octet;
    return true;
  }

  private static byte[] parseV6(String s) {
    int gap = s.indexOf("::");
    if (gap >= 0 && s.indexOf("::", gap + 1) >= 0) {
      return null;
    }
    int[] head = groups(gap >= 0 ? s.substring(0, gap) : s, gap < 0);
    int[] tail = gap >= 0 ? groups(s.substring(gap + 2), true) : new int[0];
    if (head == null || tail == null) {
      return null;
    }
    int count = head.length + tail.length;
    if ((gap < 0 && count != 8) || (gap >= 0 && count > 7)) {
      return null;
    }
    byte[] out = new byte[16];
    for (int i = 0; i < head.length; i++) {
      out[2 * i] = (byte) (head[i] >>> 8);
      out[2 * i + 1] = (byte) head[i];
    }
    for (int i = 0; i < tail.length; i++) {
      int g = 8 - tail.length + i;
      out[2 * g] = (byte) (tail[i] >>> 8);
      out[2 * g + 1] = (byte) tail[i];
    }
    return out;
  }

  /** 16-bit groups of one side of "::"; an IPv4 tail counts as two groups. */
  private static int[] groups(String part, boolean mayEndInV4) {
    if (part.isEmpty()) {
      return new int[0];
    }
    String[] fields = part.split(":", -1);
    List<Integer> out = new ArrayList<>(fields.length + 1);
    for (int i = 0; i < fields.length; i++) {
      String f = fields[i];
      if (f.indexOf('.') >= 0) {
        byte[] v4 = new byte[4];
        if (!mayEndInV4 || i != fields.length - 1 || !parseV4(f, 0, f.length(), v4, 0)) {
          return null;
        }
        out.add(((v4[0] & 0xff) << 8) | (v4[1] & 0xff));
        out.add(((v4[2] & 0xff) << 8) | (v4[3] & 0xff));
        continue;
      }
      if (f.isEmpty() || f.length() > 4) {
        return null;
      }
      int value = 0;
      for (int j = 0; j < f.length(); j++) {
        int d = Character.digit(f.charAt(j), 16);
        if (d < 0) {
          return null;
        }
        value = value * 16 + d;
      }
      out.add(value);
    }
    return out.stream().mapToInt(Integer::intValue).toArray();
  }

  private static boolean isV4Mapped(byte[] a) {
    for (int i = 0; i < 10; i++) {
      if (a[i] != 0) {
        return false;
      }
    }
    return a[10] == (byte) 0xff && a[11] == (byte) 0xff;
  }

  /** Dotted quad, or the RFC 5952 form of IPv6 (lower case, longest zero run compressed). */
  static String format(byte[] a) {
    if (a.length == 4) {
      return (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff);
    }
    int[] g = new int[8];
    for (int i = 0; i < 8; i++) {
      g[i] = ((a[2 * i] & 0xff) << 8) | (a[2 * i + 1] & 0xff);
    }
    int bestStart = -1;
    int bestLength = 1;
    for (int i = 0; i < 8; ) {
      if (g[i] != 0) {
        i++;
        continue;
      }
      int j = i;
      while (j < 8 && g[j] == 0) {
        j++;
      }
      if (j - i > bestLength) {
        bestStart = i;
        bestLength = j - i;
      }
      i = j;
    }
    StringBuilder out = new StringBuilder(39);
    for (int i = 0; i < 8; i++) {
      if (i == bestStart) {
        out.append("::");
        i += bestLength - 1;
        continue;
      }
      if (out.length() > 0 && out.charAt(out.length() - 1) != ':') {
        out.append(':');
      }
      out.append(Integer.toHexString(g[i]));
    }
    return out.toString();
  }

  /** Bit {@code index} of the address, counting from the most significant. */
  static int bit(byte[] a, int index) {
    return (a[index >>> 3] >>> (7 - (index & 7))) & 1;
  }

  /** The address with every bit after the first {@code prefix} cleared. */
  static byte[] network(byte[] a, int prefix) {
    byte[] out = a.clone();
    for (int i = prefix; i < out.length * 8; i++) {
      out[i >>> 3] &= (byte) ~(1 << (7 - (i & 7)));
    }
    return out;
  }

  /** The smallest list of networks that covers exactly the addresses from {@code first} to {@code last}. */
  static List<Network> rangeToNetworks(byte[] first, byte[] last) {
    int bits = first.length * 8;
    BigInteger next = new BigInteger(1, first);
    BigInteger end = new BigInteger(1, last);
    List<Network> out = new ArrayList<>();
    while (next.compareTo(end) <= 0) {
      int alignment = next.signum() == 0 ? bits : next.getLowestSetBit();
      int fits = end.subtract(next).add(BigInteger.ONE).bitLength() - 1;
      int size = Math.min(alignment, fits);
      out.add(new Network(toBytes(next, first.length), bits - size));
      next = next.add(BigInteger.ONE.shiftLeft(size));
    }
    return out;
  }

  static int compare(byte[] a, byte[] b) {
    return new BigInteger(1, a).compareTo(new BigInteger(1, b));
  }

  private static byte[] toBytes(BigInteger value, int length) {
    byte[] raw = value.toByteArray();
    byte[] out = new byte[length];
    int copy = Math.min(raw.length, length);
    System.arraycopy(raw, raw.length - copy, out, length - copy, copy);
    return out;
  }
}
