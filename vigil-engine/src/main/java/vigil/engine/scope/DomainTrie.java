package vigil.engine.scope;

import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * Domain rules in a trie of labels read from the right ("com" → "example" → "corp"): a lookup walks
 * the name's labels once, whatever the number of rules. A node holds the rules for its name and
 * below ("corp.example.com") and the wildcard rules for strictly below ("*.corp.example.com").
 */
final class DomainTrie {
  private static final int[] NONE = {};

  private static final class Node {
    final Map<String, Node> children = new HashMap<>();
    int[] nameAndBelow = NONE;
    int[] strictlyBelow = NONE;
    int nearestInclude = -1;
  }

  private final Node root = new Node();

  /** Adds a normalised domain pattern ("corp.example.com" or "*.corp.example.com"). */
  void add(String pattern, int rule, boolean include) {
    boolean wildcard = pattern.startsWith("*.");
    String[] labels = (wildcard ? pattern.substring(2) : pattern).split("\\.");
    Node n = root;
    for (int i = labels.length - 1; i >= 0; i--) {
      mark(n, rule, include);
      n = n.children.computeIfAbsent(labels[i], k -> new Node());
    }
    mark(n, rule, include);
    if (wildcard) {
      n.strictlyBelow = append(n.strictlyBelow, rule);
    } else {
      n.nameAndBelow = append(n.nameAndBelow, rule);
    }
  }

  private static void mark(Node n, int rule, boolean include) {
    if (include && (n.nearestInclude < 0 || rule < n.nearestInclude)) {
      n.nearestInclude = rule;
    }
  }

  private static int[] append(int[] rules, int rule) {
    int[] grown = Arrays.copyOf(rules, rules.length + 1);
    grown[rules.length] = rule;
    return grown;
  }

  /** Adds every rule that covers the (lower-case) name. */
  void match(String name, RuleHits hits, Object fact) {
    Node n = root;
    int end = name.length();
    while (end > 0) {
      int dot = name.lastIndexOf('.', end - 1);
      Node next = n.children.get(name.substring(dot + 1, end));
      if (next == null) {
        return;
      }
      n = next;
      end = dot;
      if (n.nameAndBelow.length > 0) {
        hits.addAll(n.nameAndBelow, fact);
      }
      if (end > 0 && n.strictlyBelow.length > 0) {
        hits.addAll(n.strictlyBelow, fact);
      }
    }
  }

  /**
   * The first include rule under the deepest domain the name shares with some rule, when they share
   * at least {@code minCommonLabels} labels; -1 otherwise.
   */
  int nearest(String name, int minCommonLabels) {
    Node n = root;
    int depth = 0;
    int end = name.length();
    while (end > 0) {
      int dot = name.lastIndexOf('.', end - 1);
      Node next = n.children.get(name.substring(dot + 1, end));
      if (next == null || next.nearestInclude < 0) {
        break;
      }
      n = next;
      depth++;
      end = dot;
    }
    return depth >= minCommonLabels ? n.nearestInclude : -1;
  }
}
