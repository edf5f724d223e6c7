package vigil.engine.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Most likely paths on the derived graph. A step goes from a state to the conclusion of a live
 * rule instance it is a precondition of, at cost −ln p. A rule instance with several
 * preconditions is entered through its critical one, the one reached last (Knuth's generalisation
 * of Dijkstra to AND nodes, with cost max over preconditions + step); the others are derivable,
 * that is what live means, and are listed as side conditions, not walked.
 *
 * <p>One Dijkstra from all entry points gives every state's distance. The k most likely paths to a
 * target are Yen's algorithm run backwards from the target, each spur search an A* towards the
 * entry points whose heuristic is that forward distance: exact on the unrestricted graph, hence
 * admissible and consistent when Yen removes edges, so a spur search visits little more than the
 * path it finds.
 */
final class PathSearch {
  /** A path in walking order: {@code states[0]} an entry, {@code ands[i]} leads from states[i] to states[i+1]. */
  record Found(int[] states, int[] ands, double cost) {}

  /** A path backwards: nodes[0] the target, ands[i] concludes nodes[i] from precondition nodes[i+1]. */
  private record Back(int[] nodes, int[] ands, double cost) {
    String key() {
      return Arrays.toString(nodes) + Arrays.toString(ands);
    }
  }

  private final Graph g;
  private final boolean[] removed;
  final double[] dist;
  private final int[] viaAnd;
  private final int[] viaPre;
  private final boolean[] seed;

  // A* scratch, reused across spur searches
  private final double[] cost;
  private final int[] seen;
  private final int[] closed;
  private final int[] blocked;
  private final int[] parentNode;
  private final int[] parentAnd;
  private int stamp;
  private final MinHeap heap;

  /** Runs the Dijkstra; {@code removed} (by label, may be null) are the fixes to leave out. */
  PathSearch(Graph g, boolean[] removed, int[] seeds) {
    this.g = g;
    this.removed = removed;
    int n = g.states;
    dist = new double[n];
    viaAnd = new int[n];
    viaPre = new int[n];
    seed = new boolean[n];
    Arrays.fill(dist, Double.POSITIVE_INFINITY);
    heap = new MinHeap(1024);
    for (int s : seeds) {
      seed[s] = true;
      dist[s] = 0;
      viaAnd[s] = -1;
      heap.push(0, s);
    }
    dijkstra();
    cost = new double[n];
    seen = new int[n];
    closed = new int[n];
    blocked = new int[n];
    parentNode = new int[n];
    parentAnd = new int[n];
  }

  private void dijkstra() {
    int[] outStart = g.outStart;
    int[] out = g.out;
    double[] w = g.andWeight;
    int[] conclusion = g.andConclusion;
    int[] waiting = new int[g.ands];
    for (int a = 0; a < g.ands; a++) {
      waiting[a] = g.preStart[a + 1] - g.preStart[a];
    }
    boolean[] done = new boolean[g.states];
    while (!heap.isEmpty()) {
      double d = heap.peekKey();
      int s = heap.pop();
      if (done[s]) {
        continue;
      }
      done[s] = true;
      for (int x = outStart[s], end = outStart[s + 1]; x < end; x++) {
        int a = out[x];
        if (--waiting[a] > 0 || isRemoved(a)) {
          continue; // enter an instance through the precondition settled last
        }
        int c = conclusion[a];
        double nd = d + w[a];
        if (nd < dist[c]) {
          dist[c] = nd;
          viaAnd[c] = a;
          viaPre[c] = g.preStart[a + 1] - g.preStart[a] == 1 ? s : critical(a);
          heap.push(nd, c);
        }
      }
    }
  }

  private boolean isRemoved(int a) {
    return removed != null && g.andLabel[a] >= 0 && removed[g.andLabel[a]];
  }

  /** Not removed, and every precondition reached. */
  private boolean fires(int a) {
    if (isRemoved(a)) {
      return false;
    }
    for (int y = g.preStart[a], end = g.preStart[a + 1]; y < end; y++) {
      if (dist[g.pre[y]] == Double.POSITIVE_INFINITY) {
        return false;
      }
    }
    return true;
  }

  /** The states reached: what derivation gives under the same removals. */
  boolean[] reached() {
    boolean[] r = new boolean[g.states];
    for (int v = 0; v < r.length; v++) {
      r[v] = dist[v] < Double.POSITIVE_INFINITY;
    }
    return r;
  }

  boolean reachable(int target) {
    return target >= 0 && dist[target] < Double.POSITIVE_INFINITY;
  }

  /** The most likely path to the target, or {@code null}. */
  Found shortest(int target) {
    Back b = shortestBack(target);
    return b == null ? null : forward(b);
  }

  /** Up to k most likely loopless paths to the target, most likely first. */
  List<Found> kShortest(int target, int k) {
    List<Found> result = new ArrayList<>();
    Back first = shortestBack(target);
    if (first == null || k <= 0) {
      return result;
    }
    List<Back> accepted = new ArrayList<>();
    accepted.add(first);
    PriorityQueue<Back> candidates = new PriorityQueue<>((x, y) -> Double.compare(x.cost, y.cost));
    Set<String> known = new HashSet<>();
    known.add(first.key());
    while (accepted.size() < k) {
      Back prev = accepted.get(accepted.size() - 1);
      double rootCost = 0;
      for (int i = 0; i < prev.nodes.length - 1; i++) {
        Set<Long> removedEdges = new HashSet<>();
        for (Back p : accepted) {
          if (p.nodes.length > i + 1 && samePrefix(p, prev, i)) {
            removedEdges.add(edge(p.ands[i], p.nodes[i + 1]));
          }
        }
        stamp++;
        for (int j = 0; j < i; j++) {
          blocked[prev.nodes[j]] = stamp;
        }
        Back spur = astar(prev.nodes[i], removedEdges);
        if (spur != null) {
          Back total = join(prev, i, rootCost, spur);
          if (known.add(total.key())) {
            candidates.add(total);
          }
        }
        rootCost += g.andWeight[prev.ands[i]];
      }
      if (candidates.isEmpty()) {
        break;
      }
      accepted.add(candidates.poll());
    }
    for (Back b : accepted) {
      result.add(forward(b));
    }
    return result;
  }

  private Back shortestBack(int target) {
    if (!reachable(target)) {
      return null;
    }
    IntList nodes = new IntList(16);
    IntList ands = new IntList(16);
    int s = target;
    nodes.add(s);
    while (!seed[s]) {
      ands.add(viaAnd[s]);
      s = viaPre[s];
      nodes.add(s);
    }
    return new Back(nodes.toArray(), ands.toArray(), dist[target]);
  }

  private static boolean samePrefix(Back p, Back q, int i) {
    for (int j = 0; j <= i; j++) {
      if (p.nodes[j] != q.nodes[j] || j < i && p.ands[j] != q.ands[j]) {
        return false;
      }
    }
    return true;
  }

  private static long edge(int and, int preState) {
    return ((long) and << 32) | preState;
  }

  /** A* backwards from {@code start} to any entry, avoiding blocked states and removed edges. */
  private Back astar(int start, Set<Long> removedEdges) {
    heap.clear();
    cost[start] = 0;
    seen[start] = stamp;
    parentNode[start] = -1;
    heap.push(dist[start], start);
    while (!heap.isEmpty()) {
      int v = heap.pop();
      if (closed[v] == stamp) {
        continue;
      }
      closed[v] = stamp;
      if (seed[v]) {
        return trace(start, v);
      }
      for (int x = g.inStart[v], end = g.inStart[v + 1]; x < end; x++) {
        int a = g.in[x];
        if (!fires(a)) {
          continue;
        }
        double nc = cost[v] + g.andWeight[a];
        int p = critical(a);
        if (blocked[p] == stamp || closed[p] == stamp
            || !removedEdges.isEmpty() && removedEdges.contains(edge(a, p))) {
          continue;
        }
        if (seen[p] != stamp || nc < cost[p]) {
          seen[p] = stamp;
          cost[p] = nc;
          parentNode[p] = v;
          parentAnd[p] = a;
          heap.push(nc + dist[p], p);
        }
      }
    }
    return null;
  }

  /** The precondition an instance is entered through: the one farthest from the entry points. */
  private int critical(int a) {
    int best = g.pre[g.preStart[a]];
    for (int y = g.preStart[a] + 1; y < g.preStart[a + 1]; y++) {
      if (dist[g.pre[y]] > dist[best]) {
        best = g.pre[y];
      }
    }
    return best;
  }

  private Back trace(int start, int end) {
    IntList nodes = new IntList(16);
    IntList ands = new IntList(16);
    for (int v = end; v != start; v = parentNode[v]) {
      nodes.add(v);
      ands.add(parentAnd[v]);
    }
    nodes.add(start);
    int[] n = reverse(nodes.toArray());
    int[] a = reverse(ands.toArray());
    return new Back(n, a, cost[end]);
  }

  private static Back join(Back root, int i, double rootCost, Back spur) {
    int[] nodes = new int[i + spur.nodes.length];
    int[] ands = new int[i + spur.ands.length];
    System.arraycopy(root.nodes, 0, nodes, 0, i);
    System.arraycopy(spur.nodes, 0, nodes, i, spur.nodes.length);
    System.arraycopy(root.ands, 0, ands, 0, i);
    System.arraycopy(spur.ands, 0, ands, i, spur.ands.length);
    return new Back(nodes, ands, rootCost + spur.cost);
  }

  private static Found forward(Back b) {
    return new Found(reverse(b.nodes.clone()), reverse(b.ands.clone()), b.cost);
  }

  private static int[] reverse(int[] a) {
    for (int i = 0, j = a.length - 1; i < j; i++, j--) {
      int t = a[i];
      a[i] = a[j];
      a[j] = t;
    }
    return a;
  }
}
