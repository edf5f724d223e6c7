package vigil.ingest.qualys;

import java.util.ArrayList;
import java.util.List;
import vigil.model.AssetKey;

/** Addresses of a START-END range as Qualys writes scanned ranges. */
final class Ipv4Range {
  private Ipv4Range() {}

  /**
   * Every address from {@code start} to {@code end}, or nothing when the range holds more than
   * {@code max} addresses or is not IPv4; a single address (start alone, or start equal to end)
   * is returned as written.
   */
  static List<String> expand(String start, String end, int max) {
    List<String> out = new ArrayList<>();
    if (start == null || start.isBlank()) {
      return out;
    }
    if (end == null || end.isBlank() || end.trim().equals(start.trim())) {
      out.add(start.trim());
      return out;
    }
    Long from = toLong(start);
    Long to = toLong(end);
    if (from == null || to == null || to < from || to - from + 1 > max) {
      return out;
    }
    for (long ip = from; ip <= to; ip++) {
      out.add((ip >> 24 & 255) + "." + (ip >> 16 & 255) + "." + (ip >> 8 & 255) + "." + (ip & 255));
    }
    return out;
  }

  private static Long toLong(String ip) {
    if (!AssetKey.looksLikeIpv4(ip)) {
      return null;
    }
    long value = 0;
    for (String octet : ip.trim().split("\\.")) {
      int n = Integer.parseInt(octet);
      if (n > 255) {
        return null;
      }
      value = value << 8 | n;
    }
    return value;
  }
}
