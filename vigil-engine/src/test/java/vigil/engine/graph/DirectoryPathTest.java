package vigil.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static vigil.engine.graph.Environments.ADMINISTRATORS;
import static vigil.engine.graph.Environments.ALICE;
import static vigil.engine.graph.Environments.DA_USER;
import static vigil.engine.graph.Environments.DOMAIN;
import static vigil.engine.graph.Environments.DOMAIN_ADMINS;
import static vigil.engine.graph.Environments.HELPDESK;
import static vigil.engine.graph.Environments.IT_ADMINS;
import static vigil.engine.graph.Environments.WS_ALICE;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The directory of {@link Environments#directory()}: a phished user to the domain by ACL abuse or by a session. */
class DirectoryPathTest {
  private final AttackGraph graph = AttackGraph.build(Environments.directory().build());

  @Test
  void phishedUserReachesTheDomainThroughGroupAclAbuseAndDcSync() {
    AttackPath p = graph.paths(DOMAIN, 1).get(0);

    assertThat(p.entryPoint()).isEqualTo("phish-alice");
    assertThat(p.steps()).extracting(PathStep::rule).containsExactly("phished-user-identity", "group-membership",
        "acl-group-takeover", "acl-group-takeover", "group-membership", "replication-right", "dcsync");
    assertThat(p.steps()).extracting(s -> s.to().id()).containsExactly("controls(" + ALICE + ")",
        "controls(" + HELPDESK + ")", "controls(" + IT_ADMINS + ")", "controls(" + DOMAIN_ADMINS + ")",
        "controls(" + ADMINISTRATORS + ")", "holds(GetChanges," + DOMAIN + ")", "controls(" + DOMAIN + ")");
    PathStep genericAll = p.steps().get(2);
    assertThat(genericAll.technique().id()).isEqualTo("T1098");
    assertThat(genericAll.fixId()).isEqualTo(HELPDESK + "|GenericAll|" + IT_ADMINS);
    assertThat(genericAll.fixKind()).isEqualTo("identity-edge");
    assertThat(genericAll.why())
        .isEqualTo("HELPDESK@CORP.LOCAL holds GenericAll on group IT ADMINS@CORP.LOCAL: add itself as a member");
    PathStep dcsync = p.steps().get(6);
    assertThat(dcsync.technique().id()).isEqualTo("T1003.006");
    assertThat(dcsync.to().label()).isEqualTo("controls the domain CORP.LOCAL");
    // Both rights are reached at once; the path walks the first, the other is a side condition.
    assertThat(dcsync.alsoRequires()).extracting(StateRef::id).containsExactly("holds(GetChangesAll," + DOMAIN + ")");
    assertThat(p.probability()).isCloseTo(0.3 * 0.95 * 0.95 * 0.95, within(1e-6));
  }

  @Test
  void dcSyncNeedsBothReplicationRights() {
    WhatIf w = graph.whatIf(List.of(ADMINISTRATORS + "|GetChangesAll|" + DOMAIN), 1);
    assertThat(w.applied()).hasSize(1);
    assertThat(w.crownJewelsCut()).containsExactly(DOMAIN);
  }

  @Test
  void withoutTheAclPathTheSessionOfTheDomainAdminStillLeadsThere() {
    WhatIf w = graph.whatIf(List.of(IT_ADMINS + "|WriteDacl|" + DOMAIN_ADMINS), 1);

    assertThat(w.crownJewelsReachableAfter()).containsExactly(DOMAIN);
    AttackPath p = w.remainingPaths().get(0);
    assertThat(p.steps()).extracting(PathStep::rule).startsWith("phished-user-identity", "admin-to",
        "credential-dumping", "use-logon-credential", "group-membership");
    PathStep dump = p.steps().get(2);
    assertThat(dump.technique().id()).isEqualTo("T1003.001");
    assertThat(dump.fixId()).isEqualTo(WS_ALICE + "|HasSession|" + DA_USER);
    assertThat(dump.from().id()).isEqualTo("execCode(ws-alice,admin)"); // the directory computer is the scanned host
    assertThat(dump.to().id()).isEqualTo("owns(logon:" + DA_USER + ")");
  }

  @Test
  void chokePointIsTheMembershipBothPathsShareVerifiedByRecomputation() {
    List<ChokePoint> chokes = graph.chokePoints(3);

    assertThat(chokes).first().satisfies(c -> {
      assertThat(c.id()).isEqualTo(DOMAIN_ADMINS + "|MemberOf|" + ADMINISTRATORS);
      assertThat(c.kind()).isEqualTo("identity-edge");
      assertThat(c.crownJewelsCut()).containsExactly(DOMAIN);
      assertThat(c.crownJewelsReachableAfter()).isZero();
      assertThat(c.verified()).isTrue();
    });
    assertThat(graph.whatIf(List.of(chokes.get(0).id()), 1).crownJewelsReachableAfter()).isEmpty();
  }

  @Test
  void blastRadiusOfAliceIncludesHerWorkstationTheAdminsCredentialsAndTheDomain() {
    BlastRadius b = graph.blast("ALICE@CORP.LOCAL", 1000);

    assertThat(b.from().id()).isEqualTo("controls(" + ALICE + ")");
    assertThat(b.crownJewels()).containsExactly(DOMAIN);
    assertThat(b.reached()).extracting(StateRef::id).contains("execCode(ws-alice,admin)",
        "owns(logon:" + DA_USER + ")", "controls(" + DOMAIN + ")");
    // Domain control forges tickets for every computer, the domain controller included.
    assertThat(b.reached()).extracting(StateRef::label).contains("code execution as admin on DC01.CORP.LOCAL");
    assertThat(graph.blast("BOB@CORP.LOCAL", 10).states()).isEqualTo(2); // bob: himself and a domain account
    assertThat(graph.whatIf(Set.of(), Set.of()).remainingPaths()).hasSize(1);
  }
}
