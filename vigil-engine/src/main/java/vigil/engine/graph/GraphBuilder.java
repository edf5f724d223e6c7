package vigil.engine.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vigil.model.identity.Principal;

/**
 * Grounds the rules on the facts: every rule, for every fact of its type that passes its filters
 * and has every variable its templates use, becomes one rule instance whose preconditions and
 * conclusion are interned states. Rules are data; this class only knows how facts bind variables.
 */
final class GraphBuilder {
  private final Index x;
  private final RuleSet rules;
  private final Techniques techniqueTable;

  int stateCount;
  byte[] statePredicate = new byte[1024];
  int[] stateA = new int[1024];
  int[] stateB = new int[1024];
  final LongIntMap stateIds;

  final IntList rule;
  final IntList fact;
  final IntList label;
  final IntList technique;
  final IntList conclusion;
  float[] probability;
  final IntList preStart;
  final IntList pre;
  final List<Technique> techniques = new ArrayList<>();
  private final Map<String, Integer> techniqueIds = new HashMap<>();
  int[] seeds;

  private GraphBuilder(Index x, RuleSet rules, Techniques techniqueTable) {
    this.x = x;
    this.rules = rules;
    this.techniqueTable = techniqueTable;
    int guess = x.hosts.size() * 4 + x.services.size() * 2 + x.exposures.size() + x.edgeCount * 2
        + x.principals.size() * 3 + 64;
    stateIds = new LongIntMap(x.hosts.size() * 3 + x.services.size() + x.principals.size() * 2 + 64);
    rule = new IntList(guess);
    fact = new IntList(guess);
    label = new IntList(guess);
    technique = new IntList(guess);
    conclusion = new IntList(guess);
    probability = new float[guess];
    preStart = new IntList(guess + 1);
    pre = new IntList(guess + guess / 4);
    preStart.add(0);
  }

  static Graph build(Index index, RuleSet rules, Techniques techniques) {
    GraphBuilder b = new GraphBuilder(index, rules, techniques);
    b.seeds = new int[index.entries.size()];
    for (int e = 0; e < b.seeds.length; e++) {
      b.seeds[e] = b.intern(Predicate.ATTACKER, e, 0);
    }
    for (Rule r : rules.rules()) {
      b.ground(r);
    }
    return new Graph(index, rules, b);
  }

  private void ground(Rule r) {
    FactType t = r.on();
    int n = count(t);
    int[] vars = new int[t.variables().size()];
    int[] preStates = new int[r.requires().size()];
    int filters = t.filters().size();
    int fixedTechnique = r.technique() == null ? -1 : technique(r.technique(), "rule " + r.id());
    facts:
    for (int f = 0; f < n; f++) {
      if (t == FactType.EXPOSURE && x.traits[f] == null) {
        continue; // no vector and no default for its kind: takes no part
      }
      for (int k = 0; k < filters; k++) {
        if (r.allowed()[k] != null && !r.admits(k, code(t, k, f))) {
          continue facts;
        }
      }
      x.bind(t, f, vars);
      for (int i = 0; i < preStates.length; i++) {
        preStates[i] = state(r.requires().get(i), vars);
        if (preStates[i] < 0) {
          continue facts;
        }
      }
      int c = state(r.yields(), vars);
      if (c < 0) {
        continue;
      }
      for (int p : preStates) {
        if (p == c) {
          continue facts; // a state from itself says nothing
        }
      }
      int tech = t == FactType.EXPOSURE ? exposureTechnique(r, f, fixedTechnique) : fixedTechnique;
      add(r.index(), f, labelOf(t, f), (float) probability(r, t, f), tech, preStates, c);
    }
  }

  private void add(int ruleIndex, int f, int lbl, float p, int tech, int[] preStates, int c) {
    int a = conclusion.size();
    rule.add(ruleIndex);
    fact.add(f);
    label.add(lbl);
    technique.add(tech);
    conclusion.add(c);
    if (a == probability.length) {
      probability = Arrays.copyOf(probability, a + (a >> 1) + 16);
    }
    probability[a] = p;
    for (int s : preStates) {
      pre.add(s);
    }
    preStart.add(pre.size());
  }

  private int state(Template t, int[] vars) {
    int a = 0;
    int b = 0;
    int[] slots = t.slots();
    for (int i = 0; i < slots.length; i++) {
      int v = slots[i] >= 0 ? vars[slots[i]] : t.constants()[i];
      if (v < 0) {
        return -1;
      }
      if (i == 0) {
        a = v;
      } else {
        b = v;
      }
    }
    return intern(t.predicate(), a, b);
  }

  int intern(Predicate p, int a, int b) {
    long key = Graph.key(p, a, b);
    int s = stateIds.get(key);
    if (s >= 0) {
      return s;
    }
    s = stateCount++;
    if (s == statePredicate.length) {
      int n = s + (s >> 1) + 16;
      statePredicate = Arrays.copyOf(statePredicate, n);
      stateA = Arrays.copyOf(stateA, n);
      stateB = Arrays.copyOf(stateB, n);
    }
    statePredicate[s] = (byte) p.ordinal();
    stateA[s] = a;
    stateB[s] = b;
    stateIds.putNew(key, s);
    return s;
  }

  private int count(FactType t) {
    return switch (t) {
      case ENTRY_POINT -> x.entries.size();
      case HOST -> x.hosts.size();
      case ZONE_PORT -> x.zpZone.size();
      case SERVICE -> x.services.size();
      case INTERNET_SERVICE -> x.isService.size();
      case EXPOSURE -> x.exposures.size();
      case IDENTITY_EDGE -> x.edgeCount;
      case PRINCIPAL -> x.principals.size();
      case CREDENTIAL -> x.credentials.size();
    };
  }

  /** The fact's code for filter {@code k} (the index of its value in the filter's vocabulary). */
  private int code(FactType t, int k, int f) {
    switch (t) {
      case ENTRY_POINT:
        return x.entries.get(f).kind().ordinal();
      case HOST:
        return x.hostZone[f] >= 0 ? 1 : 0;
      case SERVICE:
        return x.services.get(f).internetFacing() ? 1 : 0;
      case EXPOSURE: {
        ExposureTraits tr = x.traits[f];
        if (tr == null) {
          return -1; // takes no part in the graph
        }
        return switch (k) {
          case 0 -> tr.av();
          case 1 -> tr.ac();
          case 2 -> tr.pr();
          case 3 -> tr.ui();
          case 4 -> tr.impact();
          case 5 -> x.exposures.get(f).kind().ordinal();
          default -> x.exposureService[f] >= 0 ? 1 : 0;
        };
      }
      case IDENTITY_EDGE:
        return switch (k) {
          case 0 -> x.edgeRelation[f];
          case 1 -> x.principals.get(x.edgeSource[f]).kind().ordinal();
          default -> x.principals.get(x.edgeTarget[f]).kind().ordinal();
        };
      case PRINCIPAL: {
        Principal p = x.principals.get(f);
        return switch (k) {
          case 0 -> p.kind().ordinal();
          case 1 -> p.flag("isdc") ? 1 : 0;
          default -> p.enabled() ? 1 : 0;
        };
      }
      default:
        return -1;
    }
  }

  private int labelOf(FactType t, int f) {
    return switch (t) {
      case EXPOSURE -> f;
      case ZONE_PORT -> x.labelFlowBase + x.zpFlow.get(f);
      case IDENTITY_EDGE -> x.labelEdgeBase + f;
      case CREDENTIAL -> x.labelCredentialBase + f;
      default -> -1;
    };
  }

  private double probability(Rule r, FactType t, int f) {
    double p = switch (r.probabilityKind()) {
      case "exposure" -> {
        ExposureFact e = x.exposures.get(f);
        yield rules.exposureProbability(e.kev(), e.epss(), x.traits[f].lowComplexity());
      }
      case "entry" -> x.entries.get(f).probability() != null ? x.entries.get(f).probability() : r.probability();
      default -> r.probability();
    };
    return Math.max(1e-9, p * r.factor());
  }

  private int exposureTechnique(Rule r, int f, int fixed) {
    if (r.cweTechnique()) {
      Technique t = techniqueTable.fromCwes(x.exposures.get(f).cwes(), r.tactics());
      if (t != null) {
        return intern(t);
      }
    }
    int s = x.exposureService[f];
    if (r.internetTechnique() != null && s >= 0 && x.serviceInternetReachable[s]) {
      return technique(r.internetTechnique(), "rule " + r.id() + " (internet-facing)");
    }
    return fixed;
  }

  private int technique(String id, String source) {
    return intern(techniqueTable.named(id, source));
  }

  private int intern(Technique t) {
    String key = t.id() + "|" + t.source();
    Integer i = techniqueIds.get(key);
    if (i == null) {
      i = techniques.size();
      techniques.add(t);
      techniqueIds.put(key, i);
    }
    return i;
  }
}
