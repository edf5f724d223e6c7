package vigil.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vigil.model.WeaknessKind;

/** The DMZ environment of {@link Environments#dmz()}: internet → web server → allowed flow → database. */
class AttackGraphTest {
  private static final double WEB1 = 0.95 * 0.525;
  private static final double PHISH = 0.3 * 0.525;
  private static final double WEB2 = (0.05 + 0.95 * 0.1) * 0.525;

  private final AttackGraph graph = AttackGraph.build(Environments.dmz().build());

  @Test
  void mostLikelyPathGoesThroughTheKevWebServerAndTheAllowedFlowToTheDatabase() {
    AttackPath p = graph.paths("db", 1).get(0);

    assertThat(p.entryPoint()).isEqualTo("internet");
    assertThat(p.probability()).isCloseTo(WEB1, within(1e-6));
    assertThat(p.cost()).isCloseTo(-Math.log(WEB1), within(1e-6));
    assertThat(p.steps()).extracting(PathStep::rule).containsExactly("enter-internet", "flow", "service-reachable",
        "remote-exploit", "admin-is-user", "pivot", "flow", "service-reachable", "remote-exploit");
    assertThat(p.steps()).extracting(s -> s.to().id()).containsExactly("netAccess(internet)", "reach(dmz,tcp/443)",
        "access(web1:443)", "execCode(web1,admin)", "execCode(web1,user)", "netAccess(dmz)", "reach(servers,tcp/5432)",
        "access(db:5432)", "execCode(db,user)");
    assertThat(p.fixIds()).containsExactly("internet-to-dmz-web", "e-web1", "dmz-to-db", "e-db");

    PathStep exploit = p.steps().get(3);
    assertThat(exploit.technique().id()).isEqualTo("T1190"); // internet-facing
    assertThat(exploit.technique().name()).isEqualTo("Exploit Public-Facing Application");
    assertThat(exploit.fixKind()).isEqualTo("exposure");
    assertThat(exploit.probability()).isCloseTo(0.95, within(1e-6));
    assertThat(exploit.why()).contains("CVE-2021-44228").contains("run code as admin").contains("CISA KEV");
    PathStep lateral = p.steps().get(8);
    assertThat(lateral.technique().id()).isEqualTo("T1210");
    assertThat(lateral.probability()).isCloseTo(0.525, within(1e-6)); // 0.05 + 0.95·√0.25
    assertThat(lateral.why()).contains("run code as user").contains("EPSS 0.2500");
    assertThat(p.steps().get(6).why()).isEqualTo("flow dmz-to-db allows dmz to reach tcp/5432 in zone servers");
  }

  @Test
  void kMostLikelyPathsAreDistinctLooplessAndByLikelihood() {
    List<AttackPath> paths = graph.paths("db", 10);

    // The VPN zone has no flow to the servers zone: three ways in, no more.
    assertThat(paths).extracting(AttackPath::entryPoint).containsExactly("internet", "phish-alice", "internet");
    assertThat(paths).extracting(AttackPath::probability)
        .satisfiesExactly(p -> assertThat(p).isCloseTo(WEB1, within(1e-6)),
            p -> assertThat(p).isCloseTo(PHISH, within(1e-6)),
            p -> assertThat(p).isCloseTo(WEB2, within(1e-6)));
    assertThat(paths.get(1).fixIds()).containsExactly("internal-to-servers", "e-db");
    assertThat(paths.get(2).fixIds()).contains("e-web2");
    for (AttackPath p : paths) {
      Set<String> states = new HashSet<>();
      states.add(p.steps().get(0).from().id());
      p.steps().forEach(s -> assertThat(states.add(s.to().id())).as("loop in %s", p).isTrue());
    }
    assertThat(graph.paths(2)).hasSize(2).allSatisfy(p -> assertThat(p.crownJewel()).isEqualTo("db"));
  }

  @Test
  void chokePointIsTheDatabaseExposureAndRecomputationConfirmsIt() {
    List<ChokePoint> chokes = graph.chokePoints(5);

    assertThat(chokes).hasSize(1);
    ChokePoint c = chokes.get(0);
    assertThat(c.id()).isEqualTo("e-db");
    assertThat(c.kind()).isEqualTo("exposure");
    assertThat(c.description()).isEqualTo("CVE-2099-0003 on db tcp/5432 postgresql");
    assertThat(c.pathsCut()).isEqualTo(3).isEqualTo(c.pathsSampled());
    assertThat(c.crownJewelsCut()).containsExactly("db");
    assertThat(c.crownJewelsReachableAfter()).isZero();
    assertThat(c.verified()).isTrue();
    // Independently: fixing it leaves no path, fixing the web servers' flaws does not.
    assertThat(graph.whatIf(Set.of("e-db"), Set.of()).remainingPaths()).isEmpty();
    assertThat(graph.whatIf(Set.of("e-web1", "e-web2"), Set.of()).crownJewelsReachableAfter()).containsExactly("db");
  }

  @Test
  void fixingTheKevWebServerLeavesThePhishingPath() {
    WhatIf w = graph.whatIf(Set.of("e-web1"), Set.of());

    assertThat(w.applied()).containsExactly("e-web1");
    assertThat(w.unknown()).isEmpty();
    assertThat(w.crownJewelsCut()).isEmpty();
    assertThat(w.crownJewelsReachableAfter()).containsExactly("db");
    assertThat(w.remainingPaths()).singleElement().satisfies(p -> {
      assertThat(p.entryPoint()).isEqualTo("phish-alice");
      assertThat(p.probability()).isCloseTo(PHISH, within(1e-6));
    });
    assertThat(w.statesAfter()).isLessThan(w.statesBefore());
    assertThat(w.hostsCompromisedBefore()).isEqualTo(4);
    assertThat(w.hostsCompromisedAfter()).isEqualTo(3); // web1 no more
  }

  @Test
  void removingBothFlowsIntoTheServersZoneCutsTheDatabase() {
    WhatIf w = graph.whatIf(Set.of(), Set.of("dmz-to-db", "internal-to-servers"));

    assertThat(w.crownJewelsCut()).containsExactly("db");
    assertThat(w.crownJewelsReachableAfter()).isEmpty();
    assertThat(w.remainingPaths()).isEmpty();
    assertThat(graph.whatIf(Set.of(), Set.of("dmz-to-db")).remainingPaths()).singleElement()
        .satisfies(p -> assertThat(p.entryPoint()).isEqualTo("phish-alice"));
  }

  @Test
  void whatIfReportsIdsThatNameNothing() {
    WhatIf w = graph.whatIf(List.of("e-web1", "no-such-exposure"), 2);
    assertThat(w.applied()).containsExactly("e-web1");
    assertThat(w.unknown()).containsExactly("no-such-exposure");
    assertThat(w.remainingPaths()).hasSize(2);
  }

  @Test
  void blastRadiusOfTheWebServerReachesTheDatabase() {
    BlastRadius b = graph.blast("execCode(web1,admin)", 100);

    assertThat(b.from().label()).isEqualTo("code execution as admin on web1 (10.0.1.10)");
    assertThat(b.crownJewels()).containsExactly("db");
    assertThat(b.hostsWithCode()).isEqualTo(2); // web1 and db
    assertThat(b.hostsWithAdmin()).isEqualTo(1);
    assertThat(b.reached()).extracting(StateRef::id).contains("execCode(db,user)", "netAccess(dmz)")
        .doesNotContain("execCode(web2,admin)"); // no flow within the DMZ
    assertThat(b.truncated()).isFalse();
    assertThat(graph.blast("web2", 1).truncated()).isTrue();
  }

  @Test
  void exposurePositionsMarkPathsAndChokePointsForTheRiskModel() {
    Facts facts = Environments.dmz()
        .exposure(new ExposureFact("e-dos", "web2", "web2:443", "CVE-2099-0009", WeaknessKind.VULNERABILITY, List.of(),
            "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:N/I:N/A:H", 0.5, false, null))
        .build();
    Map<String, AttackPathPosition> positions = AttackGraph.build(facts).exposurePositions(5);

    assertThat(positions.get("e-db")).isEqualTo(new AttackPathPosition("e-db", true, true));
    assertThat(positions.get("e-web1")).isEqualTo(new AttackPathPosition("e-web1", true, false));
    assertThat(positions.get("e-web2").onAttackPath()).isTrue();
    assertThat(positions).doesNotContainKey("e-dos"); // no foothold from a denial of service
  }

  @Test
  void statsCountTheGraph() {
    GraphStats s = graph.stats();
    assertThat(s.hosts()).isEqualTo(4);
    assertThat(s.services()).isEqualTo(3);
    assertThat(s.exposures()).isEqualTo(3);
    assertThat(s.crownJewelsReachable()).isEqualTo(1);
    assertThat(s.ruleInstances()).isPositive();
    assertThat(s.edges()).isGreaterThan(s.ruleInstances());
    assertThat(s.statesByKind()).containsEntry("attacker", 3).containsKey("execCode");
    assertThat(s.warnings()).isEmpty();
  }

  @Test
  void factsNamingUnknownThingsAreRefused() {
    assertThatThrownBy(() -> AttackGraph.build(Environments.dmz()
        .service(Service.tcp("x:22", "nowhere", 22, null)).build()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("service x:22 names host nowhere, which no fact describes");
    Topology t = Environments.topology();
    Topology badJewel = new Topology(t.zones(), t.flows(), t.entryPoints(), List.of("mainframe"));
    assertThatThrownBy(() -> AttackGraph.build(Environments.dmz().topology(badJewel).build()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("mainframe");
  }

  @Test
  void anInvalidVectorIsReplacedByItsKindsDefaultWithAWarning() {
    Facts facts = Environments.dmz()
        .exposure(ExposureFact.cve("e-bad", "web2", "web2:443", "CVE-2099-0010", "CVSS:3.1/AV:Q", null, false))
        .build();
    GraphStats s = AttackGraph.build(facts).stats();
    assertThat(s.warnings()).singleElement().asString().startsWith("exposure e-bad: invalid CVSS vector 'CVSS:3.1/AV:Q'")
        .endsWith("assumed CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:L/I:L/A:L");
  }

  @Test
  void authenticatedExploitsNeedADomainAccountAndLocalOnesNeedCode() {
    Topology t = Environments.topology();
    List<EntryPoint> internetOnly = List.of(t.entryPoints().get(0));
    Facts.Builder b = Facts.builder()
        .host(Host.of("web2", "10.0.1.11"))
        .host(Host.of("db", "10.1.5.20"))
        .host(new Host("ws-alice", "ws-alice.corp.local", "10.1.2.30", null, null))
        .service(Service.tcp("web2:443", "web2", 443, "apache"))
        .service(Service.tcp("db:5432", "db", 5432, "postgresql"))
        .exposure(ExposureFact.cve("e-web2-auth", "web2", "web2:443", "CVE-2099-0011",
            "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", 0.9, false))
        .exposure(ExposureFact.cve("e-db", "db", "db:5432", "CVE-2099-0003", Environments.REMOTE_USER, 0.25, false))
        .exposure(ExposureFact.cve("e-lpe", "db", null, "CVE-2099-0012", Environments.LOCAL_ROOT, null, true));
    b.add(Environments.user(Environments.ALICE, "ALICE@CORP.LOCAL"));

    AttackGraph withoutAccount = AttackGraph.build(b.topology(
        new Topology(t.zones(), t.flows(), internetOnly, List.of("web2"))).build());
    assertThat(withoutAccount.reachableCrownJewels()).isEmpty();

    AttackGraph withPhish = AttackGraph.build(b.topology(
        new Topology(t.zones(), t.flows(), t.entryPoints(), List.of("web2"))).build());
    PathStep exploit = withPhish.paths("web2", 1).get(0).steps().stream()
        .filter(s -> s.rule().equals("authenticated-remote-exploit")).findFirst().orElseThrow();
    assertThat(exploit.from().id()).isEqualTo("authenticated()"); // reached last: the critical precondition
    assertThat(exploit.alsoRequires()).extracting(StateRef::id).containsExactly("access(web2:443)");
    // Local privilege escalation needs code on the host first: the phished user gets there through the database.
    assertThat(withPhish.blast("phish-alice", 1000).reached()).extracting(StateRef::id)
        .contains("execCode(db,user)", "execCode(db,admin)");
    assertThat(withPhish.blast("internet", 1000).reached()).extracting(StateRef::id)
        .doesNotContain("execCode(db,admin)", "authenticated()");
  }
}
