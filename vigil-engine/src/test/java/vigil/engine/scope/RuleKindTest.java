package vigil.engine.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** Each kind's canonical spelling, and the patterns it refuses. */
class RuleKindTest {

  @Test
  void cidrIsWrittenWithItsPrefixInCanonicalForm() {
    assertThat(RuleKind.CIDR.normalise("10.1.2.3")).isEqualTo("10.1.2.3/32");
    assertThat(RuleKind.CIDR.normalise(" 10.001.0.0/16 ")).isEqualTo("10.1.0.0/16");
    assertThat(RuleKind.CIDR.normalise("0.0.0.0/0")).isEqualTo("0.0.0.0/0");
    assertThat(RuleKind.CIDR.normalise("2001:0DB8:0000:0000::/32")).isEqualTo("2001:db8::/32");
    assertThat(RuleKind.CIDR.normalise("2001:db8::1")).isEqualTo("2001:db8::1/128");
    assertThat(RuleKind.CIDR.normalise("::/0")).isEqualTo("::/0");
  }

  @Test
  void cidrWithHostBitsOrBadPrefixIsRefused() {
    assertThatThrownBy(() -> RuleKind.CIDR.normalise("10.1.2.3/16"))
        .hasMessage("'10.1.2.3/16' has host bits set after the prefix; the network is 10.1.0.0/16");
    assertThatThrownBy(() -> RuleKind.CIDR.normalise("2001:db8::1/32"))
        .hasMessage("'2001:db8::1/32' has host bits set after the prefix; the network is 2001:db8::/32");
    assertThatThrownBy(() -> RuleKind.CIDR.normalise("10.0.0.0/-1")).hasMessageContaining("no valid prefix length");
    assertThatThrownBy(() -> RuleKind.CIDR.normalise("example.com/24")).hasMessageContaining("is not an IP address");
  }

  @Test
  void ipRangeMustRunForwardWithinOneFamily() {
    assertThat(RuleKind.IP_RANGE.normalise("10.31.112.21 - 10.31.112.29")).isEqualTo("10.31.112.21-10.31.112.29");
    assertThatThrownBy(() -> RuleKind.IP_RANGE.normalise("10.0.0.9-10.0.0.1")).hasMessage("'10.0.0.9-10.0.0.1' ends before it starts");
    assertThatThrownBy(() -> RuleKind.IP_RANGE.normalise("10.0.0.1-::1")).hasMessage("'10.0.0.1-::1' mixes IPv4 and IPv6");
    assertThatThrownBy(() -> RuleKind.IP_RANGE.normalise("10.0.0.1")).hasMessageContaining("is not a range");
  }

  @Test
  void domainWildcardIsOnlyAWholeFirstLabel() {
    assertThat(RuleKind.DOMAIN.normalise("*.Corp.Example.com.")).isEqualTo("*.corp.example.com");
    assertThatThrownBy(() -> RuleKind.DOMAIN.normalise("web*.example.com"))
        .hasMessage("'web*.example.com' is not a domain: a wildcard may only be the whole first label, as in *.corp.example.com");
    assertThatThrownBy(() -> RuleKind.DOMAIN.normalise("*")).hasMessageContaining("is not a domain");
    assertThatThrownBy(() -> RuleKind.DOMAIN.normalise("a b.com")).hasMessageContaining("is not a domain");
  }

  @Test
  void otherKindsHaveOneSpellingEach() {
    assertThat(RuleKind.HOSTNAME.normalise("QA3APP*")).isEqualTo("qa3app*");
    assertThat(RuleKind.CLOUD_ACCOUNT.normalise("Acme-Prod")).isEqualTo("acme-prod");
    assertThat(RuleKind.TAG.normalise(" Env = Prod ")).isEqualTo("env=prod");
    assertThat(RuleKind.TAG.normalise("PCI")).isEqualTo("pci");
    assertThat(RuleKind.REGISTRY.normalise("https://GHCR.io/acme/")).isEqualTo("ghcr.io/acme");
    assertThat(RuleKind.REGISTRY.normalise("registry-1.docker.io/acme")).isEqualTo("docker.io/acme");
    assertThat(RuleKind.CODE_ORG.normalise("git@github.com:Acme.git")).isEqualTo("github.com/acme");
    assertThat(RuleKind.ASSET.normalise("NetBIOS:QA3APP01")).isEqualTo("netbios:qa3app01");
    assertThat(RuleKind.ASSET.normalise("ip:10.001.2.3")).isEqualTo("ip:10.1.2.3");
  }

  @Test
  void patternsThatNameNothingAreRefused() {
    assertThatThrownBy(() -> RuleKind.HOSTNAME.normalise("web[1-3]")).hasMessageContaining("not a host name pattern");
    assertThatThrownBy(() -> RuleKind.CLOUD_ACCOUNT.normalise("acme prod")).hasMessageContaining("white space");
    assertThatThrownBy(() -> RuleKind.TAG.normalise("=prod")).hasMessageContaining("no tag key");
    assertThatThrownBy(() -> RuleKind.REGISTRY.normalise("acme/app")).hasMessageContaining("start with the registry host");
    assertThatThrownBy(() -> RuleKind.REGISTRY.normalise("ghcr.io/acme/app:1.0")).hasMessageContaining("without tag or digest");
    assertThatThrownBy(() -> RuleKind.CODE_ORG.normalise("github.com")).hasMessageContaining("write host/organisation");
    assertThatThrownBy(() -> RuleKind.ASSET.normalise("server:db1")).hasMessageContaining("type one of cloud-id, agent-id");
    assertThatThrownBy(() -> RuleKind.CIDR.normalise("  ")).hasMessage("empty cidr pattern");
  }

  @Test
  void ruleRecordNormalisesAndChecksItsTarget() {
    assertThat(ScopeRule.include(RuleKind.CIDR, "10.1.2.3").pattern()).isEqualTo("10.1.2.3/32");
    assertThatThrownBy(() -> ScopeRule.exclude(RuleKind.CIDR, "10.0.0.0/8").asCrownJewel())
        .hasMessageContaining("cannot mark crown jewels");
    assertThatThrownBy(() -> ScopeRule.exclude(RuleKind.CIDR, "10.0.0.0/8").forService("s").inEnvironment("e"))
        .hasMessageContaining("takes no environment");
  }

  @Test
  void documentRefusesDuplicatesAndDanglingReferences() {
    assertThatThrownBy(() -> ScopeDocument.builder().service(BusinessService.of("a", 1)).service(BusinessService.of("A", 2)).build())
        .hasMessage("duplicate service 'A'");
    assertThatThrownBy(() -> ScopeDocument.builder().rule(ScopeRule.include(RuleKind.TAG, "x").forService("nope")).build())
        .hasMessage("rule tag x names unknown service 'nope'");
    assertThatThrownBy(() -> ScopeDocument.builder().service(BusinessService.of("a", 1).withOwner("ops")).build())
        .hasMessage("service 'a' names unknown owner team 'ops'");
    assertThatThrownBy(() -> BusinessService.of("a", 6)).hasMessage("criticality of service 'a' must be 1–5, was 6");
  }
}
