package vigil.engine.graph;

/**
 * Forward chaining to the fixpoint: which states follow from the seeds. A rule instance fires once
 * all its preconditions hold, unless its label is among the removed (a fixed exposure, a blocked
 * flow). Monotone: more facts never derive less. Linear in the size of the graph.
 */
final class Derivation {
  private Derivation() {}

  /** The derived states; {@code removed} (by label) may be {@code null}. */
  static boolean[] derive(Graph g, int[] seeds, boolean[] removed) {
    boolean[] derived = new boolean[g.states];
    int[] missing = new int[g.ands];
    for (int a = 0; a < g.ands; a++) {
      missing[a] = g.preStart[a + 1] - g.preStart[a];
    }
    int[] queue = new int[g.states];
    int tail = 0;
    for (int s : seeds) {
      if (!derived[s]) {
        derived[s] = true;
        queue[tail++] = s;
      }
    }
    int[] outStart = g.outStart;
    int[] out = g.out;
    int[] label = g.andLabel;
    int[] conclusion = g.andConclusion;
    for (int head = 0; head < tail; head++) {
      int s = queue[head];
      for (int x = outStart[s], end = outStart[s + 1]; x < end; x++) {
        int a = out[x];
        if (--missing[a] != 0 || removed != null && label[a] >= 0 && removed[label[a]]) {
          continue;
        }
        int c = conclusion[a];
        if (!derived[c]) {
          derived[c] = true;
          queue[tail++] = c;
        }
      }
    }
    return derived;
  }

  /** Rule instances that fire: not removed, every precondition derived. */
  static boolean[] live(Graph g, boolean[] derived, boolean[] removed) {
    boolean[] live = new boolean[g.ands];
    for (int a = 0; a < g.ands; a++) {
      if (removed != null && g.andLabel[a] >= 0 && removed[g.andLabel[a]]) {
        continue;
      }
      boolean all = true;
      for (int x = g.preStart[a], end = g.preStart[a + 1]; x < end && all; x++) {
        all = derived[g.pre[x]];
      }
      live[a] = all;
    }
    return live;
  }
}
