package vigil.engine.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScopeYamlTest {

  private static String resource(String name) throws IOException {
    try (InputStream in = ScopeYamlTest.class.getResourceAsStream("/scope/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The problems of a refused file, as "line:column field: message". */
  private static List<String> problems(String yaml) {
    try {
      ScopeYaml.parse(yaml, "scope.yaml");
    } catch (ScopeFileException e) {
      return e.problems().stream().map(p -> p.line() + ":" + p.column() + " " + p.field() + ": " + p.message()).toList();
    }
    throw new AssertionError("the file was accepted");
  }

  @Test
  void readsEveryFieldAndNormalisesPatterns() throws Exception {
    ScopeDocument doc = ScopeYaml.parse(resource("full.yaml"), "full.yaml");
    assertThat(doc.owners()).containsExactly(new Owner("pay-team", "pay-oncall@example.com"), new Owner("web-team", null));
    assertThat(doc.environments()).containsExactly(new Environment("production", "live"), new Environment("staging", null));
    assertThat(doc.services()).containsExactly(
        new BusinessService("payments", "Card payments: authorisation and settlement", "pay-team", 5, true,
            DataClassification.RESTRICTED),
        new BusinessService("website", null, null, 2, false, null));
    assertThat(doc.rules()).extracting(ScopeRule::key).containsExactly(
        "environment 'production' exclude tag env=dev",
        "environment 'staging' include domain staging.example.com",
        "environment 'staging' include hostname *-stg",
        "service 'payments' include cidr 10.1.0.0/16",
        "service 'payments' include cidr 2001:db8:42::/48",
        "service 'payments' include domain *.pay.example.com",
        "service 'payments' include hostname pay-??-db*",
        "service 'payments' include cloudAccount 012345678901",
        "service 'payments' include tag cost-centre=4711",
        "service 'payments' include registry ghcr.io/acme/payments",
        "service 'payments' include codeOrg github.com/acme-pay",
        "service 'payments' include asset fqdn:vault.pay.example.com",
        "service 'payments' exclude ipRange 10.1.99.0-10.1.99.255",
        "service 'website' include domain example.com",
        "top level include cidr 10.0.0.0/8",
        "top level exclude cidr 10.99.0.0/16");
    ScopeRule vault = doc.rules().get(11);
    assertThat(vault.crownJewel()).isTrue();
    assertThat(vault.note()).isEqualTo("the card vault");
    assertThat(doc.rules().get(3).environment()).isEqualTo("production");
    assertThat(doc.rules().get(4).environment()).isNull();
  }

  @Test
  void exportReadsBackEqualAndIsWrittenTheSameWayAgain() throws Exception {
    ScopeDocument doc = ScopeYaml.parse(resource("full.yaml"), "full.yaml");
    String exported = ScopeYaml.write(doc);
    ScopeDocument again = ScopeYaml.parse(exported, "exported.yaml");
    assertThat(again).isEqualTo(doc);
    assertThat(ScopeYaml.write(again)).isEqualTo(exported);
    // A pattern YAML would misread unquoted (as an alias) comes out quoted.
    assertThat(exported).contains("- domain: '*.pay.example.com'");
  }

  @Test
  void documentBuiltInAnyOrderExportsAndReadsBackEqual() throws Exception {
    ScopeDocument doc = ScopeDocument.builder()
        .rule(ScopeRule.exclude(RuleKind.CIDR, "10.99.0.0/16"))
        .rule(ScopeRule.exclude(RuleKind.DOMAIN, "x.b.example.com").forService("b"))
        .rule(ScopeRule.include(RuleKind.DOMAIN, "*.b.example.com").forService("b"))
        .rule(ScopeRule.include(RuleKind.TAG, "yes").inEnvironment("on").withNote("true"))
        .rule(ScopeRule.include(RuleKind.DOMAIN, "a.example.com").forService("a").inEnvironment("on").asCrownJewel())
        .environment(Environment.named("on"))
        .service(new BusinessService("b", "null", null, 1, false, DataClassification.PUBLIC))
        .service(BusinessService.of("a", 3))
        .owner(new Owner("#ops", "~"))
        .build();
    ScopeDocument again = ScopeYaml.parse(ScopeYaml.write(doc), "exported.yaml");
    assertThat(again).isEqualTo(doc);
    assertThat(again.service("b").orElseThrow().description()).isEqualTo("null");
    assertThat(again.owner("#ops").orElseThrow().contact()).isEqualTo("~");
  }

  @Test
  void emptyScopeIsWrittenAsVersionOnlyAndReadBack() throws Exception {
    String text = ScopeYaml.write(ScopeDocument.EMPTY);
    assertThat(text).endsWith("version: 1\n");
    assertThat(ScopeYaml.parse(text, "empty.yaml")).isEqualTo(ScopeDocument.EMPTY);
  }

  @Test
  void unknownFieldIsNamedWithItsLineAndASuggestion() {
    assertThat(problems("""
        services:
          - name: payments
            criticality: 3
            crownjewel: true
        """)).containsExactly("4:5 services[payments].crownjewel: unknown field 'crownjewel'; did you mean 'crownJewel'? "
            + "expected one of name, description, owner, criticality, crownJewel, dataClassification, include, exclude");
  }

  @Test
  void badCidrNamesLineFieldAndWhatIsWrong() {
    assertThat(problems("""
        include:
          - cidr: 10.1.2.3/16
          - cidr: 10.1.0.0/33
          - cidr: 2001:db8::/129
          - cidr: 10.1.0.0/x
          - cidr: 10.300.0.0/16
        """)).containsExactly(
            "2:11 include[0].cidr: '10.1.2.3/16' has host bits set after the prefix; the network is 10.1.0.0/16",
            "3:11 include[1].cidr: prefix length of '10.1.0.0/33' must be 0–32 for IPv4, was 33",
            "4:11 include[2].cidr: prefix length of '2001:db8::/129' must be 0–128 for IPv6, was 129",
            "5:11 include[3].cidr: '10.1.0.0/x' has no valid prefix length after '/'",
            "6:11 include[4].cidr: '10.300.0.0/16' is not an IP address or network (expected e.g. 10.1.0.0/16 or 2001:db8::/32)");
  }

  @Test
  void criticalityOutOfRangeOrMissingIsRefused() {
    assertThat(problems("""
        services:
          - name: a
            criticality: 7
          - name: b
            criticality: high
          - name: c
        """)).containsExactly(
            "3:18 services[a].criticality: must be a whole number 1–5 (5 = most critical), was 7",
            "5:18 services[b].criticality: must be a whole number 1–5 (5 = most critical), was high",
            "6:5 services[c].criticality: missing");
  }

  @Test
  void duplicateNamesAreRefusedIgnoringCase() {
    assertThat(problems("""
        owners:
          - team: ops
          - team: OPS
        environments:
          - name: prod
          - name: prod
        services:
          - name: payments
            criticality: 3
          - name: Payments
            criticality: 4
        """)).containsExactly(
            "3:11 owners[OPS].team: duplicate owner team 'OPS' (first at line 2)",
            "6:11 environments[prod].name: duplicate environment 'prod' (first at line 5)",
            "10:11 services[Payments].name: duplicate service 'Payments' (first at line 8)");
  }

  @Test
  void referencesToUndeclaredEnvironmentsAndOwnersAreRefused() {
    assertThat(problems("""
        owners:
          - team: ops
        environments:
          - name: production
        services:
          - name: payments
            owner: opps
            criticality: 3
            include:
              - cidr: 10.1.0.0/16
                environment: prod
        """)).containsExactly(
            "7:12 services[payments].owner: unknown owner team 'opps'; declared under owners: ops",
            "11:22 services[payments].include[0].environment: unknown environment 'prod'; declared under environments: production");
  }

  @Test
  void duplicateRuleIsRefusedWithTheFirstOnesLine() {
    assertThat(problems("""
        include:
          - domain: example.com
          - domain: EXAMPLE.com.
        """)).containsExactly("3:5 include[1]: duplicate rule: top level include domain example.com (first at line 2)");
  }

  @Test
  void ruleNeedsExactlyOnePatternAndOnlyFieldsItsPlaceAllows() {
    assertThat(problems("""
        environments:
          - name: prod
            include:
              - domain: example.com
                environment: prod
        services:
          - name: s
            criticality: 1
            include:
              - cidr: 10.0.0.0/8
                domain: example.com
              - note: nothing to match
            exclude:
              - cidr: 10.1.0.0/16
                crownJewel: true
              - cidr: 10.2.0.0/16
                environment: prod
        """)).containsExactly(
            "5:9 environments[prod].include[0].environment: only a service's includes take an environment; here the rule's place decides",
            "10:9 services[s].include[0]: a rule has one pattern, found cidr and domain; write one rule for each",
            "12:9 services[s].include[1]: a rule needs one pattern: one of cidr, ipRange, domain, hostname, cloudAccount, tag, registry, codeOrg, asset",
            "15:9 services[s].exclude[0].crownJewel: an exclude cannot mark crown jewels",
            "17:9 services[s].exclude[1].environment: an exclude takes no environment: it only takes assets out of where it sits");
  }

  @Test
  void wrongShapesAndValuesAreNamed() {
    assertThat(problems("""
        version: 2
        owners:
          team: ops
        services:
          - name: s
            criticality: 2
            crownJewel: yes
            dataClassification: secret
            include: 10.0.0.0/8
          - just a string
        """)).containsExactly(
            "1:10 version: this Vigil reads scope format 1, the file says 2",
            "3:3 owners: expected a list (lines starting with '- '), found a mapping",
            "7:17 services[s].crownJewel: must be true or false, was yes",
            "8:25 services[s].dataClassification: unknown classification 'secret'; expected one of public, internal, confidential, restricted",
            "9:14 services[s].include: expected a list (lines starting with '- '), found '10.0.0.0/8'",
            "10:5 services[1]: expected a mapping of field: value, found 'just a string'");
  }

  @Test
  void unquotedWildcardGetsAHintToQuoteIt() {
    assertThat(problems("""
        include:
          - domain: *.corp.example.com
        """)).singleElement().asString()
        .startsWith("2:14 : not valid YAML: ")
        .endsWith("(quote patterns that start with '*', e.g. \"*.corp.example.com\")");
  }

  @Test
  void emptyFileIsRefusedRatherThanReadAsAnEmptyScope() {
    assertThat(problems("# nothing yet\n"))
        .containsExactly("0:0 : the file holds no scope; an empty scope is written as 'version: 1'");
  }

  @Test
  void messageListsEveryProblemWithFileLineAndColumn() {
    assertThatThrownBy(() -> ScopeYaml.parse("""
        services:
          - name: a
            criticality: 0
            include:
              - domain: "a..b"
        """, "conf/scope.yaml"))
        .isInstanceOf(ScopeFileException.class)
        .hasMessage("conf/scope.yaml:3:18: services[a].criticality: must be a whole number 1–5 (5 = most critical), was 0\n"
            + "conf/scope.yaml:5:17: services[a].include[0].domain: 'a..b' is not a domain: "
            + "labels are letters, digits, '-' and '_', separated by single dots");
  }
}
