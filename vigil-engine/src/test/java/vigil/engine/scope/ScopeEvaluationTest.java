package vigil.engine.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.AssetRef;

/** How rules of several services and environments combine into one answer per asset. */
class ScopeEvaluationTest {

  private static AssetFacts ip(String address) {
    return AssetFacts.of(AssetKey.of(AssetKey.Type.IP, address));
  }

  private static AssetFacts host(String... identifiers) {
    AssetRef.Builder b = AssetRef.builder(AssetKind.HOST);
    for (String id : identifiers) {
      b.host(id);
    }
    return AssetFacts.of(b.build());
  }

  @Test
  void excludeWinsOverANarrowerIncludeOfTheSameService() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .service(BusinessService.of("payments", 5))
        .rule(ScopeRule.include(RuleKind.CIDR, "10.1.2.0/24").forService("payments"))
        .rule(ScopeRule.exclude(RuleKind.CIDR, "10.1.0.0/16").forService("payments"))
        .build());
    ScopeResult r = index.evaluate(ip("10.1.2.5"));
    assertThat(r.services()).isEmpty();
    assertThat(r.status()).isEqualTo(ScopeStatus.OUT_OF_SCOPE);
    assertThat(r.exclusions()).extracting(m -> m.rule().pattern()).containsExactly("10.1.0.0/16");
    assertThat(r.explanation())
        .isEqualTo("out of scope: every matching include is overruled; "
            + "excluded from service 'payments' by cidr 10.1.0.0/16 on ip 10.1.2.5");
  }

  @Test
  void excludeOfOneServiceLeavesTheOtherServicesIncludes() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .service(BusinessService.of("payments", 5))
        .service(BusinessService.of("shared-infra", 3))
        .rule(ScopeRule.include(RuleKind.CIDR, "10.1.0.0/16").forService("payments"))
        .rule(ScopeRule.exclude(RuleKind.CIDR, "10.1.99.0/24").forService("payments"))
        .rule(ScopeRule.include(RuleKind.CIDR, "10.1.99.0/24").forService("shared-infra"))
        .build());
    ScopeResult r = index.evaluate(ip("10.1.99.7"));
    assertThat(r.status()).isEqualTo(ScopeStatus.IN_SCOPE);
    assertThat(r.serviceNames()).containsExactly("shared-infra");
    assertThat(r.criticality()).isEqualTo(3);
    assertThat(r.explanation()).contains("excluded from service 'payments' by cidr 10.1.99.0/24 on ip 10.1.99.7");
    assertThat(index.evaluate(ip("10.1.98.7")).serviceNames()).containsExactly("payments");
  }

  @Test
  void ruleMatchedOnSeveralFactsCountsOnceWithTheFirstFact() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .service(BusinessService.of("payments", 5))
        .rule(ScopeRule.include(RuleKind.CIDR, "10.0.0.0/8").forService("payments"))
        .rule(ScopeRule.exclude(RuleKind.CIDR, "10.1.0.0/16").forService("payments"))
        .build());
    ScopeResult r = index.evaluate(host("10.1.0.2", "10.1.0.1"));
    assertThat(r.exclusions()).extracting(RuleMatch::toString).containsExactly("cidr 10.1.0.0/16 on ip 10.1.0.1");
  }

  @Test
  void topLevelExcludeOverridesEveryInclude() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .service(BusinessService.of("payments", 5))
        .rule(ScopeRule.include(RuleKind.ASSET, "ip:10.99.0.1").forService("payments").asCrownJewel())
        .rule(ScopeRule.include(RuleKind.CIDR, "10.0.0.0/8"))
        .rule(ScopeRule.exclude(RuleKind.CIDR, "10.99.0.0/16"))
        .build());
    ScopeResult r = index.evaluate(ip("10.99.0.1"));
    assertThat(r.status()).isEqualTo(ScopeStatus.OUT_OF_SCOPE);
    assertThat(r.services()).isEmpty();
    assertThat(r.crownJewel()).isFalse();
    assertThat(r.explanation()).isEqualTo("out of scope: excluded at the top level by cidr 10.99.0.0/16 on ip 10.99.0.1");
  }

  @Test
  void topLevelIncludePutsAnAssetInScopeWithoutAService() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .rule(ScopeRule.include(RuleKind.CIDR, "10.0.0.0/8"))
        .build());
    ScopeResult r = index.evaluate(ip("10.9.9.9"));
    assertThat(r.status()).isEqualTo(ScopeStatus.IN_SCOPE);
    assertThat(r.shadowIt()).isFalse();
    assertThat(r.services()).isEmpty();
    assertThat(r.criticality()).isZero();
    assertThat(r.explanation()).isEqualTo("in scope, in no service, by cidr 10.0.0.0/8 on ip 10.9.9.9");
  }

  @Test
  void assetTakesTheHighestCriticalityAndTheOwnerOfThatService() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .owner(new Owner("web-team", "web@example.com"))
        .owner(new Owner("pay-team", "pay@example.com"))
        .service(BusinessService.of("website", 2).withOwner("web-team"))
        .service(BusinessService.of("payments", 5).withOwner("pay-team"))
        .service(BusinessService.of("reporting", 5).withOwner("web-team"))
        .rule(ScopeRule.include(RuleKind.DOMAIN, "example.com").forService("website"))
        .rule(ScopeRule.include(RuleKind.DOMAIN, "pay.example.com").forService("payments"))
        .rule(ScopeRule.include(RuleKind.HOSTNAME, "api*").forService("reporting"))
        .build());
    ScopeResult r = index.evaluate(host("api.pay.example.com"));
    assertThat(r.serviceNames()).containsExactly("website", "payments", "reporting");
    assertThat(r.criticality()).isEqualTo(5);
    // payments and reporting tie at 5: the first in document order gives the owner.
    assertThat(r.owner()).isEqualTo(new Owner("pay-team", "pay@example.com"));
    assertThat(index.evaluate(host("www.example.com")).criticality()).isEqualTo(2);
    assertThat(index.evaluate(host("www.example.com")).owner().team()).isEqualTo("web-team");
  }

  @Test
  void everyAssetOfACrownJewelServiceIsACrownJewel() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .service(BusinessService.of("payments", 5).asCrownJewel())
        .service(BusinessService.of("website", 2))
        .rule(ScopeRule.include(RuleKind.CIDR, "10.1.0.0/16").forService("payments"))
        .rule(ScopeRule.include(RuleKind.CIDR, "10.2.0.0/16").forService("website"))
        .build());
    ScopeResult r = index.evaluate(ip("10.1.0.9"));
    assertThat(r.crownJewel()).isTrue();
    assertThat(r.crownJewelReason()).isEqualTo("service 'payments' is a crown jewel");
    assertThat(index.evaluate(ip("10.2.0.9")).crownJewel()).isFalse();
  }

  @Test
  void namedAssetRuleMarksOneCrownJewelInAnOrdinaryService() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .service(BusinessService.of("qa", 2))
        .rule(ScopeRule.include(RuleKind.HOSTNAME, "qa3app*").forService("qa"))
        .rule(ScopeRule.include(RuleKind.ASSET, "netbios:QA3APP01").forService("qa").asCrownJewel())
        .build());
    AssetFacts dc = AssetFacts.of(List.of(AssetKey.of(AssetKey.Type.NETBIOS, "QA3APP01")), Map.of());
    ScopeResult r = index.evaluate(dc);
    assertThat(r.crownJewel()).isTrue();
    assertThat(r.crownJewelReason()).isEqualTo("asset netbios:qa3app01 of service 'qa' marks crown jewels");
    assertThat(index.evaluate(AssetFacts.of(AssetKey.of(AssetKey.Type.NETBIOS, "qa3app02"))).crownJewel()).isFalse();
  }

  @Test
  void crownJewelRuleCanBeAnyPatternAndOutsideAService() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .rule(ScopeRule.include(RuleKind.CIDR, "10.50.0.0/24").asCrownJewel().withNote("domain controllers"))
        .build());
    ScopeResult r = index.evaluate(ip("10.50.0.10"));
    assertThat(r.crownJewel()).isTrue();
    assertThat(r.crownJewelReason()).isEqualTo("cidr 10.50.0.0/24 of top level marks crown jewels");
  }

  @Test
  void crownJewelRuleOfAServiceThatExcludesTheAssetDoesNotCount() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .service(BusinessService.of("payments", 5))
        .rule(ScopeRule.include(RuleKind.CIDR, "10.1.0.0/16").forService("payments").asCrownJewel())
        .rule(ScopeRule.exclude(RuleKind.CIDR, "10.1.99.0/24").forService("payments"))
        .rule(ScopeRule.include(RuleKind.CIDR, "10.0.0.0/8"))
        .build());
    ScopeResult r = index.evaluate(ip("10.1.99.1"));
    assertThat(r.status()).isEqualTo(ScopeStatus.IN_SCOPE);
    assertThat(r.crownJewel()).isFalse();
    assertThat(index.evaluate(ip("10.1.98.1")).crownJewel()).isTrue();
  }

  @Test
  void moreSpecificEnvironmentProposalOfTheSameSortWins() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .environment(Environment.named("production"))
        .environment(Environment.named("preprod"))
        .service(BusinessService.of("portal", 4))
        .rule(ScopeRule.include(RuleKind.DOMAIN, "example.com").forService("portal").inEnvironment("production"))
        .rule(ScopeRule.include(RuleKind.DOMAIN, "preprod.example.com").inEnvironment("preprod"))
        .build());
    ScopeResult r = index.evaluate(host("preprod.example.com"));
    assertThat(r.environmentName()).isEqualTo("preprod");
    assertThat(r.environment().match().rule().pattern()).isEqualTo("preprod.example.com");
    assertThat(r.environment().overruled()).extracting(Environment::name).containsExactly("production");
    assertThat(r.explanation()).contains("environment 'preprod' by domain preprod.example.com on fqdn preprod.example.com (over production)");
    assertThat(index.evaluate(host("www.example.com")).environmentName()).isEqualTo("production");
  }

  @Test
  void environmentsProposedByDifferentSortsOfPatternGoByListOrder() {
    ScopeDocument.Builder doc = ScopeDocument.builder()
        .environment(Environment.named("production"))
        .environment(Environment.named("qa"))
        .rule(ScopeRule.include(RuleKind.CIDR, "10.31.112.0/24").inEnvironment("qa"))
        .rule(ScopeRule.include(RuleKind.TAG, "env=production").inEnvironment("production"));
    AssetFacts both = AssetFacts.of(List.of(AssetKey.of(AssetKey.Type.IP, "10.31.112.21")), Map.of("tag:env", "production"));
    assertThat(ScopeIndex.build(doc.build()).evaluate(both).environmentName()).isEqualTo("production");

    ScopeDocument reordered = ScopeDocument.builder()
        .environment(Environment.named("qa"))
        .environment(Environment.named("production"))
        .rule(ScopeRule.include(RuleKind.CIDR, "10.31.112.0/24").inEnvironment("qa"))
        .rule(ScopeRule.include(RuleKind.TAG, "env=production").inEnvironment("production"))
        .build();
    assertThat(ScopeIndex.build(reordered).evaluate(both).environmentName()).isEqualTo("qa");
  }

  @Test
  void ipv4AndIpv6PrefixLengthsAreNotComparedForEnvironments() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .environment(Environment.named("production"))
        .environment(Environment.named("lab"))
        .rule(ScopeRule.include(RuleKind.CIDR, "10.1.2.0/24").inEnvironment("production"))
        .rule(ScopeRule.include(RuleKind.CIDR, "2001:db8:1::/48").inEnvironment("lab"))
        .build());
    // A /48 is not "narrower" than a /24: the two are of different sorts, so list order decides.
    ScopeResult r = index.evaluate(host("10.1.2.3", "2001:db8:1::3"));
    assertThat(r.environmentName()).isEqualTo("production");
    assertThat(r.environment().overruled()).extracting(Environment::name).containsExactly("lab");
  }

  @Test
  void environmentExcludeForbidsTheEnvironmentButKeepsTheService() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .environment(Environment.named("production"))
        .environment(Environment.named("development"))
        .service(BusinessService.of("portal", 3))
        .rule(ScopeRule.include(RuleKind.DOMAIN, "example.com").forService("portal").inEnvironment("production"))
        .rule(ScopeRule.include(RuleKind.DOMAIN, "*.dev.example.com").inEnvironment("development"))
        .rule(ScopeRule.exclude(RuleKind.DOMAIN, "dev.example.com").inEnvironment("production"))
        .build());
    ScopeResult r = index.evaluate(host("a.dev.example.com"));
    assertThat(r.serviceNames()).containsExactly("portal");
    assertThat(r.environmentName()).isEqualTo("development");
    assertThat(r.environment().overruled()).isEmpty();
    assertThat(r.explanation()).contains("excluded from environment 'production' by domain dev.example.com");
  }

  @Test
  void shadowItSaysWhatWasLookedAtAndTheNearestRules() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .service(BusinessService.of("payments", 5))
        .service(BusinessService.of("website", 2))
        .rule(ScopeRule.include(RuleKind.CIDR, "10.1.0.0/16").forService("payments"))
        .rule(ScopeRule.include(RuleKind.DOMAIN, "www.example.org").forService("website"))
        .build());
    ScopeResult r = index.evaluate(host("10.9.9.9", "x.example.org"));
    assertThat(r.status()).isEqualTo(ScopeStatus.SHADOW_IT);
    assertThat(r.shadowIt()).isTrue();
    assertThat(r.explanation()).isEqualTo("shadow IT: no rule matches ip 10.9.9.9, fqdn x.example.org, hostname x; "
        + "nearest: service 'payments' covers cidr 10.1.0.0/16, service 'website' covers domain www.example.org");
  }

  @Test
  void nearestHostNamePatternSharesTheLongestStart() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .service(BusinessService.of("qa", 2))
        .service(BusinessService.of("web", 2))
        .rule(ScopeRule.include(RuleKind.HOSTNAME, "web*").forService("web"))
        .rule(ScopeRule.include(RuleKind.HOSTNAME, "qa3app*").forService("qa"))
        .build());
    assertThat(index.evaluate(host("qa3db01")).explanation())
        .isEqualTo("shadow IT: no rule matches hostname qa3db01; nearest: service 'qa' covers hostname qa3app*");
    assertThat(index.evaluate(host("qb1")).explanation()).isEqualTo("shadow IT: no rule matches hostname qb1");
  }

  @Test
  void shadowItNamesNoNearestRuleWhenNothingIsClose() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .rule(ScopeRule.include(RuleKind.CIDR, "10.0.0.0/8"))
        .rule(ScopeRule.include(RuleKind.DOMAIN, "example.com"))
        .build());
    ScopeResult r = index.evaluate(host("44.228.249.3", "testphp.vulnweb.com"));
    assertThat(r.explanation()).isEqualTo("shadow IT: no rule matches ip 44.228.249.3, fqdn testphp.vulnweb.com, hostname testphp");
  }

  @Test
  void nearestRuleIsAnIncludeNeverAnExclude() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .rule(ScopeRule.exclude(RuleKind.CIDR, "10.9.8.0/24"))
        .rule(ScopeRule.include(RuleKind.CIDR, "10.1.0.0/16"))
        .build());
    assertThat(index.evaluate(ip("10.9.9.9")).explanation())
        .isEqualTo("shadow IT: no rule matches ip 10.9.9.9; nearest: top-level include covers cidr 10.1.0.0/16");
  }

  @Test
  void oneSharedIndexGivesEveryThreadTheSameAnswers() {
    ScopeIndex index = ScopeIndex.build(ScopeDocument.builder()
        .service(BusinessService.of("a", 3))
        .service(BusinessService.of("b", 4))
        .rule(ScopeRule.include(RuleKind.CIDR, "10.0.0.0/9").forService("a"))
        .rule(ScopeRule.include(RuleKind.CIDR, "10.64.0.0/10").forService("b"))
        .build());
    List<String> sequential = IntStream.range(0, 5000)
        .mapToObj(i -> index.evaluate(ip("10." + (i % 256) + "." + (i / 256) + ".1")).explanation()).toList();
    List<String> parallel = IntStream.range(0, 5000).parallel()
        .mapToObj(i -> index.evaluate(ip("10." + (i % 256) + "." + (i / 256) + ".1")).explanation()).toList();
    assertThat(parallel).isEqualTo(sequential);
    assertThat(sequential.get(70)).startsWith("in service 'a'");
    assertThat(sequential.get(100)).startsWith("in service 'a' (criticality 3) by cidr 10.0.0.0/9 on ip 10.100.0.1; in service 'b'");
  }
}
