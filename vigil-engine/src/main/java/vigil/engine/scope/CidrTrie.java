package vigil.engine.scope;

/**
 * A binary trie of networks of one address family: a lookup walks the address's bits once and
 * collects every network on the way, so its cost depends on the address length, not on the number
 * of rules.
 */
final class CidrTrie {
  private static final int[] NONE = {};

  private static final class Node {
    Node zero;
    Node one;
    int[] rules = NONE;
    /** The first include rule anywhere below, for "nearest rule" hints; -1 when none. */
    int nearestInclude = -1;
  }

  private final int bits;
  private final Node root = new Node();

  /** A trie for addresses of {@code bits} bits (32 or 128); fill it, then only read it. */
  CidrTrie(int bits) {
    this.bits = bits;
  }

  void add(byte[] network, int prefix, int rule, boolean include) {
    Node n = root;
    for (int i = 0; i < prefix; i++) {
      mark(n, rule, include);
      if (IpAddress.bit(network, i) == 0) {
        n = n.zero != null ? n.zero : (n.zero = new Node());
      } else {
        n = n.one != null ? n.one : (n.one = new Node());
      }
    }
    mark(n, rule, include);
    int[] grown = java.util.Arrays.copyOf(n.rules, n.rules.length + 1);
    grown[n.rules.length] = rule;
    n.rules = grown;
  }

  private static void mark(Node n, int rule, boolean include) {
    if (include && (n.nearestInclude < 0 || rule < n.nearestInclude)) {
      n.nearestInclude = rule;
    }
  }

  /** Adds every rule whose network contains the address. */
  void match(byte[] address, RuleHits hits, Object fact) {
    Node n = root;
    for (int i = 0; n != null; i++) {
      if (n.rules.length > 0) {
        hits.addAll(n.rules, fact);
      }
      if (i == bits) {
        break;
      }
      n = IpAddress.bit(address, i) == 0 ? n.zero : n.one;
    }
  }

  /**
   * The include rule whose network shares the longest prefix with the address, when that prefix is
   * at least {@code minCommonBits} long; -1 otherwise.
   */
  int nearest(byte[] address, int minCommonBits) {
    Node n = root;
    int depth = 0;
    while (depth < bits) {
      Node next = IpAddress.bit(address, depth) == 0 ? n.zero : n.one;
      if (next == null || next.nearestInclude < 0) {
        break;
      }
      n = next;
      depth++;
    }
    return depth >= minCommonBits ? n.nearestInclude : -1;
  }
}
