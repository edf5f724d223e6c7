package vigil.engine.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.AssetRef;

/** What each rule kind matches, one service per rule so that every match is visible. */
class RuleMatchingTest {

  /** An index whose service "s" includes exactly the given pattern. */
  private static ScopeIndex only(RuleKind kind, String pattern) {
    return ScopeIndex.build(ScopeDocument.builder()
        .service(BusinessService.of("s", 3))
        .rule(ScopeRule.include(kind, pattern).forService("s"))
        .build());
  }

  private static boolean matches(ScopeIndex index, AssetFacts facts) {
    return index.evaluate(facts).serviceNames().contains("s");
  }

  private static AssetFacts ip(String address) {
    return AssetFacts.of(AssetKey.of(AssetKey.Type.IP, address));
  }

  private static AssetFacts fqdn(String name) {
    return AssetFacts.of(AssetKey.of(AssetKey.Type.FQDN, name));
  }

  private static AssetFacts hostname(String name) {
    return AssetFacts.of(AssetKey.of(AssetKey.Type.HOSTNAME, name));
  }

  private static AssetFacts image(String name) {
    return AssetFacts.of(AssetKey.of(AssetKey.Type.IMAGE, name));
  }

  private static AssetFacts repository(String url) {
    return AssetFacts.of(AssetKey.of(AssetKey.Type.REPOSITORY, url));
  }

  private static AssetFacts attributes(Map<String, String> attributes) {
    AssetRef.Builder b = AssetRef.builder(AssetKind.CLOUD_RESOURCE).key(AssetKey.Type.NAME, "r");
    attributes.forEach(b::attribute);
    return AssetFacts.of(b.build());
  }

  @Test
  void cidrMatchesAddressesInsideTheNetworkOnly() {
    ScopeIndex index = only(RuleKind.CIDR, "10.1.0.0/16");
    assertThat(matches(index, ip("10.1.0.0"))).isTrue();
    assertThat(matches(index, ip("10.1.255.255"))).isTrue();
    assertThat(matches(index, ip("10.2.0.0"))).isFalse();
    assertThat(matches(index, ip("10.0.255.255"))).isFalse();
    assertThat(index.evaluate(ip("10.1.2.3")).services().get(0).match().toString())
        .isEqualTo("cidr 10.1.0.0/16 on ip 10.1.2.3");
  }

  @Test
  void slash32IsOneAddressAndSlash0IsEveryAddressOfItsFamily() {
    ScopeIndex one = only(RuleKind.CIDR, "10.1.2.3/32");
    assertThat(matches(one, ip("10.1.2.3"))).isTrue();
    assertThat(matches(one, ip("10.1.2.2"))).isFalse();
    assertThat(matches(one, ip("10.1.2.4"))).isFalse();

    ScopeIndex all = only(RuleKind.CIDR, "0.0.0.0/0");
    assertThat(matches(all, ip("0.0.0.0"))).isTrue();
    assertThat(matches(all, ip("255.255.255.255"))).isTrue();
    assertThat(matches(all, ip("2001:db8::1"))).isFalse();

    ScopeIndex allV6 = only(RuleKind.CIDR, "::/0");
    assertThat(matches(allV6, ip("2001:db8::1"))).isTrue();
    assertThat(matches(allV6, ip("10.1.2.3"))).isFalse();
  }

  @Test
  void ipv6NetworksMatchWhateverWayTheAddressIsWritten() {
    ScopeIndex index = only(RuleKind.CIDR, "2001:DB8:0:0::/32");
    assertThat(matches(index, ip("2001:db8::1"))).isTrue();
    assertThat(matches(index, ip("2001:0DB8:0000:0000:0000:0000:0000:0001"))).isTrue();
    assertThat(matches(index, ip("[2001:db8:ffff::5]"))).isTrue();
    assertThat(matches(index, ip("2001:db9::1"))).isFalse();
    assertThat(matches(index, ip("fe80::1%eth0"))).isFalse();

    ScopeIndex host = only(RuleKind.CIDR, "2001:db8::1/128");
    assertThat(matches(host, ip("2001:db8:0::1"))).isTrue();
    assertThat(matches(host, ip("2001:db8::2"))).isFalse();
  }

  @Test
  void ipv4MappedIpv6AddressMatchesTheIpv4Network() {
    assertThat(matches(only(RuleKind.CIDR, "10.1.0.0/16"), ip("::ffff:10.1.2.3"))).isTrue();
  }

  @Test
  void addressesAToolReportsOutOfRangeMatchNothing() {
    ScopeIndex index = only(RuleKind.CIDR, "0.0.0.0/0");
    assertThat(index.evaluate(ip("192.168.1.1001")).shadowIt()).isTrue();
  }

  @Test
  void overlappingNetworksPutTheAssetInEveryService() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .service(BusinessService.of("wide", 2))
        .service(BusinessService.of("narrow", 4))
        .rule(ScopeRule.include(RuleKind.CIDR, "10.0.0.0/8").forService("wide"))
        .rule(ScopeRule.include(RuleKind.CIDR, "10.1.2.0/24").forService("narrow"))
        .build());
    assertThat(index.evaluate(ip("10.1.2.9")).serviceNames()).containsExactly("wide", "narrow");
    assertThat(index.evaluate(ip("10.1.3.9")).serviceNames()).containsExactly("wide");
  }

  @Test
  void ipRangeMatchesItsEndsAndWhatIsBetween() {
    ScopeIndex index = only(RuleKind.IP_RANGE, "10.31.112.21-10.31.112.29");
    for (int last = 21; last <= 29; last++) {
      assertThat(matches(index, ip("10.31.112." + last))).as("10.31.112.%d", last).isTrue();
    }
    assertThat(matches(index, ip("10.31.112.20"))).isFalse();
    assertThat(matches(index, ip("10.31.112.30"))).isFalse();

    ScopeIndex v6 = only(RuleKind.IP_RANGE, "2001:db8::ff-2001:db8::1:0");
    assertThat(matches(v6, ip("2001:db8::ff"))).isTrue();
    assertThat(matches(v6, ip("2001:db8::ffff"))).isTrue();
    assertThat(matches(v6, ip("2001:db8::1:0"))).isTrue();
    assertThat(matches(v6, ip("2001:db8::fe"))).isFalse();
    assertThat(matches(v6, ip("2001:db8::1:1"))).isFalse();
  }

  @Test
  void domainMatchesTheNameAndEverythingUnderItOnLabelBoundaries() {
    ScopeIndex index = only(RuleKind.DOMAIN, "corp.example.com");
    assertThat(matches(index, fqdn("corp.example.com"))).isTrue();
    assertThat(matches(index, fqdn("a.b.corp.example.com"))).isTrue();
    assertThat(matches(index, fqdn("xcorp.example.com"))).isFalse();
    assertThat(matches(index, fqdn("example.com"))).isFalse();
  }

  @Test
  void wildcardDomainMatchesOnlyNamesBelowIt() {
    ScopeIndex index = only(RuleKind.DOMAIN, "*.corp.example.com");
    assertThat(matches(index, fqdn("a.corp.example.com"))).isTrue();
    assertThat(matches(index, fqdn("a.b.corp.example.com"))).isTrue();
    assertThat(matches(index, fqdn("corp.example.com"))).isFalse();
  }

  @Test
  void wildcardAndExactDomainOfOneNameDifferOnlyOnTheNameItself() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .service(BusinessService.of("below", 2))
        .service(BusinessService.of("apex", 2))
        .rule(ScopeRule.include(RuleKind.DOMAIN, "*.corp.example.com").forService("below"))
        .rule(ScopeRule.include(RuleKind.DOMAIN, "corp.example.com").forService("apex"))
        .build());
    assertThat(index.evaluate(fqdn("corp.example.com")).serviceNames()).containsExactly("apex");
    assertThat(index.evaluate(fqdn("www.corp.example.com")).serviceNames()).containsExactly("below", "apex");
  }

  @Test
  void domainsMatchWithoutRegardToCaseOrTrailingDot() {
    ScopeIndex index = only(RuleKind.DOMAIN, "Corp.EXAMPLE.com.");
    assertThat(matches(index, fqdn("WWW.corp.Example.COM"))).isTrue();
    assertThat(matches(index, fqdn("www.corp.example.com."))).isTrue();
  }

  @Test
  void hostnameGlobWithLiteralHeadMatchesHostNetbiosAndFirstLabelOfFqdn() {
    ScopeIndex index = only(RuleKind.HOSTNAME, "qa3app*");
    assertThat(matches(index, hostname("qa3app01"))).isTrue();
    assertThat(matches(index, AssetFacts.of(AssetKey.of(AssetKey.Type.NETBIOS, "QA3APP09")))).isTrue();
    assertThat(matches(index, fqdn("qa3app02.lab.example.com"))).isTrue();
    assertThat(matches(index, hostname("qa3ap"))).isFalse();
    assertThat(matches(index, hostname("xqa3app01"))).isFalse();
  }

  @Test
  void hostnameGlobsWithOnlyATailOrAnInnerLiteralAreFoundToo() {
    ScopeIndex tail = only(RuleKind.HOSTNAME, "*-db");
    assertThat(matches(tail, hostname("payments-db"))).isTrue();
    assertThat(matches(tail, hostname("payments-db2"))).isFalse();

    ScopeIndex inner = only(RuleKind.HOSTNAME, "*sql*");
    assertThat(matches(inner, hostname("mysql01"))).isTrue();
    assertThat(matches(inner, hostname("sql"))).isTrue();
    assertThat(matches(inner, hostname("sq-l"))).isFalse();

    ScopeIndex everything = only(RuleKind.HOSTNAME, "*");
    assertThat(matches(everything, hostname("anything"))).isTrue();
    assertThat(matches(everything, ip("10.0.0.1"))).isFalse();
  }

  @Test
  void questionMarkIsExactlyOneCharacter() {
    ScopeIndex index = only(RuleKind.HOSTNAME, "web-??");
    assertThat(matches(index, hostname("web-01"))).isTrue();
    assertThat(matches(index, hostname("web-1"))).isFalse();
    assertThat(matches(index, hostname("web-001"))).isFalse();
  }

  @Test
  void hostnamePatternWithADotMatchesWholeFqdnsNotShortNames() {
    ScopeIndex index = only(RuleKind.HOSTNAME, "web-*.corp.example.com");
    assertThat(matches(index, fqdn("web-7.corp.example.com"))).isTrue();
    assertThat(matches(index, fqdn("web-7.corp.example.org"))).isFalse();
    assertThat(matches(index, hostname("web-7"))).isFalse();
  }

  @Test
  void exactHostnameMatchesOnlyThatName() {
    ScopeIndex index = only(RuleKind.HOSTNAME, "BUILD01");
    assertThat(matches(index, hostname("build01"))).isTrue();
    assertThat(matches(index, hostname("build011"))).isFalse();
  }

  @Test
  void shortHostnamePatternsDoNotLookAcrossTheFqdnsDots() {
    // "*db*" must not match www.db.example.com through its later labels: only "www" is the host name.
    ScopeIndex index = only(RuleKind.HOSTNAME, "*db*");
    assertThat(matches(index, fqdn("www.db.example.com"))).isFalse();
    assertThat(matches(index, fqdn("proddb1.example.com"))).isTrue();
  }

  @Test
  void cloudAccountMatchesAttributesAndTheAccountInResourceIds() {
    ScopeIndex aws = only(RuleKind.CLOUD_ACCOUNT, "123456789012");
    assertThat(matches(aws, attributes(Map.of("account", "123456789012")))).isTrue();
    assertThat(matches(aws, attributes(Map.of("account", "123456789013")))).isFalse();
    assertThat(matches(aws, AssetFacts.of(AssetKey.of(AssetKey.Type.CLOUD_ID,
        "arn:aws:ec2:eu-west-1:123456789012:instance/i-0abc")))).isTrue();
    assertThat(aws.evaluate(attributes(Map.of("account", "123456789012"))).services().get(0).match().fact())
        .isEqualTo("cloud account 123456789012");

    ScopeIndex azure = only(RuleKind.CLOUD_ACCOUNT, "0B1F6471-1BF0-4DDA-AEC3-CB9272F09590");
    assertThat(matches(azure, AssetFacts.of(AssetKey.of(AssetKey.Type.CLOUD_ID,
        "/subscriptions/0b1f6471-1bf0-4dda-aec3-cb9272f09590/resourceGroups/rg/providers/x/vm1")))).isTrue();

    ScopeIndex gcp = only(RuleKind.CLOUD_ACCOUNT, "acme-prod");
    assertThat(matches(gcp, AssetFacts.of(AssetKey.of(AssetKey.Type.CLOUD_ID,
        "//compute.googleapis.com/projects/acme-prod/zones/europe-west1-b/instances/vm1")))).isTrue();
    assertThat(matches(gcp, attributes(Map.of("project-id", "acme-dev")))).isFalse();
  }

  @Test
  void tagRuleWithValueNeedsThatValueAndBareKeyTakesAny() {
    ScopeIndex valued = only(RuleKind.TAG, "Env=Prod");
    assertThat(matches(valued, attributes(Map.of("tag:env", "prod")))).isTrue();
    assertThat(matches(valued, attributes(Map.of("tag:ENV", "PROD")))).isTrue();
    assertThat(matches(valued, attributes(Map.of("tag:env", "production")))).isFalse();
    assertThat(matches(valued, attributes(Map.of("tags", "team=pay; env=prod")))).isTrue();

    ScopeIndex bare = only(RuleKind.TAG, "pci");
    assertThat(matches(bare, attributes(Map.of("tag:pci", "yes")))).isTrue();
    assertThat(matches(bare, attributes(Map.of("tags", "pci, internet-facing")))).isTrue();
    assertThat(matches(bare, attributes(Map.of("tag:pcix", "yes")))).isFalse();
  }

  @Test
  void registryMatchesImagesUnderItSegmentBySegment() {
    ScopeIndex index = only(RuleKind.REGISTRY, "ghcr.io/acme");
    assertThat(matches(index, image("ghcr.io/acme/api:1.2"))).isTrue();
    assertThat(matches(index, image("GHCR.io/acme/team/worker@sha256:0123abcd"))).isTrue();
    assertThat(matches(index, image("ghcr.io/acmeco/api:1.2"))).isFalse();
    assertThat(matches(index, image("quay.io/acme/api"))).isFalse();

    ScopeIndex host = only(RuleKind.REGISTRY, "registry.example.com:5000");
    assertThat(matches(host, image("registry.example.com:5000/team/app:7"))).isTrue();
  }

  @Test
  void dockerHubImagesAreNamedUnderDockerIo() {
    assertThat(matches(only(RuleKind.REGISTRY, "docker.io/library"), image("nginx:1.25"))).isTrue();
    assertThat(matches(only(RuleKind.REGISTRY, "docker.io/acme"), image("acme/app:2"))).isTrue();
    assertThat(matches(only(RuleKind.REGISTRY, "index.docker.io/acme"), image("docker.io/acme/app"))).isTrue();
    assertThat(matches(only(RuleKind.REGISTRY, "docker.io/acme"), image("nginx"))).isFalse();
  }

  @Test
  void codeOrgMatchesRepositoriesOfTheOrganisationWhateverTheUrlForm() {
    ScopeIndex index = only(RuleKind.CODE_ORG, "github.com/acme");
    assertThat(matches(index, repository("https://github.com/Acme/App.git"))).isTrue();
    assertThat(matches(index, repository("git@github.com:acme/app.git"))).isTrue();
    assertThat(matches(index, repository("ssh://git@github.com/acme/app"))).isTrue();
    assertThat(matches(index, repository("https://github.com/acme-labs/app"))).isFalse();
    assertThat(matches(index, repository("https://gitlab.com/acme/app"))).isFalse();

    ScopeIndex group = only(RuleKind.CODE_ORG, "gitlab.com/acme/platform");
    assertThat(matches(group, repository("https://gitlab.com/acme/platform/infra/terraform"))).isTrue();
    assertThat(matches(group, repository("https://gitlab.com/acme/web"))).isFalse();
  }

  @Test
  void namedAssetMatchesThatIdentifierExactly() {
    ScopeIndex index = only(RuleKind.ASSET, "fqdn:DB1.corp.example.com");
    assertThat(matches(index, fqdn("db1.corp.example.com"))).isTrue();
    assertThat(matches(index, fqdn("db2.corp.example.com"))).isFalse();
    assertThat(matches(index, hostname("db1.corp.example.com"))).isFalse();

    ScopeIndex cloud = only(RuleKind.ASSET, "cloud-id:i-0abc");
    assertThat(matches(cloud, AssetFacts.of(AssetKey.of(AssetKey.Type.CLOUD_ID, "i-0abc")))).isTrue();
  }

  @Test
  void assetRefIsEvaluatedThroughItsKeysAndAttributes() {
    ScopeIndex index = only(RuleKind.TAG, "env=prod");
    AssetRef ref = AssetRef.builder(AssetKind.HOST).host("10.0.0.1").attribute("tag:env", "prod").build();
    assertThat(index.evaluate(ref).serviceNames()).containsExactly("s");
  }
}
