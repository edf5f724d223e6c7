package vigil.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import org.junit.jupiter.api.Test;

class RuleSetTest {
  private static final String HEADER = """
      exposure-probability:
        kev: 0.95
        epss-floor: 0.05
        epss-scale: 0.95
        prior: {low-complexity: 0.3, high-complexity: 0.1}
      rules:
      """;

  private static DefinitionException refused(String rules) {
    return catchThrowableOfType(DefinitionException.class,
        () -> RuleSet.read("my-rules.yaml", new StringReader(HEADER + rules)));
  }

  @Test
  void bundledRulesCoverExploitsCredentialsAndDirectoryAbuse() {
    assertThat(RuleSet.defaults().ruleIds()).contains("remote-exploit", "authenticated-remote-exploit",
        "local-privilege-escalation", "credential-dumping", "admin-to", "acl-user-takeover", "acl-group-takeover",
        "dcsync", "golden-ticket", "flow", "pivot");
  }

  @Test
  void aCustomRuleFileDrivesTheGraph() throws Exception {
    // One rule only: network access to the DMZ gives admin on every DMZ host with any exposure.
    RuleSet rules = RuleSet.read("mine.yaml", new StringReader(HEADER + """
          - id: enter
            on: entry-point
            requires: [attacker(entry)]
            yields: netAccess(zone)
            probability: 1.0
          - id: anything-goes
            on: exposure
            where: {on-service: [true]}
            requires: [netAccess(zone)]
            yields: "execCode(host, admin)"
            probability: 0.5
            why: "{exposure} anyway"
        """));
    Topology t = new Topology(java.util.List.of(Zone.of("dmz", "10.0.0.0/24")), java.util.List.of(),
        java.util.List.of(new EntryPoint("inside", EntryKind.PARTNER, "dmz", null, null, null)),
        java.util.List.of("h"));
    Facts facts = Facts.builder().topology(t).host(Host.of("h", "10.0.0.5"))
        .service(Service.tcp("h:80", "h", 80, null))
        .exposure(ExposureFact.cve("x", "h", "h:80", "CVE-2000-0001", "CVSS:3.1/AV:L/AC:H/PR:H/UI:R/S:U/C:N/I:N/A:L",
            null, false))
        .build();
    AttackGraph g = AttackGraph.build(facts, rules, Techniques.defaults());
    // The crown jewel is execCode(h, user); this rule set has no admin-is-user rule, so it stays out of reach.
    assertThat(g.reachableCrownJewels()).isEmpty();
    assertThat(g.blast("inside", 10).reached()).extracting(StateRef::id).contains("execCode(h,admin)");
  }

  @Test
  void unknownStateIsRefusedWithLineAndField() {
    DefinitionException e = refused("""
          - id: r
            on: host
            requires: [pwned(host)]
            yields: netAccess(zone)
            probability: 1
        """);
    assertThat(e.line()).isEqualTo(9);
    assertThat(e.field()).isEqualTo("rules[0].requires[0]");
    assertThat(e.problem()).startsWith("unknown state 'pwned'");
  }

  @Test
  void templatesAreTypeChecked() {
    assertThat(refused("""
          - id: r
            on: host
            requires: ["execCode(zone, admin)"]
            yields: netAccess(zone)
            probability: 1
        """)).hasMessageContaining("argument 1 of execCode must be a host, but 'zone' of a host is a zone");
    assertThat(refused("""
          - id: r
            on: host
            requires: ["execCode(host)"]
            yields: netAccess(zone)
            probability: 1
        """)).hasMessageContaining("execCode takes 2 argument(s), found 1");
    assertThat(refused("""
          - id: r
            on: host
            requires: ["execCode(server, admin)"]
            yields: netAccess(zone)
            probability: 1
        """)).hasMessageContaining("'server' is neither a variable of host (host, zone) nor a host constant");
  }

  @Test
  void filtersFactsAndProbabilitiesAreChecked() {
    assertThat(refused("""
          - id: r
            on: exposure
            where: {av: [X]}
            requires: [access(service)]
            yields: "execCode(host, admin)"
            probability: exposure
        """)).satisfies(e -> assertThat(e.field()).isEqualTo("rules[0].where.av[0]"))
        .hasMessageContaining("unknown value 'X' (expected one of N, A, L, P)");
    assertThat(refused("""
          - id: r
            on: router
            requires: [access(service)]
            yields: access(service)
            probability: 1
        """)).hasMessageContaining("unknown fact 'router'");
    assertThat(refused("""
          - id: r
            on: host
            requires: ["execCode(host, user)"]
            yields: netAccess(zone)
            probability: exposure
        """)).hasMessageContaining("probability 'exposure' needs a rule on exposure");
    assertThat(refused("""
          - id: r
            on: host
            requires: []
            yields: netAccess(zone)
            probability: 1
        """)).hasMessageContaining("requires nothing");
  }
}
