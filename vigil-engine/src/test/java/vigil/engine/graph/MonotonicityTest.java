package vigil.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vigil.model.identity.IdentityEdge;
import vigil.model.identity.IdentityRelation;
import vigil.model.identity.PrincipalKind;

/** Adding a fact never removes a derived state, a reachable crown jewel or likelihood: the graph is monotone. */
class MonotonicityTest {
  private static final String[] VECTORS = {Environments.LOG4SHELL, Environments.REMOTE_USER, Environments.LOCAL_ROOT,
      "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H",
      "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N", "AV:N/AC:L/Au:N/C:C/I:C/A:C",
      "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N"};
  private static final IdentityRelation[] RELATIONS = {IdentityRelation.MEMBER_OF, IdentityRelation.ADMIN_TO,
      IdentityRelation.HAS_SESSION, IdentityRelation.GENERIC_ALL, IdentityRelation.CAN_RDP,
      IdentityRelation.FORCE_CHANGE_PASSWORD, IdentityRelation.GET_CHANGES, IdentityRelation.GET_CHANGES_ALL};

  @Test
  void addingAnyFactNeverRemovesAPathOrAState() {
    int withPaths = 0;
    for (int seed = 0; seed < 60; seed++) {
      Random r = new Random(seed);
      World w = new World(r);
      for (int i = 0; i < 12; i++) {
        w.addRandomFact();
      }
      AttackGraph before = AttackGraph.build(w.facts());
      w.addRandomFact();
      AttackGraph after = AttackGraph.build(w.facts());
      withPaths += before.reachableCrownJewels().isEmpty() ? 0 : 1;

      assertThat(derived(after)).as("seed %d", seed).containsAll(derived(before));
      assertThat(after.reachableCrownJewels()).as("seed %d", seed).containsAll(before.reachableCrownJewels());
      Map<String, Double> best = bestProbability(after);
      for (Map.Entry<String, Double> e : bestProbability(before).entrySet()) {
        assertThat(best.get(e.getKey())).as("seed %d, %s", seed, e.getKey()).isGreaterThanOrEqualTo(e.getValue() - 1e-9);
      }
    }
  }

  private static Set<String> derived(AttackGraph g) {
    Set<String> out = new HashSet<>();
    for (EntryPoint e : List.of(World.INTERNET, World.PHISH)) {
      g.blast(e.id(), Integer.MAX_VALUE).reached().forEach(s -> out.add(s.id()));
    }
    return out;
  }

  private static Map<String, Double> bestProbability(AttackGraph g) {
    Map<String, Double> out = new HashMap<>();
    for (AttackPath p : g.paths(1)) {
      out.put(p.crownJewel(), p.probability());
    }
    return out;
  }

  /** A random small world that only ever grows. */
  private static final class World {
    static final EntryPoint INTERNET = EntryPoint.internet("internet", "internet");
    static final EntryPoint PHISH = EntryPoint.phishedUser("phish", "h0", "S-1-5-21-9-1000");
    private static final String[] ZONES = {"internet", "dmz", "lan", "core"};

    private final Random r;
    private final Facts.Builder base = Facts.builder();
    private final List<Flow> flows = new ArrayList<>();
    private final List<String> services = new ArrayList<>();
    private final List<String> principals = new ArrayList<>();
    private final List<ExposureFact> exposures = new ArrayList<>();
    private final List<IdentityEdge> edges = new ArrayList<>();
    private final List<Credential> credentials = new ArrayList<>();
    private int counter;

    World(Random r) {
      this.r = r;
      for (int h = 0; h < 6; h++) {
        base.host(new Host("h" + h, "h" + h + ".corp", "10." + (1 + h % 3) + ".0." + (h + 1), null, null));
        for (int p : new int[] {22, 443}) {
          base.service(Service.tcp("h" + h + ":" + p, "h" + h, p, null));
          services.add("h" + h + ":" + p);
        }
      }
      base.principal(vigil.model.identity.Principal.of("S-1-5-21-9", PrincipalKind.DOMAIN, "CORP", "S-1-5-21-9"));
      for (int u = 0; u < 4; u++) {
        principals.add("S-1-5-21-9-" + (1000 + u));
        base.principal(vigil.model.identity.Principal.of(principals.get(u), PrincipalKind.USER, "U" + u, "S-1-5-21-9"));
      }
      for (int g = 0; g < 2; g++) {
        principals.add("S-1-5-21-9-" + (2000 + g));
        base.principal(vigil.model.identity.Principal.of("S-1-5-21-9-" + (2000 + g), PrincipalKind.GROUP, "G" + g,
            "S-1-5-21-9"));
      }
      for (int h = 0; h < 6; h++) {
        principals.add("S-1-5-21-9-" + (3000 + h));
        base.principal(vigil.model.identity.Principal.of("S-1-5-21-9-" + (3000 + h), PrincipalKind.COMPUTER,
            "H" + h + ".CORP", "S-1-5-21-9"));
      }
      principals.add("S-1-5-21-9");
    }

    void addRandomFact() {
      int kind = r.nextInt(4);
      int n = counter++;
      if (kind == 0) {
        String from = ZONES[r.nextInt(ZONES.length)];
        String to = ZONES[1 + r.nextInt(ZONES.length - 1)];
        flows.add(Flow.of("f" + n, from, to, r.nextBoolean() ? "tcp/443" : "any"));
      } else if (kind == 1) {
        String s = services.get(r.nextInt(services.size()));
        String host = s.substring(0, s.indexOf(':'));
        boolean onService = r.nextInt(4) > 0;
        exposures.add(ExposureFact.cve("e" + n, host, onService ? s : null, "CVE-2099-" + (1000 + n),
            VECTORS[r.nextInt(VECTORS.length)], r.nextDouble(), r.nextInt(5) == 0));
      } else if (kind == 2) {
        edges.add(IdentityEdge.of(principals.get(r.nextInt(principals.size())), RELATIONS[r.nextInt(RELATIONS.length)],
            principals.get(r.nextInt(principals.size()))));
      } else {
        credentials.add(new Credential("c" + n, "h" + r.nextInt(6), r.nextBoolean() ? "user" : "admin",
            principals.get(r.nextInt(4)), r.nextBoolean() ? "h" + r.nextInt(6) : null));
      }
    }

    Facts facts() {
      Facts b = base.build();
      Facts.Builder out = Facts.builder();
      b.hosts().forEach(out::host);
      b.services().forEach(out::service);
      b.principals().forEach(out::principal);
      exposures.forEach(out::exposure);
      edges.forEach(out::edge);
      credentials.forEach(out::credential);
      List<Zone> zones = List.of(Zone.internet("internet"), Zone.of("dmz", "10.1.0.0/16"), Zone.of("lan", "10.2.0.0/16"),
          Zone.of("core", "10.3.0.0/16"));
      return out.topology(new Topology(zones, flows, List.of(INTERNET, PHISH), List.of("h4", "h5", "S-1-5-21-9")))
          .build();
    }
  }
}
