package vigil.engine.graph;

import java.util.List;

/**
 * The grounded AND/OR graph in compact arrays. States (OR nodes) and rule instances (AND nodes)
 * are ints; a rule instance has its preconditions in {@code pre[preStart[a] .. preStart[a+1])},
 * one conclusion, the rule and fact it came from, the label a fix removes (-1 for none), a
 * probability and a technique. Adjacency is in CSR form both ways.
 */
final class Graph {
  final Index index;
  final RuleSet rules;

  // states
  final int states;
  final byte[] statePredicate;
  final int[] stateA;
  final int[] stateB;
  final LongIntMap stateIds;

  // rule instances
  final int ands;
  final int[] andRule;
  final int[] andFact;
  final int[] andLabel;
  final float[] andProbability;
  final double[] andWeight;
  final int[] andTechnique;
  final int[] andConclusion;
  final int[] preStart;
  final int[] pre;
  final List<Technique> techniques;

  // state → instances it is a precondition of; state → instances concluding it; label → instances
  final int[] outStart;
  final int[] out;
  final int[] inStart;
  final int[] in;
  final int[] labelStart;
  final int[] labelAnds;

  /** attacker(entry) of every entry point, by entry index. */
  final int[] seeds;

  Graph(Index index, RuleSet rules, GraphBuilder b) {
    this.index = index;
    this.rules = rules;
    states = b.stateCount;
    statePredicate = java.util.Arrays.copyOf(b.statePredicate, states);
    stateA = java.util.Arrays.copyOf(b.stateA, states);
    stateB = java.util.Arrays.copyOf(b.stateB, states);
    stateIds = b.stateIds;
    ands = b.conclusion.size();
    andRule = b.rule.toArray();
    andFact = b.fact.toArray();
    andLabel = b.label.toArray();
    andTechnique = b.technique.toArray();
    andConclusion = b.conclusion.toArray();
    andProbability = java.util.Arrays.copyOf(b.probability, ands);
    andWeight = new double[ands];
    for (int a = 0; a < ands; a++) {
      andWeight[a] = -Math.log(andProbability[a]);
    }
    preStart = b.preStart.toArray();
    pre = b.pre.toArray();
    techniques = List.copyOf(b.techniques);
    seeds = b.seeds;

    int[][] o = csr(states, pre, preStart, ands);
    outStart = o[0];
    out = o[1];
    int[] one = new int[ands + 1];
    for (int a = 0; a <= ands; a++) {
      one[a] = a;
    }
    int[][] i = csr(states, andConclusion, one, ands);
    inStart = i[0];
    in = i[1];
    int labelled = 0;
    for (int a = 0; a < ands; a++) {
      labelled += andLabel[a] >= 0 ? 1 : 0;
    }
    int[] labelOf = new int[labelled];
    int[] ownerAnd = new int[labelled];
    int k = 0;
    for (int a = 0; a < ands; a++) {
      if (andLabel[a] >= 0) {
        labelOf[k] = andLabel[a];
        ownerAnd[k] = a;
        k++;
      }
    }
    int[][] l = csrOwned(index.labelCount, labelOf, ownerAnd);
    labelStart = l[0];
    labelAnds = l[1];
  }

  /** Inverts "owner a lists targets[from[a] .. from[a+1])" into "target lists owners", by counting sort. */
  private static int[][] csr(int targets, int[] list, int[] from, int owners) {
    int[] start = new int[targets + 1];
    for (int x = 0; x < from[owners]; x++) {
      start[list[x] + 1]++;
    }
    for (int t = 0; t < targets; t++) {
      start[t + 1] += start[t];
    }
    int[] fill = java.util.Arrays.copyOf(start, targets);
    int[] result = new int[from[owners]];
    for (int a = 0; a < owners; a++) {
      for (int x = from[a]; x < from[a + 1]; x++) {
        result[fill[list[x]]++] = a;
      }
    }
    return new int[][] {start, result};
  }

  private static int[][] csrOwned(int targets, int[] target, int[] owner) {
    int[] start = new int[targets + 1];
    for (int t : target) {
      start[t + 1]++;
    }
    for (int t = 0; t < targets; t++) {
      start[t + 1] += start[t];
    }
    int[] fill = java.util.Arrays.copyOf(start, targets);
    int[] result = new int[target.length];
    for (int x = 0; x < target.length; x++) {
      result[fill[target[x]]++] = owner[x];
    }
    return new int[][] {start, result};
  }

  Predicate predicate(int state) {
    return Predicate.values()[statePredicate[state]];
  }

  static long key(Predicate p, int a, int b) {
    return ((long) (p.ordinal() + 1) << 56) | ((long) a << 24) | b;
  }

  /** The state, or -1 when no rule instance mentions it. */
  int state(Predicate p, int a, int b) {
    return stateIds.get(key(p, a, b));
  }

  long edges() {
    return (long) pre.length + ands;
  }
}
