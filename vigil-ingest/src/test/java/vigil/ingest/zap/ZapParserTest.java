package vigil.ingest.zap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import vigil.ingest.Corpus;
import vigil.ingest.ParserContract;
import vigil.ingest.ParseException;
import vigil.ingest.RecordingSink;
import vigil.ingest.ScanFile;
import vigil.model.AssetKey;
import vigil.model.Observation;
import vigil.model.Severity;
import vigil.model.WeaknessKind;

/**
 * ZAP against the corpus. ZAP reports one alertitem per alert and site, with its instances (URLs)
 * below; DefectDojo makes one finding per alertitem with the instances as endpoints, and so does
 * Vigil (instances in the evidence), so the counts are equal.
 */
class ZapParserTest {
  private final ZapParser parser = new ZapParser();

  @Test
  void reportWithoutAlertsCoversItsSiteAndHasNoObservation() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "zap/empty_2.9.0.xml");
    assertThat(sink.observations).hasSize(Corpus.findings("zap/empty_2.9.0.xml")).isEmpty();
    assertThat(sink.covered).singleElement()
        .satisfies(a -> assertThat(a.keys()).contains(AssetKey.of(AssetKey.Type.FQDN, "isaac.nl")));
  }

  @Test
  void version290HasOneObservationPerAlertitem() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "zap/some_2.9.0.xml");
    assertThat(sink.observations).hasSize(7).hasSize(Corpus.findings("zap/some_2.9.0.xml"));
    Observation first = sink.observations.get(0);
    assertThat(first.weakness().title()).isEqualTo("Cookie Without Secure Flag");
    assertThat(first.weakness().checkId()).isEqualTo("zap:10011");
    assertThat(first.weakness().cwes()).containsExactly("CWE-614");
    assertThat(first.severity()).isEqualTo(Severity.LOW);
    assertThat(first.toolSeverity()).isEqualTo("Low (Medium)");
    assertThat(first.location().port()).isEqualTo(443);
    assertThat(first.location().protocol()).isEqualTo("tcp");
    assertThat(first.location().service()).isEqualTo("https");
    assertThat(first.location().path()).isEqualTo("/");
    assertThat(first.evidence()).startsWith("3 instances, confidence Medium:").contains("[opvc] evidence: Set-Cookie: opvc");
    assertThat(first.observedAt()).isEqualTo(Instant.parse("2020-05-12T20:57:30Z"));
  }

  @Test
  void descriptionsAndSolutionsArePlainText() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "zap/some_2.9.0.xml");
    assertThat(sink.observations).allSatisfy(o -> {
      assertThat(o.description()).doesNotContain("<p>").doesNotContain("&lt;");
      assertThat(o.solution()).doesNotContain("<p>");
    });
    assertThat(sink.observations.get(0).solution()).contains("References:\nhttp://www.owasp.org/");
  }

  @Test
  void version2161KeepsInstancesButNotRequestsOrResponses() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "zap/zap_2.16.1_with_req_resp.xml");
    assertThat(sink.observations).hasSize(4).hasSize(Corpus.findings("zap/zap_2.16.1_with_req_resp.xml"));
    Observation auth = sink.observations.get(0);
    assertThat(auth.weakness().title()).isEqualTo("Authentication Request Identified");
    assertThat(auth.weakness().checkId()).isEqualTo("zap:10111");
    assertThat(auth.severity()).isEqualTo(Severity.INFO);
    assertThat(auth.weakness().kind()).isEqualTo(WeaknessKind.INFORMATIONAL);
    assertThat(auth.weakness().cwes()).as("cweid -1 means none").isEmpty();
    assertThat(auth.asset().keys()).contains(AssetKey.of(AssetKey.Type.FQDN, "example-domain.com"));
    assertThat(auth.location().port()).isEqualTo(443);
    assertThat(auth.location().service()).isEqualTo("https");
    Observation cookie = sink.observations.get(1);
    assertThat(cookie.weakness().title()).isEqualTo("Cookie Poisoning");
    assertThat(cookie.weakness().checkId()).isEqualTo("zap:10029");
    assertThat(cookie.severity()).isEqualTo(Severity.INFO);
    // DefectDojo's "5 locations" are the alert's five instances.
    assertThat(cookie.evidence()).startsWith("5 instances");
    assertThat(cookie.evidence().lines().filter(l -> l.startsWith("- "))).hasSize(5);
    assertThat(cookie.weakness().cwes()).as("from the 2.16 <tags>").containsExactly("CWE-565");
    assertThat(sink.observations).allSatisfy(o -> assertThat(o.evidence())
        .doesNotContainIgnoringCase("user-agent:").doesNotContain("HTTP/1.1 400").doesNotContain("Set-Cookie: TiPMix"));
  }

  @Test
  void locationIsTheUrlPathTheInstancesShareWithoutQuery() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "zap/zap_2.16.1_with_req_resp.xml");
    assertThat(sink.observations.get(0).location().path()).as("one instance: its own path")
        .isEqualTo("/cpapi/api/account/verifypasswordless");
    assertThat(sink.observations.get(1).location().path()).as("several paths: the directory they share")
        .isEqualTo("/cpapi/api/");
    assertThat(sink.observations).allSatisfy(o -> assertThat(o.location().path()).doesNotContain("?"));
    assertThat(sink.observations.get(1).location().key()).isEqualTo("tcp/443|/cpapi/api/");
  }

  @Test
  void dvwaBaselineHasNineteenAlertsOnOneIpHost() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "zap/dvwa_baseline_dojo.xml");
    assertThat(sink.observations).hasSize(19).hasSize(Corpus.findings("zap/dvwa_baseline_dojo.xml"));
    Observation first = sink.observations.get(0);
    assertThat(first.weakness().title()).isEqualTo("X-Frame-Options Header Not Set");
    assertThat(first.weakness().checkId()).isEqualTo("zap:10020");
    assertThat(first.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(first.evidence()).startsWith("11 instances");
    assertThat(first.asset().keys()).containsExactly(AssetKey.of(AssetKey.Type.IP, "172.17.0.2"));
    assertThat(first.location().port()).isEqualTo(80);
    assertThat(first.location().service()).isEqualTo("http");
    Observation last = sink.observations.get(18);
    assertThat(last.weakness().title()).isEqualTo("Private IP Disclosure");
    assertThat(last.weakness().checkId()).isEqualTo("zap:2");
    assertThat(last.severity()).isEqualTo(Severity.LOW);
    assertThat(last.evidence()).startsWith("3 instances");
  }

  @Test
  void firstScanOnANamedPort() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "zap/zap-results-first-scan.xml");
    assertThat(sink.observations).hasSize(15).hasSize(Corpus.findings("zap/zap-results-first-scan.xml"));
    Observation first = sink.observations.get(0);
    assertThat(first.weakness().title()).isEqualTo("User Controllable HTML Element Attribute (Potential XSS)");
    assertThat(first.weakness().checkId()).isEqualTo("zap:10031");
    assertThat(first.severity()).isEqualTo(Severity.INFO);
    assertThat(first.evidence()).startsWith("11 instances");
    assertThat(first.asset().keys()).contains(AssetKey.of(AssetKey.Type.FQDN, "bodgeit.securecodebox-demo.svc"));
    assertThat(first.location().port()).isEqualTo(8080);
    Observation pii = sink.observations.get(14);
    assertThat(pii.weakness().title()).isEqualTo("PII Disclosure");
    assertThat(pii.weakness().checkId()).isEqualTo("zap:10062");
    assertThat(pii.severity()).isEqualTo(Severity.HIGH);
    assertThat(pii.weakness().cwes()).containsExactly("CWE-359");
    assertThat(pii.weakness().kind()).isEqualTo(WeaknessKind.VULNERABILITY);
  }

  @Test
  void detectedFromContent() throws Exception {
    ParserContract.detectsItsCorpusFiles("zap");
  }

  @Test
  void claimsNoOtherFormatsFile() {
    ParserContract.claimsNoOtherFormatsFile(parser);
  }

  @Test
  void forcedOnNessusIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "nessus/nessus_many_vuln.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nessus_many_vuln.xml")
        .hasMessageContaining("expected root element <OWASPZAPReport> but found <NessusClientData_v2>");
  }

  @Test
  void forcedOnJsonIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "cloud/prowler_v3_many_vuln.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("prowler_v3_many_vuln.json");
  }

  @Test
  void truncatedReportIsRefusedWithThePlace() throws Exception {
    byte[] whole = Files.readAllBytes(Corpus.file("zap/some_2.9.0.xml"));
    ScanFile cut = ScanFile.of("cut.xml", Arrays.copyOf(whole, whole.length / 2));
    assertThatThrownBy(() -> parser.parse(cut, new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("cut.xml")
        .hasMessageContaining("line ");
  }

  @Test
  void xxeIsRefusedBeforeAnyEntityIsResolved() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "hostile/xxe_file_passwd.nessus"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("DOCTYPE")
        .hasMessageNotContaining("root:");
  }
}
