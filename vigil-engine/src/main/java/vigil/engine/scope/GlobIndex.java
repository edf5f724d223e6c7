package vigil.engine.scope;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Host name globs, indexed so that a lookup checks only the patterns that can match: exact names
 * in a hash map; patterns with a literal head ("qa3app*") in a character trie walked along the
 * name; patterns with only a literal tail ("*-db") in a trie of reversed tails; patterns with only
 * an inner literal ("*sql*") under the trigram of it that fewest such patterns share, looked up for
 * each of the name's trigrams.
 * The rest (such as "*" or "?*") are checked for every name; there are few of them in any real
 * scope. Fill it with {@link #add}, then {@link #freeze} it once before reading.
 */
final class GlobIndex {
  private static final int GRAM = 3;
  private static final Entry[] NO_ENTRIES = {};

  private record Entry(String pattern, int rule) {}

  /** A trie node: children in a map while building, in sorted arrays once frozen. */
  private static final class Node {
    Map<Character, Node> building = new HashMap<>();
    char[] labels;
    Node[] children;
    List<Entry> pending = new ArrayList<>();
    Entry[] entries = NO_ENTRIES;
    int nearestInclude = -1;

    Node child(char c) {
      int i = Arrays.binarySearch(labels, c);
      return i >= 0 ? children[i] : null;
    }

    void freeze() {
      labels = new char[building.size()];
      children = new Node[building.size()];
      int i = 0;
      for (Character c : building.keySet().stream().sorted().toList()) {
        labels[i] = c;
        children[i++] = building.get(c);
      }
      entries = pending.toArray(NO_ENTRIES);
      building = null;
      pending = null;
      for (Node n : children) {
        n.freeze();
      }
    }
  }

  private final Map<String, int[]> exact = new HashMap<>();
  private final Node heads = new Node();
  private final Node tails = new Node();
  private final List<Entry> innerBuilding = new ArrayList<>();
  private final List<Entry> unanchoredBuilding = new ArrayList<>();
  private long[] trigramKeys = {};
  private Entry[][] trigramEntries = {};
  private int trigramMask;
  private Entry[] unanchored = NO_ENTRIES;

  void add(String pattern, int rule, boolean include) {
    if (Glob.isLiteral(pattern)) {
      int[] rules = exact.getOrDefault(pattern, new int[0]);
      int[] grown = Arrays.copyOf(rules, rules.length + 1);
      grown[rules.length] = rule;
      exact.put(pattern, grown);
      addToTrie(heads, pattern, null, rule, include);
      return;
    }
    Entry entry = new Entry(pattern, rule);
    String head = Glob.literalPrefix(pattern);
    String tail = Glob.literalSuffix(pattern);
    String inner = Glob.longestLiteral(pattern);
    if (!head.isEmpty()) {
      addToTrie(heads, head, entry, rule, include);
    } else if (!tail.isEmpty()) {
      addToTrie(tails, new StringBuilder(tail).reverse().toString(), entry, rule, include);
    } else if (inner.length() >= GRAM) {
      innerBuilding.add(entry);
    } else {
      unanchoredBuilding.add(entry);
    }
  }

  private static void addToTrie(Node root, String key, Entry entry, int rule, boolean include) {
    Node n = root;
    for (int i = 0; i < key.length(); i++) {
      mark(n, rule, include);
      n = n.building.computeIfAbsent(key.charAt(i), k -> new Node());
    }
    mark(n, rule, include);
    if (entry != null) {
      n.pending.add(entry);
    }
  }

  private static void mark(Node n, int rule, boolean include) {
    if (include && (n.nearestInclude < 0 || rule < n.nearestInclude)) {
      n.nearestInclude = rule;
    }
  }

  /** Turns the building structures into the compact read-only ones. */
  void freeze() {
    heads.freeze();
    tails.freeze();
    unanchored = unanchoredBuilding.toArray(NO_ENTRIES);
    Map<String, List<Entry>> trigramsBuilding = byRarestTrigram(innerBuilding);
    int size = Integer.highestOneBit(Math.max(1, trigramsBuilding.size()) * 4);
    trigramKeys = new long[size];
    Arrays.fill(trigramKeys, -1L);
    trigramEntries = new Entry[size][];
    trigramMask = size - 1;
    trigramsBuilding.forEach((gram, entries) -> {
      long key = trigram(gram, 0);
      int slot = slot(key);
      while (trigramKeys[slot] != -1L) {
        slot = (slot + 1) & trigramMask;
      }
      trigramKeys[slot] = key;
      trigramEntries[slot] = entries.toArray(NO_ENTRIES);
    });
  }

  /**
   * Files each pattern under the trigram of its longest literal that the fewest patterns contain,
   * so that no trigram ("-db", "web") collects most of the patterns and a lookup checks few.
   */
  private static Map<String, List<Entry>> byRarestTrigram(List<Entry> entries) {
    Map<String, Integer> counts = new HashMap<>();
    for (Entry e : entries) {
      String literal = Glob.longestLiteral(e.pattern());
      for (int i = 0; i + GRAM <= literal.length(); i++) {
        counts.merge(literal.substring(i, i + GRAM), 1, Integer::sum);
      }
    }
    Map<String, List<Entry>> out = new HashMap<>();
    for (Entry e : entries) {
      String literal = Glob.longestLiteral(e.pattern());
      String rarest = literal.substring(0, GRAM);
      for (int i = 1; i + GRAM <= literal.length(); i++) {
        String gram = literal.substring(i, i + GRAM);
        if (counts.get(gram) < counts.get(rarest)) {
          rarest = gram;
        }
      }
      out.computeIfAbsent(rarest, k -> new ArrayList<>()).add(e);
    }
    return out;
  }

  private static long trigram(String s, int at) {
    return ((long) s.charAt(at) << 32) | ((long) s.charAt(at + 1) << 16) | s.charAt(at + 2);
  }

  private int slot(long key) {
    long h = key * 0x9E3779B97F4A7C15L;
    return (int) (h >>> 40) & trigramMask;
  }

  /** Adds every rule whose pattern matches the whole (lower-case) name. */
  void match(String name, RuleHits hits, Object fact) {
    int[] same = exact.get(name);
    if (same != null) {
      hits.addAll(same, fact);
    }
    Node n = heads;
    for (int i = 0; n != null; i++) {
      check(n.entries, name, hits, fact);
      n = i < name.length() ? n.child(name.charAt(i)) : null;
    }
    n = tails;
    for (int i = name.length() - 1; n != null; i--) {
      check(n.entries, name, hits, fact);
      n = i >= 0 ? n.child(name.charAt(i)) : null;
    }
    if (trigramEntries.length > 0) {
      for (int i = 0; i + GRAM <= name.length(); i++) {
        long key = trigram(name, i);
        for (int slot = slot(key); trigramKeys[slot] != -1L; slot = (slot + 1) & trigramMask) {
          if (trigramKeys[slot] == key) {
            check(trigramEntries[slot], name, hits, fact);
            break;
          }
        }
      }
    }
    check(unanchored, name, hits, fact);
  }

  private static void check(Entry[] entries, String name, RuleHits hits, Object fact) {
    for (Entry e : entries) {
      if (Glob.matches(e.pattern(), name)) {
        hits.add(e.rule(), fact);
      }
    }
  }

  /**
   * The first include rule among the patterns whose literal head shares the longest start with the
   * name, when that start is at least {@code minCommonChars} long; -1 otherwise.
   */
  int nearest(String name, int minCommonChars) {
    Node n = heads;
    int depth = 0;
    while (depth < name.length()) {
      Node next = n.child(name.charAt(depth));
      if (next == null || next.nearestInclude < 0) {
        break;
      }
      n = next;
      depth++;
    }
    return depth >= minCommonChars ? n.nearestInclude : -1;
  }
}
