package vigil.ingest.nuclei;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vigil.ingest.Corpus;
import vigil.ingest.Formats;
import vigil.ingest.Head;
import vigil.ingest.ParseException;
import vigil.ingest.RecordingSink;
import vigil.ingest.ScanFile;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.Observation;
import vigil.model.Severity;
import vigil.model.WeaknessKind;

/**
 * Nuclei against the corpus. Vigil makes one observation per result line. DefectDojo merges results
 * with the same template, type, matcher and host name (whatever the port); Vigil's exposures are per
 * (host, template and matcher, port and path), so the two counts are related through those keys.
 */
class NucleiParserTest {
  private final NucleiParser parser = new NucleiParser();

  @Test
  void zeroByteFileHasNoObservationAndCannotBeDetected() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nuclei/empty.jsonl");
    assertThat(sink.observations).hasSize(Corpus.findings("nuclei/empty.jsonl")).isEmpty();
    assertThat(sink.covered).isEmpty();
    assertThatThrownBy(() -> Formats.detect(Corpus.scanFile("nuclei/empty.jsonl")))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("empty.jsonl")
        .hasMessageContaining("the file is empty");
  }

  @Test
  void twoMatchersOfOneTemplateAreTwoWeaknessesOnOneHost() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nuclei/multiple_matches.json");
    assertThat(sink.observations).hasSize(Corpus.findings("nuclei/multiple_matches.json"));
    assertThat(sink.observations).extracting(o -> o.weakness().checkId())
        .containsExactly("nuclei:tech-detect:genexus", "nuclei:tech-detect:recaptcha");
    Observation last = sink.observations.get(1);
    assertThat(last.asset().kind()).isEqualTo(AssetKind.HOST);
    assertThat(last.asset().keys()).contains(
        AssetKey.of(AssetKey.Type.FQDN, "turquoise-estrellita-69.tiiny.site"), AssetKey.of(AssetKey.Type.IP, "3.160.231.125"));
    assertThat(last.location().key()).isEqualTo("tcp/443|/");
    assertThat(last.location().service()).isEqualTo("https");
    assertThat(last.severity()).isEqualTo(Severity.INFO);
    assertThat(last.weakness().kind()).isEqualTo(WeaknessKind.INFORMATIONAL);
    assertThat(last.observedAt()).isEqualTo(Instant.parse("2024-11-17T11:15:12.831138Z"));
  }

  @Test
  void manyFindingsRelateToDefectDojosMergeByTemplateMatcherAndHost() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nuclei/many_findings.json");
    assertThat(sink.observations).hasSize(18);
    // DefectDojo's key: template, type, matcher, host name (bootstrap on 127.0.0.1:8080/WebGoat and
    // on 127.0.0.1:9090/WebWolf is one finding there).
    Set<String> defectDojoKeys = sink.observations.stream()
        .map(o -> o.weakness().checkId() + "|" + o.asset().name())
        .collect(Collectors.toSet());
    assertThat(defectDojoKeys).hasSize(Corpus.findings("nuclei/many_findings.json"));
    // Vigil keeps the two web applications apart: different ports are different services.
    assertThat(exposureKeys(sink)).hasSize(18);

    Observation ssh = sink.observations.get(0);
    assertThat(ssh.weakness().title()).isEqualTo("OpenSSH 5.3 Detection");
    assertThat(ssh.weakness().checkId()).isEqualTo("nuclei:openssh5.3-detect");
    assertThat(ssh.severity()).isEqualTo(Severity.LOW);
    assertThat(ssh.asset().keys()).contains(AssetKey.of(AssetKey.Type.FQDN, "nuclei-example.com"));
    assertThat(ssh.location().port()).isEqualTo(22);
    assertThat(ssh.location().path()).isNull();
    Observation setup = sink.observations.get(2);
    assertThat(setup.weakness().title()).isEqualTo("phpMyAdmin setup page");
    assertThat(setup.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(setup.location().key()).isEqualTo("tcp/443|/phpmyadmin/setup/index.php");
  }

  @Test
  void v3JsonArrayIsReadAndTheRepeatedTlsResultIsOneExposure() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nuclei/multiple_v3.json");
    assertThat(sink.observations).hasSize(6);
    assertThat(exposureKeys(sink)).hasSize(Corpus.findings("nuclei/multiple_v3.json"));
    assertThat(sink.observations.get(0).severity()).isEqualTo(Severity.INFO);
    assertThat(sink.observations.get(0).evidence()).contains("Extracted: pointing.wixdns.net");
    // A DNS result has no port; a TLS one has the matched port.
    assertThat(sink.observations.get(0).location().key()).isEmpty();
    assertThat(sink.where(o -> o.weakness().checkId().equals("nuclei:tls-version")))
        .hasSize(2).allSatisfy(o -> assertThat(o.location().key()).isEqualTo("tcp/443"));
  }

  @Test
  void largeJsonLinesKeepClassificationAndLeaveCredentialsOut() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nuclei/issue_14071.json");
    assertThat(sink.observations).hasSize(Corpus.findings("nuclei/issue_14071.json")).hasSize(27);
    Observation login = sink.observations.get(0);
    assertThat(login.weakness().checkId()).isEqualTo("nuclei:dvwa-default-login");
    assertThat(login.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(login.weakness().cwes()).containsExactly("CWE-798");
    assertThat(login.asset().keys()).containsExactly(
        AssetKey.of(AssetKey.Type.HOSTNAME, "dvwa_dvwa_1"), AssetKey.of(AssetKey.Type.IP, "172.18.0.3"));
    assertThat(login.location().key()).isEqualTo("tcp/80|/index.php");
    // The template's credentials ("meta") and the curl command's session cookie and CSRF token stay out.
    for (Observation o : sink.observations) {
      assertThat(o.toString()).doesNotContain("fbeb4812f1bc3aebc7ebd5f969d0ad00").doesNotContain("user_token");
    }
    Observation git = sink.where(o -> o.weakness().checkId().equals("nuclei:git-config")).get(0);
    assertThat(git.cvss().v3Vector()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N");
    assertThat(git.cvss().v3Score()).isEqualTo(5.3);
    assertThat(git.location().path()).isEqualTo("/.git/config");
    assertThat(sink.where(o -> o.weakness().checkId().startsWith("nuclei:http-missing-security-headers:")))
        .hasSize(11).allSatisfy(o -> assertThat(o.weakness().kind()).isEqualTo(WeaknessKind.MISCONFIGURATION));
  }

  @Test
  void resultsWithoutHostFieldsFallBackToTheUrlThenToTheTarget() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nuclei/issue_14071.json");
    // Javascript templates write only "url": "/http://dvwa_dvwa_1/".
    Observation cookies = sink.where(o -> o.weakness().checkId().equals("nuclei:cookies-without-httponly")).get(0);
    assertThat(cookies.asset().keys()).containsExactly(AssetKey.of(AssetKey.Type.HOSTNAME, "dvwa_dvwa_1"));
    assertThat(cookies.location().key()).isEqualTo("tcp/80|/");
    // The NS lookup of the root zone names no host at all.
    Observation ns = sink.where(o -> o.weakness().checkId().equals("nuclei:nameserver-fingerprint")).get(0);
    assertThat(ns.asset().keys()).containsExactly(AssetKey.of(AssetKey.Type.NAME, "issue_14071"));
  }

  @Test
  void everyNucleiCorpusFileWithResultsIsDetectedFromItsContent() throws Exception {
    for (JsonNode e : Corpus.entries("nuclei")) {
      String path = e.get("path").asString();
      if (!path.equals("nuclei/empty.jsonl")) {
        assertThat(Formats.detect(Corpus.scanFile(path)).format()).as(path).isEqualTo("nuclei");
      }
    }
  }

  @Test
  void otherToolsFilesAreNotDetectedAsNuclei() {
    for (JsonNode e : Corpus.manifest()) {
      String path = e.get("path").asString();
      if (!path.startsWith("nuclei/")) {
        assertThat(parser.sniff(Head.of(Corpus.scanFile(path)))).as(path).isFalse();
      }
    }
  }

  @Test
  void aBadLineIsRefusedByItsNumber() throws Exception {
    String lines = "{\"template-id\": \"a\", \"info\": {\"severity\": \"low\"}, \"host\": \"h.example\"}\n\n{\"template-id\": \"b\", \"info\": \n";
    assertThatThrownBy(() -> parse(lines))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("results.jsonl: line 3: invalid JSON");
  }

  @Test
  void aLineThatIsNotANucleiResultIsRefusedByItsNumber() {
    String lines = "{\"template-id\": \"a\", \"info\": {\"severity\": \"low\"}, \"host\": \"h.example\"}\n{\"check_id\": \"x\"}\n";
    assertThatThrownBy(() -> parse(lines))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("results.jsonl: line 2: not a Nuclei result");
  }

  @Test
  void anUnknownSeverityIsRefused() {
    String line = "{\"template-id\": \"a\", \"info\": {\"severity\": \"catastrophic\"}, \"host\": \"h.example\"}";
    assertThatThrownBy(() -> parse(line))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("line 1: unknown severity 'catastrophic'");
  }

  @Test
  void queryIsNotPartOfTheLocationAndCvesMakeAVulnerability() throws Exception {
    String line = "{\"template-id\": \"CVE-2021-44228\", \"info\": {\"name\": \"Log4Shell\", \"severity\": \"critical\","
        + " \"classification\": {\"cve-id\": [\"cve-2021-44228\"], \"cvss-metrics\": \"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H\","
        + " \"cvss-score\": 10}}, \"host\": \"https://[2001:db8::1]:8443\","
        + " \"matched-at\": \"https://[2001:db8::1]:8443/api/login?user=${jndi}#x\", \"type\": \"http\"}";
    Observation o = parse(line).observations.get(0);
    assertThat(o.asset().keys()).containsExactly(AssetKey.of(AssetKey.Type.IP, "2001:db8::1"));
    assertThat(o.location().key()).isEqualTo("tcp/8443|/api/login");
    assertThat(o.weakness().key()).isEqualTo("CVE-2021-44228");
    assertThat(o.weakness().kind()).isEqualTo(WeaknessKind.VULNERABILITY);
    assertThat(o.cvss().v3Score()).isEqualTo(10.0);
  }

  @Test
  void endpointsOfEveryShape() {
    assertThat(Endpoint.parse("http://user:pw@Example.com:8080/a/b?c=d")).isEqualTo(new Endpoint("http", "Example.com", 8080, "/a/b"));
    assertThat(Endpoint.parse("example.com:22")).isEqualTo(new Endpoint(null, "example.com", 22, null));
    assertThat(Endpoint.parse("www.example.com")).isEqualTo(new Endpoint(null, "www.example.com", null, null));
    assertThat(Endpoint.parse("/http://dvwa/")).isEqualTo(new Endpoint("http", "dvwa", null, "/"));
    assertThat(Endpoint.parse("https://example.com").portOrDefault()).isEqualTo(443);
    assertThat(Endpoint.parse("fe80::1")).isEqualTo(new Endpoint(null, "fe80::1", null, null));
    assertThat(Endpoint.parse("  ")).isNull();
  }

  @Test
  void forcedOnNessusXmlIsRefusedNamingTheFile() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "nessus/nessus_many_vuln.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nessus_many_vuln.xml: line 1: invalid JSON");
  }

  @Test
  void forcedOnPrettyPrintedSemgrepIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "semgrep/one_finding.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("one_finding.json: line 1");
  }

  @Test
  void forcedOnAnotherToolsArrayIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "gitleaks/gitleaks8_many.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("gitleaks8_many.json")
        .hasMessageContaining("not a Nuclei result");
  }

  @Test
  void deepNestingIsRefusedWithoutOverflow() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "hostile/deep_nesting.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("deep_nesting.json");
  }

  private RecordingSink parse(String content) throws Exception {
    RecordingSink sink = new RecordingSink();
    parser.parse(ScanFile.of("results.jsonl", content.getBytes(StandardCharsets.UTF_8)), sink);
    return sink;
  }

  private static Set<String> exposureKeys(RecordingSink sink) {
    return sink.observations.stream()
        .map(o -> o.asset().keys().iterator().next() + "|" + o.weakness().key() + "|" + o.location().key())
        .collect(Collectors.toSet());
  }
}
