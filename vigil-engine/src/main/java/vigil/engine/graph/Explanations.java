package vigil.engine.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vigil.model.identity.IdentityRelation;
import vigil.model.identity.Principal;

/** Turns states and rule instances back into ids and words. */
final class Explanations {
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{([a-z-]+)}");

  private final Graph g;
  private final Index x;

  Explanations(Graph g) {
    this.g = g;
    this.x = g.index;
  }

  StateRef ref(int state) {
    return new StateRef(id(state), g.predicate(state).word(), label(state));
  }

  String id(int state) {
    Predicate p = g.predicate(state);
    StringBuilder sb = new StringBuilder(p.word()).append('(');
    for (int i = 0; i < p.args().size(); i++) {
      sb.append(i == 0 ? "" : ",").append(argId(p.args().get(i), i == 0 ? g.stateA[state] : g.stateB[state]));
    }
    return sb.append(')').toString();
  }

  String label(int state) {
    int a = g.stateA[state];
    int b = g.stateB[state];
    return switch (g.predicate(state)) {
      case ATTACKER -> "attacker at entry point " + argLabel(ArgType.ENTRY, a);
      case NET_ACCESS -> "network access from zone " + argLabel(ArgType.ZONE, a);
      case REACH -> "can reach " + Index.portLabel(b) + " in zone " + argLabel(ArgType.ZONE, a);
      case ACCESS -> "reaches service " + argLabel(ArgType.SERVICE, a);
      case EXEC_CODE -> "code execution as " + (b == Predicate.ADMIN ? "admin" : "user") + " on "
          + argLabel(ArgType.HOST, a);
      case OWNS -> "holds " + argLabel(ArgType.CREDENTIAL, a);
      case CONTROLS -> x.principals.get(a).kind() == vigil.model.identity.PrincipalKind.DOMAIN
          ? "controls the domain " + argLabel(ArgType.PRINCIPAL, a) : "acts as " + argLabel(ArgType.PRINCIPAL, a);
      case HOLDS -> "holds " + argLabel(ArgType.RIGHT, a) + " on " + argLabel(ArgType.PRINCIPAL, b);
      case AUTHENTICATED -> "holds a valid domain account";
    };
  }

  String argId(ArgType t, int v) {
    return switch (t) {
      case ENTRY -> x.entries.get(v).id();
      case ZONE -> x.zones.get(v).id();
      case PORT -> Index.portLabel(v);
      case SERVICE -> x.services.get(v).id();
      case HOST -> x.hosts.get(v).id();
      case PRIVILEGE -> v == Predicate.ADMIN ? "admin" : "user";
      case CREDENTIAL -> v < x.credentials.size() ? x.credentials.get(v).id()
          : "logon:" + x.principals.get(v - x.credentials.size()).id();
      case PRINCIPAL -> x.principals.get(v).id();
      case RIGHT -> IdentityRelation.values()[v].bloodHoundName();
      case FLOW -> x.flows.get(v).id();
      case EXPOSURE -> x.exposures.get(v).id();
    };
  }

  String argLabel(ArgType t, int v) {
    switch (t) {
      case ENTRY:
        return x.entries.get(v).id() + " (" + x.entries.get(v).kind().label() + ")";
      case HOST: {
        Host h = x.hosts.get(v);
        return h.address() == null || h.address().equals(h.name()) ? h.name() : h.name() + " (" + h.address() + ")";
      }
      case SERVICE: {
        Service s = x.services.get(v);
        String product = s.product() == null ? "" : " " + s.product() + (s.version() == null ? "" : " " + s.version());
        return x.hosts.get(x.serviceHost[v]).name() + " " + s.portLabel() + product;
      }
      case CREDENTIAL:
        return v < x.credentials.size() ? "credential " + x.credentials.get(v).id()
            : "the logon credentials of " + x.principals.get(v - x.credentials.size()).name();
      case PRINCIPAL:
        return x.principals.get(v).name();
      case EXPOSURE: {
        ExposureFact e = x.exposures.get(v);
        return e.weakness().equals(e.id()) ? e.id() : e.weakness() + " [" + e.id() + "]";
      }
      default:
        return argId(t, v);
    }
  }

  /** The rule's explanation for one instance, placeholders filled from its fact. */
  String why(int and) {
    Rule r = g.rules.rules().get(g.andRule[and]);
    FactType t = r.on();
    int f = g.andFact[and];
    int[] vars = new int[t.variables().size()];
    x.bind(t, f, vars);
    List<String> names = new ArrayList<>(t.variables().keySet());
    Matcher m = PLACEHOLDER.matcher(r.why());
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1);
      int slot = names.indexOf(name);
      String value;
      if (slot >= 0) {
        value = vars[slot] < 0 ? "?" : argLabel(t.variables().get(name), vars[slot]);
      } else {
        value = extra(name, t, f, and);
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }

  private String extra(String name, FactType t, int f, int and) {
    if (t == FactType.EXPOSURE && x.traits[f] != null) {
      ExposureTraits tr = x.traits[f];
      ExposureFact e = x.exposures.get(f);
      switch (name) {
        case "vector":
          return x.vectors[f] + (e.cvssVector() == null ? " assumed for " + e.kind().label() : "");
        case "av":
          return String.valueOf("NALP".charAt(tr.av()));
        case "pr":
          return String.valueOf("NLH".charAt(tr.pr()));
        case "ui":
          return String.valueOf("NR".charAt(tr.ui()));
        case "impact":
          return List.of("full", "partial", "none").get(tr.impact());
        case "probability":
          return String.format(Locale.ROOT, "%.2f", g.andProbability[and])
              + (e.kev() ? " (CISA KEV)" : e.epss() != null ? String.format(Locale.ROOT, " (EPSS %.4f)", e.epss())
              : " (prior by attack complexity)");
        default:
          break;
      }
    }
    if (t == FactType.IDENTITY_EDGE && name.equals("relation")) {
      return IdentityRelation.values()[x.edgeRelation[f]].bloodHoundName();
    }
    return "{" + name + "}";
  }

  PathStep step(int from, int and, int to) {
    Rule r = g.rules.rules().get(g.andRule[and]);
    List<StateRef> also = new ArrayList<>();
    for (int y = g.preStart[and]; y < g.preStart[and + 1]; y++) {
      if (g.pre[y] != from) {
        also.add(ref(g.pre[y]));
      }
    }
    int label = g.andLabel[and];
    int tech = g.andTechnique[and];
    return new PathStep(ref(from), ref(to), r.id(), tech < 0 ? null : g.techniques.get(tech),
        label < 0 ? null : x.labelId(label), label < 0 ? null : x.labelKind(label),
        g.andProbability[and], why(and), also);
  }

  AttackPath path(PathSearch.Found f, String crownJewel) {
    List<PathStep> steps = new ArrayList<>();
    for (int i = 0; i < f.ands().length; i++) {
      steps.add(step(f.states()[i], f.ands()[i], f.states()[i + 1]));
    }
    String entry = x.entries.get(g.stateA[f.states()[0]]).id();
    return new AttackPath(entry, crownJewel, Math.exp(-f.cost()), f.cost(), steps);
  }

  /** A label's description for choke points: the exposure, flow, edge or credential in words. */
  String describe(int label) {
    String kind = x.labelKind(label);
    switch (kind) {
      case "exposure": {
        int e = label;
        ExposureFact fact = x.exposures.get(e);
        int s = x.exposureService[e];
        return fact.weakness() + (fact.title().equals(fact.weakness()) ? "" : " (" + fact.title() + ")") + " on "
            + (s >= 0 ? argLabel(ArgType.SERVICE, s) : argLabel(ArgType.HOST, x.exposureHost[e]));
      }
      case "flow": {
        Flow f = x.flows.get(label - x.labelFlowBase);
        return "flow " + f.from() + " → " + f.to() + " " + f.ports();
      }
      case "identity-edge": {
        int edge = label - x.labelEdgeBase;
        Principal s = x.principals.get(x.edgeSource[edge]);
        Principal t = x.principals.get(x.edgeTarget[edge]);
        return s.name() + " " + IdentityRelation.values()[x.edgeRelation[edge]].bloodHoundName() + " " + t.name();
      }
      default:
        return "credential " + x.labelId(label);
    }
  }

  /** Resolves a state written as {@link #id} does, or a bare host, service, principal or entry id. */
  int resolve(String text) {
    String t = text.strip();
    int open = t.indexOf('(');
    if (open < 0 || !t.endsWith(")")) {
      Integer h = x.hostIds.get(t);
      if (h != null) {
        return g.state(Predicate.EXEC_CODE, h, Predicate.ADMIN);
      }
      Integer s = x.serviceIds.get(t);
      if (s != null) {
        return g.state(Predicate.ACCESS, s, 0);
      }
      for (int e = 0; e < x.entries.size(); e++) {
        if (x.entries.get(e).id().equals(t)) {
          return g.seeds[e];
        }
      }
      int p = x.principalByIdOrName(t, "state '" + t + "'");
      return g.state(Predicate.CONTROLS, p, 0);
    }
    Predicate p = Predicate.of(t.substring(0, open).strip());
    if (p == null) {
      throw new IllegalArgumentException("unknown state '" + t + "' (expected one of " + Predicate.words() + ")");
    }
    String body = t.substring(open + 1, t.length() - 1).strip();
    String[] args = body.isEmpty() ? new String[0] : body.split("\\s*,\\s*");
    if (args.length != p.args().size()) {
      throw new IllegalArgumentException(p.word() + " takes " + p.args().size() + " argument(s): '" + t + "'");
    }
    int[] v = new int[2];
    for (int i = 0; i < args.length; i++) {
      v[i] = argValue(p.args().get(i), args[i], t);
    }
    return g.state(p, v[0], v[1]);
  }

  private int argValue(ArgType type, String arg, String state) {
    String where = "state '" + state + "'";
    switch (type) {
      case ENTRY:
        for (int e = 0; e < x.entries.size(); e++) {
          if (x.entries.get(e).id().equals(arg)) {
            return e;
          }
        }
        throw new IllegalArgumentException(where + " names entry point " + arg + ", which the topology does not declare");
      case ZONE:
        return x.zone(arg, where);
      case PORT:
        PortRange r = PortRange.parse(arg);
        return Index.portKey(r.protocol(), r.from());
      case SERVICE:
        return x.service(arg, where);
      case HOST:
        return x.host(arg, where);
      case PRIVILEGE:
        if (arg.equals("user") || arg.equals("admin")) {
          return arg.equals("admin") ? Predicate.ADMIN : Predicate.USER;
        }
        throw new IllegalArgumentException(where + ": privilege must be user or admin, not " + arg);
      case CREDENTIAL:
        if (arg.startsWith("logon:")) {
          return x.logon(x.principalByIdOrName(arg.substring(6), where));
        }
        for (int c = 0; c < x.credentials.size(); c++) {
          if (x.credentials.get(c).id().equals(arg)) {
            return c;
          }
        }
        throw new IllegalArgumentException(where + " names credential " + arg + ", which no fact describes");
      case PRINCIPAL:
        return x.principalByIdOrName(arg, where);
      case RIGHT:
        IdentityRelation rel = IdentityRelation.fromName(arg);
        if (rel == null) {
          throw new IllegalArgumentException(where + ": unknown right " + arg);
        }
        return rel.ordinal();
      default:
        throw new IllegalArgumentException(where + ": cannot name a " + type);
    }
  }

  /** States by predicate word. */
  Map<String, Integer> statesByKind() {
    Map<String, Integer> out = new java.util.TreeMap<>();
    for (int s = 0; s < g.states; s++) {
      out.merge(g.predicate(s).word(), 1, Integer::sum);
    }
    return out;
  }
}
