package vigil.ingest.sharphound;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vigil.ingest.Corpus;
import vigil.ingest.Head;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.model.identity.DomainTrust;
import vigil.model.identity.IdentityEdge;
import vigil.model.identity.IdentityRelation;
import vigil.model.identity.IdentitySink;
import vigil.model.identity.Principal;
import vigil.model.identity.PrincipalKind;

class SharpHoundReaderTest {
  private static final String DOMAIN_SID = "S-1-5-21-3130019616-2776909439-2417379446";

  /** Keeps everything the reader pushed. */
  static final class Recorded implements IdentitySink {
    final List<Principal> principals = new ArrayList<>();
    final List<IdentityEdge> edges = new ArrayList<>();
    final List<DomainTrust> trusts = new ArrayList<>();
    SharpHoundFile file;

    @Override
    public void principal(Principal principal) {
      principals.add(principal);
    }

    @Override
    public void edge(IdentityEdge edge) {
      edges.add(edge);
    }

    @Override
    public void trust(DomainTrust trust) {
      trusts.add(trust);
    }

    List<IdentityEdge> edges(IdentityRelation relation) {
      return edges.stream().filter(e -> e.relation() == relation).collect(Collectors.toList());
    }

    Principal principal(String name) {
      return principals.stream().filter(p -> p.name().equals(name)).findFirst().orElseThrow();
    }
  }

  private static Recorded readCorpus(String path) throws ParseException, IOException {
    return read(Corpus.scanFile(path));
  }

  private static Recorded read(ScanFile file) throws ParseException, IOException {
    Recorded r = new Recorded();
    r.file = new SharpHoundReader().read(file, r);
    return r;
  }

  private static ScanFile resource(String name) throws IOException {
    try (InputStream in = Objects.requireNonNull(SharpHoundReaderTest.class.getResourceAsStream("/sharphound/" + name))) {
      return ScanFile.of(name, in.readAllBytes());
    }
  }

  @Test
  void computersFileYieldsFourComputersThoughMetaCountIsZero() throws Exception {
    Recorded r = readCorpus("sharphound/v6_computers.json");
    JsonNode expected = Corpus.entry("sharphound/v6_computers.json").get("objects");

    assertThat(r.file.declaredCount()).isZero();
    assertThat(r.file.type()).isEqualTo("computers");
    assertThat(r.file.version()).isEqualTo(6);
    assertThat(r.file.objects()).isEqualTo(expected.get("computers").asInt()).isEqualTo(4);
    assertThat(r.principals).extracting(Principal::kind).containsOnly(PrincipalKind.COMPUTER);
    assertThat(r.principals).extracting(Principal::name).containsExactly(
        "WIN10.TESTLAB.LOCAL", "PRIMARY.TESTLAB.LOCAL", "TESTMSA.TESTLAB.LOCAL", "UCCOMP.TESTLAB.LOCAL");
    assertThat(r.file.count("domain_controllers")).isEqualTo(expected.get("domain_controllers").asInt());
    assertThat(r.file.count("unconstrained_delegation")).isEqualTo(expected.get("unconstrained_delegation").asInt());
    assertThat(r.file.count("sessions")).isEqualTo(expected.get("sessions").asInt());
    assertThat(r.file.count("privileged_sessions")).isEqualTo(expected.get("privileged_sessions").asInt());
    assertThat(r.file.count("registry_sessions")).isEqualTo(expected.get("registry_sessions").asInt());
    assertThat(r.file.count("local_groups")).isEqualTo(expected.get("local_groups").asInt());
    assertThat(r.principal("PRIMARY.TESTLAB.LOCAL").flag("isdc")).isTrue();
    assertThat(r.principal("UCCOMP.TESTLAB.LOCAL").flag("unconstraineddelegation")).isTrue();
    assertThat(r.principal("WIN10.TESTLAB.LOCAL").domainId()).isEqualTo(DOMAIN_SID);
  }

  @Test
  void computerSessionsLocalGroupsAndDelegationBecomeEdges() throws Exception {
    Recorded r = readCorpus("sharphound/v6_computers.json");
    String win10 = DOMAIN_SID + "-1104";

    // 3 + 1 + 1 session results (one duplicated in the file): all HasSession from WIN10.
    assertThat(r.edges(IdentityRelation.HAS_SESSION)).hasSize(5)
        .allSatisfy(e -> assertThat(e.source()).isEqualTo(win10))
        .extracting(IdentityEdge::target)
        .contains(DOMAIN_SID + "-1105", DOMAIN_SID + "-500", DOMAIN_SID + "-1107", DOMAIN_SID + "-1108");
    assertThat(r.edges(IdentityRelation.ADMIN_TO)).extracting(IdentityEdge::id).containsExactlyInAnyOrder(
        DOMAIN_SID + "-512|AdminTo|" + win10, DOMAIN_SID + "-1105|AdminTo|" + win10);
    assertThat(r.edges(IdentityRelation.CAN_RDP)).extracting(IdentityEdge::source).containsExactly(DOMAIN_SID + "-513");
    assertThat(r.edges(IdentityRelation.EXECUTE_DCOM)).extracting(IdentityEdge::source)
        .containsExactly("TESTLAB.LOCAL-S-1-1-0");
    assertThat(r.edges(IdentityRelation.CAN_PS_REMOTE)).extracting(IdentityEdge::source)
        .containsExactly(DOMAIN_SID + "-1105");
    assertThat(r.edges(IdentityRelation.ALLOWED_TO_DELEGATE)).extracting(IdentityEdge::id)
        .containsExactly(win10 + "|AllowedToDelegate|" + DOMAIN_SID + "-12345");
    assertThat(r.edges(IdentityRelation.ALLOWED_TO_ACT)).extracting(IdentityEdge::id)
        .containsExactly(DOMAIN_SID + "-12345|AllowedToAct|" + win10);
    assertThat(r.edges(IdentityRelation.ADD_ALLOWED_TO_ACT)).extracting(IdentityEdge::source)
        .containsExactly(DOMAIN_SID + "-2121");
    // Primary groups: 515 (domain computers) for three, 516 (domain controllers) for PRIMARY.
    assertThat(r.edges(IdentityRelation.MEMBER_OF)).extracting(IdentityEdge::target)
        .containsExactlyInAnyOrder(DOMAIN_SID + "-515", DOMAIN_SID + "-516", DOMAIN_SID + "-515", DOMAIN_SID + "-515");
    assertThat(r.file.count("unknown_rights")).isZero();
  }

  @Test
  void domainsFileYieldsTheDomainItsTrustsAndDcSyncRights() throws Exception {
    Recorded r = readCorpus("sharphound/v6_domains.json");
    JsonNode expected = Corpus.entry("sharphound/v6_domains.json").get("objects");

    assertThat(r.file.declaredCount()).isZero();
    assertThat(r.file.objects()).isEqualTo(expected.get("domains").asInt()).isEqualTo(1);
    Principal domain = r.principals.get(0);
    assertThat(domain.kind()).isEqualTo(PrincipalKind.DOMAIN);
    assertThat(domain.id()).isEqualTo(DOMAIN_SID).isEqualTo(domain.domainId());
    assertThat(domain.attributes()).containsEntry("distinguishedname", "DC=TESTLAB,DC=LOCAL") // written as \u003d
        .containsEntry("functionallevel", "2012 R2");
    assertThat(r.trusts).hasSize(expected.get("trusts").asInt());
    assertThat(r.trusts).extracting(DomainTrust::type).containsExactly(
        "ParentChild", "TreeRoot", "Shortcut", "Forest", "External", "Realm", "Unknown");
    assertThat(r.file.count("trusts")).isEqualTo(7);
    assertThat(r.file.count("aces")).isEqualTo(expected.get("aces").asInt());
    assertThat(r.edges).hasSize(17).allSatisfy(e -> assertThat(e.target()).isEqualTo(DOMAIN_SID));
    assertThat(r.edges(IdentityRelation.GET_CHANGES)).hasSize(5);
    assertThat(r.edges(IdentityRelation.GET_CHANGES_ALL)).hasSize(4);
    // The one principal holding both rights directly: a DCSync-capable user.
    assertThat(r.edges(IdentityRelation.GET_CHANGES)).extracting(IdentityEdge::source)
        .filteredOn(s -> r.edges(IdentityRelation.GET_CHANGES_ALL).stream().anyMatch(e -> e.source().equals(s)))
        .containsExactlyInAnyOrder("TESTLAB.LOCAL-S-1-5-32-544", DOMAIN_SID + "-2122");
    assertThat(r.file.count("gpo_links")).isEqualTo(expected.get("gpo_links").asInt());
  }

  @Test
  void usersAndGroupsFilesYieldMembershipAndAclEdges() throws Exception {
    Recorded users = read(resource("v6_users.json"));
    assertThat(users.file.type()).isEqualTo("users");
    assertThat(users.file.objects()).isEqualTo(2);
    assertThat(users.principal("BOB@TESTLAB.LOCAL").enabled()).isFalse();
    assertThat(users.principal("ALICE@TESTLAB.LOCAL").attributes()).containsEntry("samaccountname", "alice");
    assertThat(users.edges(IdentityRelation.FORCE_CHANGE_PASSWORD)).extracting(IdentityEdge::id)
        .containsExactly(DOMAIN_SID + "-1106|ForceChangePassword|" + DOMAIN_SID + "-1105");
    assertThat(users.edges(IdentityRelation.GENERIC_ALL)).singleElement()
        .satisfies(e -> assertThat(e.inherited()).isTrue());
    assertThat(users.file.count("unknown_rights")).isEqualTo(1);

    Recorded groups = read(resource("v6_groups.json"));
    assertThat(groups.file.declaredCount()).isEqualTo(2);
    assertThat(groups.file.count("members")).isEqualTo(3);
    assertThat(groups.edges(IdentityRelation.MEMBER_OF)).extracting(IdentityEdge::id).containsExactlyInAnyOrder(
        DOMAIN_SID + "-500|MemberOf|" + DOMAIN_SID + "-512",
        DOMAIN_SID + "-1105|MemberOf|" + DOMAIN_SID + "-2200",
        DOMAIN_SID + "-1106|MemberOf|" + DOMAIN_SID + "-2200");
    assertThat(groups.edges(IdentityRelation.ADD_MEMBER)).extracting(IdentityEdge::id)
        .containsExactly(DOMAIN_SID + "-1105|AddMember|" + DOMAIN_SID + "-512");
  }

  @Test
  void sniffRecognisesSharpHoundAndNotOtherJson() throws Exception {
    assertThat(SharpHoundReader.sniff(Head.of(Corpus.scanFile("sharphound/v6_computers.json")))).isTrue();
    assertThat(SharpHoundReader.sniff(Head.of(Corpus.scanFile("sharphound/v6_domains.json")))).isTrue();
    assertThat(SharpHoundReader.sniff(Head.of(ScanFile.of("x.json", "{\"matches\": []}".getBytes(StandardCharsets.UTF_8)))))
        .isFalse();
  }

  @Test
  void anotherJsonFormatIsRefusedNamingTheFile() {
    ScanFile grype = ScanFile.of("grype.json", "{\"matches\": [], \"source\": {}}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> read(grype)).isInstanceOf(ParseException.class)
        .hasMessageContaining("grype.json").hasMessageContaining("meta is missing");
  }

  @Test
  void unknownMetaTypeAndTruncatedFilesAreRefusedAndPushNothing() throws Exception {
    ScanFile unknown = ScanFile.of("odd.json",
        "{\"data\": [], \"meta\": {\"type\": \"sessions\", \"count\": 0, \"version\": 6}}".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> read(unknown)).isInstanceOf(ParseException.class)
        .hasMessageContaining("odd.json").hasMessageContaining("meta.type");

    byte[] whole;
    try (InputStream in = Corpus.scanFile("sharphound/v6_computers.json").open()) {
      whole = in.readAllBytes();
    }
    ScanFile truncated = ScanFile.of("cut.json", java.util.Arrays.copyOf(whole, whole.length / 2));
    Recorded r = new Recorded();
    assertThatThrownBy(() -> new SharpHoundReader().read(truncated, r)).isInstanceOf(ParseException.class)
        .hasMessageContaining("cut.json");
    assertThat(r.principals).isEmpty();
  }
}
