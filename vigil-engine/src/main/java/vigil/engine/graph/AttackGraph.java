package vigil.engine.graph;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vigil.model.identity.PrincipalKind;

/**
 * The logical attack graph of an environment (MulVAL style, under monotonicity): attacker states
 * derived from facts by the rules of a {@link RuleSet}, and what follows from it: the most likely
 * paths from entry points to crown jewels, the blast radius of a state, choke points, and what
 * remains after a fix. Built once per fact set; queries are thread-safe.
 *
 * <p>Scale: states and rule instances are ints in flat arrays; derivation is linear in the graph,
 * paths are a Dijkstra plus A*-guided Yen searches (see {@code PathSearch}).
 */
public final class AttackGraph {
  /** Paths sampled per crown jewel to rank choke points. */
  static final int CHOKE_SAMPLE_PATHS = 10;
  /** How often choke-point ranking re-samples paths once the earlier sample is covered. */
  static final int CHOKE_RESAMPLES = 8;

  private final Graph g;
  private final Index x;
  private final Explanations ex;
  private final List<String> jewelIds;
  private final int[] jewelGoal;
  private final boolean[] derived;
  private final int derivedCount;
  private PathSearch search;

  private AttackGraph(Graph g, List<String> jewelIds, int[] jewelGoal) {
    this.g = g;
    this.x = g.index;
    this.ex = new Explanations(g);
    this.jewelIds = jewelIds;
    this.jewelGoal = jewelGoal;
    this.derived = Derivation.derive(g, g.seeds, null);
    int n = 0;
    for (boolean d : derived) {
      n += d ? 1 : 0;
    }
    this.derivedCount = n;
  }

  /** Builds with the bundled rules and technique names. */
  public static AttackGraph build(Facts facts) {
    return build(facts, RuleSet.defaults(), Techniques.defaults());
  }

  /**
   * Grounds the rules on the facts and derives what the entry points reach.
   *
   * @throws IllegalArgumentException when a fact names something no fact describes (a service on an
   *     unknown host, a crown jewel that is no host, service or principal, a flow to an undeclared zone)
   */
  public static AttackGraph build(Facts facts, RuleSet rules, Techniques techniques) {
    Objects.requireNonNull(facts, "facts");
    Index index = new Index(facts, rules);
    Graph g = GraphBuilder.build(index, rules, techniques);
    List<String> ids = facts.topology().crownJewels();
    int[] goals = new int[ids.size()];
    for (int i = 0; i < goals.length; i++) {
      goals[i] = goal(g, index, ids.get(i));
    }
    return new AttackGraph(g, ids, goals);
  }

  /** The state that means "this crown jewel is compromised"; -1 when no rule can derive it. */
  private static int goal(Graph g, Index x, String id) {
    Integer host = x.hostIds.get(id);
    if (host != null) {
      return g.state(Predicate.EXEC_CODE, host, Predicate.USER);
    }
    Integer service = x.serviceIds.get(id);
    if (service != null) {
      return g.state(Predicate.EXEC_CODE, x.serviceHost[service], Predicate.USER);
    }
    int p = x.principalByIdOrName(id, "crown jewel " + id + " is no host, service or principal:");
    if (x.principals.get(p).kind() == PrincipalKind.COMPUTER && x.principalHost[p] >= 0) {
      return g.state(Predicate.EXEC_CODE, x.principalHost[p], Predicate.USER);
    }
    return g.state(Predicate.CONTROLS, p, 0);
  }

  public GraphStats stats() {
    return new GraphStats(x.facts.hosts().size(), x.services.size(), x.exposures.size(), x.principals.size(),
        x.edgeCount, g.states, g.ands, g.edges(), derivedCount, x.entries.size(), jewelIds.size(),
        reachableJewels(derived).size(), ex.statesByKind(), x.warnings);
  }

  /** The crown jewels as declared. */
  public List<String> crownJewels() {
    return jewelIds;
  }

  /** The crown jewels some entry point reaches. */
  public List<String> reachableCrownJewels() {
    return reachableJewels(derived);
  }

  /** Up to k most likely paths to every reachable crown jewel, by crown jewel then likelihood. */
  public synchronized List<AttackPath> paths(int k) {
    List<AttackPath> out = new ArrayList<>();
    for (int j = 0; j < jewelIds.size(); j++) {
      out.addAll(paths(search(), j, k));
    }
    return out;
  }

  /** Up to k most likely paths to one crown jewel (by its id as declared), most likely first. */
  public synchronized List<AttackPath> paths(String crownJewel, int k) {
    int j = jewelIds.indexOf(crownJewel);
    if (j < 0) {
      throw new IllegalArgumentException(crownJewel + " is not a crown jewel (declared: " + jewelIds + ")");
    }
    return paths(search(), j, k);
  }

  private List<AttackPath> paths(PathSearch s, int jewel, int k) {
    List<AttackPath> out = new ArrayList<>();
    if (jewelGoal[jewel] < 0) {
      return out;
    }
    List<PathSearch.Found> found = k == 1 ? singleton(s.shortest(jewelGoal[jewel])) : s.kShortest(jewelGoal[jewel], k);
    for (PathSearch.Found f : found) {
      out.add(ex.path(f, jewelIds.get(jewel)));
    }
    return out;
  }

  private static List<PathSearch.Found> singleton(PathSearch.Found f) {
    return f == null ? List.of() : List.of(f);
  }

  private PathSearch search() {
    if (search == null) {
      search = new PathSearch(g, null, g.seeds);
    }
    return search;
  }

  /**
   * Everything derivable from one state alone: "execCode(web01,admin)", "controls(S-1-…)", or a
   * bare host id (admin on it), service id (access to it), principal id or name (acting as it), or
   * entry point id.
   *
   * @param limit how many reached states to list (counts are always complete)
   */
  public BlastRadius blast(String state, int limit) {
    int s = ex.resolve(state);
    if (s < 0) {
      throw new IllegalArgumentException("no rule derives anything from or to '" + state + "'");
    }
    boolean[] from = Derivation.derive(g, new int[] {s}, null);
    int count = 0;
    Set<Integer> userHosts = new LinkedHashSet<>();
    int adminHosts = 0;
    int identities = 0;
    List<Integer> important = new ArrayList<>();
    List<Integer> rest = new ArrayList<>();
    for (int v = 0; v < g.states; v++) {
      if (!from[v]) {
        continue;
      }
      count++;
      Predicate p = g.predicate(v);
      if (p == Predicate.EXEC_CODE) {
        userHosts.add(g.stateA[v]);
        adminHosts += g.stateB[v] == Predicate.ADMIN ? 1 : 0;
      }
      identities += p == Predicate.CONTROLS ? 1 : 0;
      (p == Predicate.EXEC_CODE || p == Predicate.CONTROLS ? important : rest).add(v);
    }
    important.addAll(rest);
    List<StateRef> reached = new ArrayList<>();
    for (int i = 0; i < Math.min(limit, important.size()); i++) {
      reached.add(ex.ref(important.get(i)));
    }
    return new BlastRadius(ex.ref(s), count, userHosts.size(), adminHosts, identities, reachableJewels(from), reached,
        important.size() > limit);
  }

  /**
   * The fixes that cut the most attack paths: a greedy hitting set over the most likely paths to
   * every crown jewel (sampled again once covered), each pick then verified by recomputing
   * reachability without it, alone and together with the higher-ranked ones.
   */
  public synchronized List<ChokePoint> chokePoints(int n) {
    boolean[] removed = new boolean[x.labelCount];
    List<int[]> sample = new ArrayList<>(); // per path: jewel, then its distinct labels
    List<Integer> picks = new ArrayList<>();
    List<Integer> hits = new ArrayList<>();
    boolean[] covered = new boolean[0];
    PathSearch s = search();
    int resamples = 0;
    while (picks.size() < n) {
      int uncovered = 0;
      Map<Integer, Integer> counts = new HashMap<>();
      for (int i = 0; i < sample.size(); i++) {
        if (covered[i]) {
          continue;
        }
        uncovered++;
        int[] path = sample.get(i);
        for (int k = 1; k < path.length; k++) {
          counts.merge(path[k], 1, Integer::sum);
        }
      }
      if (counts.isEmpty()) {
        if (uncovered > 0 || resamples > CHOKE_RESAMPLES) {
          break; // what remains cannot be cut by any fix, or enough rounds
        }
        int before = sample.size();
        if (resamples > 0) {
          s = new PathSearch(g, removed, g.seeds);
        }
        resamples++;
        sample(s, sample);
        covered = java.util.Arrays.copyOf(covered, sample.size());
        if (sample.size() == before) {
          break; // no crown jewel reachable any more
        }
        continue;
      }
      int best = -1;
      int bestCount = 0;
      for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
        if (e.getValue() > bestCount || e.getValue() == bestCount && e.getKey() < best) {
          best = e.getKey();
          bestCount = e.getValue();
        }
      }
      picks.add(best);
      hits.add(bestCount);
      removed[best] = true;
      for (int i = 0; i < sample.size(); i++) {
        if (!covered[i] && contains(sample.get(i), best)) {
          covered[i] = true;
        }
      }
    }
    return verify(picks, hits, sample);
  }

  /** Adds the k most likely paths to each reachable crown jewel: jewel index, then distinct labels. */
  private void sample(PathSearch s, List<int[]> sample) {
    for (int j = 0; j < jewelIds.size(); j++) {
      if (jewelGoal[j] < 0 || !s.reachable(jewelGoal[j])) {
        continue;
      }
      for (PathSearch.Found f : s.kShortest(jewelGoal[j], CHOKE_SAMPLE_PATHS)) {
        Set<Integer> labels = new LinkedHashSet<>();
        for (int a : f.ands()) {
          if (g.andLabel[a] >= 0) {
            labels.add(g.andLabel[a]);
          }
        }
        int[] row = new int[labels.size() + 1];
        row[0] = j;
        int k = 1;
        for (int l : labels) {
          row[k++] = l;
        }
        sample.add(row);
      }
    }
  }

  private List<ChokePoint> verify(List<Integer> picks, List<Integer> hits, List<int[]> sample) {
    List<String> before = reachableJewels(derived);
    List<ChokePoint> out = new ArrayList<>();
    boolean[] cumulative = new boolean[x.labelCount];
    for (int i = 0; i < picks.size(); i++) {
      int label = picks.get(i);
      boolean[] alone = new boolean[x.labelCount];
      alone[label] = true;
      List<String> after = reachableJewels(Derivation.derive(g, g.seeds, alone));
      List<String> cut = new ArrayList<>(before);
      cut.removeAll(after);
      cumulative[label] = true;
      boolean[] d = Derivation.derive(g, g.seeds, cumulative);
      // Claimed: jewels every sampled path to which lies through this fix. Verified: each is really cut.
      Set<String> claimed = new LinkedHashSet<>();
      for (int j = 0; j < jewelIds.size(); j++) {
        boolean any = false;
        boolean all = true;
        for (int[] row : sample) {
          if (row[0] == j) {
            any = true;
            all &= contains(row, label);
          }
        }
        if (any && all) {
          claimed.add(jewelIds.get(j));
        }
      }
      out.add(new ChokePoint(i + 1, x.labelId(label), x.labelKind(label), ex.describe(label), hits.get(i),
          sample.size(), cut, reachableJewels(d).size(), cut.containsAll(claimed)));
    }
    return out;
  }

  private static boolean contains(int[] row, int label) {
    for (int k = 1; k < row.length; k++) {
      if (row[k] == label) {
        return true;
      }
    }
    return false;
  }

  /** What-if for exposures fixed and flows removed; the most likely remaining path per crown jewel. */
  public WhatIf whatIf(Set<String> exposureIds, Set<String> flowIds) {
    List<String> ids = new ArrayList<>(exposureIds);
    ids.addAll(flowIds);
    return whatIf(ids, 1);
  }

  /**
   * What-if for any fixes: exposure ids, flow ids, identity edges ("source|Relation|target") and
   * credential ids. Recomputes reachability and the k most likely paths to each crown jewel.
   */
  public WhatIf whatIf(Collection<String> fixIds, int k) {
    boolean[] removed = new boolean[x.labelCount];
    List<String> applied = new ArrayList<>();
    List<String> unknown = new ArrayList<>();
    for (String id : new LinkedHashSet<>(fixIds)) {
      int label = x.label(id);
      if (label < 0) {
        unknown.add(id);
      } else {
        removed[label] = true;
        applied.add(id);
      }
    }
    PathSearch s = new PathSearch(g, removed, g.seeds);
    boolean[] d = s.reached();
    List<AttackPath> remaining = new ArrayList<>();
    for (int j = 0; j < jewelIds.size(); j++) {
      remaining.addAll(paths(s, j, k));
    }
    List<String> before = reachableJewels(derived);
    List<String> after = reachableJewels(d);
    List<String> cut = new ArrayList<>(before);
    cut.removeAll(after);
    int statesAfter = 0;
    for (boolean b : d) {
      statesAfter += b ? 1 : 0;
    }
    return new WhatIf(applied, unknown, before, after, cut, derivedCount, statesAfter, compromisedHosts(derived),
        compromisedHosts(d), remaining);
  }

  /**
   * For the risk model: every exposure that is exploitable and leads on to a crown jewel, and
   * whether it is among the first {@code chokePoints} choke points. Exposures not listed are on no
   * path.
   */
  public synchronized Map<String, AttackPathPosition> exposurePositions(int chokePoints) {
    boolean[] live = Derivation.live(g, derived, null);
    boolean[] toJewel = new boolean[g.states];
    int[] queue = new int[g.states];
    int tail = 0;
    for (int goal : jewelGoal) {
      if (goal >= 0 && derived[goal] && !toJewel[goal]) {
        toJewel[goal] = true;
        queue[tail++] = goal;
      }
    }
    for (int head = 0; head < tail; head++) {
      int v = queue[head];
      for (int y = g.inStart[v]; y < g.inStart[v + 1]; y++) {
        int a = g.in[y];
        if (!live[a]) {
          continue;
        }
        for (int z = g.preStart[a]; z < g.preStart[a + 1]; z++) {
          int p = g.pre[z];
          if (!toJewel[p]) {
            toJewel[p] = true;
            queue[tail++] = p;
          }
        }
      }
    }
    Set<String> chokes = new LinkedHashSet<>();
    for (ChokePoint c : chokePoints(chokePoints)) {
      if (c.kind().equals("exposure")) {
        chokes.add(c.id());
      }
    }
    Map<String, AttackPathPosition> out = new LinkedHashMap<>();
    for (int e = 0; e < x.exposures.size(); e++) {
      boolean on = false;
      for (int y = g.labelStart[e]; y < g.labelStart[e + 1] && !on; y++) {
        int a = g.labelAnds[y];
        on = live[a] && toJewel[g.andConclusion[a]];
      }
      String id = x.exposures.get(e).id();
      if (on || chokes.contains(id)) {
        out.put(id, new AttackPathPosition(id, on, chokes.contains(id)));
      }
    }
    return out;
  }

  private List<String> reachableJewels(boolean[] d) {
    List<String> out = new ArrayList<>();
    for (int j = 0; j < jewelIds.size(); j++) {
      if (jewelGoal[j] >= 0 && d[jewelGoal[j]]) {
        out.add(jewelIds.get(j));
      }
    }
    return out;
  }

  private int compromisedHosts(boolean[] d) {
    int n = 0;
    for (int h = 0; h < x.hosts.size(); h++) {
      int s = g.state(Predicate.EXEC_CODE, h, Predicate.USER);
      n += s >= 0 && d[s] ? 1 : 0;
    }
    return n;
  }
}
