package vigil.engine.scope;

import java.util.Arrays;

/**
 * The rules that matched one asset, each with the first fact it matched on (an {@code AssetKey} or
 * a described tag or account). Lives for one evaluation only, so the index stays shared and
 * immutable.
 */
final class RuleHits {
  private int[] rules = new int[16];
  private Object[] facts = new Object[16];
  private int size;

  void add(int rule, Object fact) {
    if (size == rules.length) {
      rules = Arrays.copyOf(rules, size * 2);
      facts = Arrays.copyOf(facts, size * 2);
    }
    rules[size] = rule;
    facts[size] = fact;
    size++;
  }

  void addAll(int[] matched, Object fact) {
    for (int r : matched) {
      add(r, fact);
    }
  }

  /** Sorts by rule (document order) and keeps each rule's first fact. */
  void sortUnique() {
    // Insertion sort: an asset matches a handful of rules, and it keeps the first fact of each.
    for (int i = 1; i < size; i++) {
      int r = rules[i];
      Object f = facts[i];
      int j = i - 1;
      while (j >= 0 && rules[j] > r) {
        rules[j + 1] = rules[j];
        facts[j + 1] = facts[j];
        j--;
      }
      rules[j + 1] = r;
      facts[j + 1] = f;
    }
    int kept = 0;
    for (int i = 0; i < size; i++) {
      if (kept == 0 || rules[kept - 1] != rules[i]) {
        rules[kept] = rules[i];
        facts[kept] = facts[i];
        kept++;
      }
    }
    size = kept;
  }

  int size() {
    return size;
  }

  int rule(int i) {
    return rules[i];
  }

  Object fact(int i) {
    return facts[i];
  }
}
