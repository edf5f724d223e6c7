package vigil.ingest.burp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vigil.ingest.Corpus;
import vigil.ingest.ParserContract;
import vigil.ingest.ParseException;
import vigil.ingest.RecordingSink;
import vigil.ingest.ScanFile;
import vigil.model.AssetKey;
import vigil.model.Observation;
import vigil.model.Severity;

/**
 * Burp against the corpus. DefectDojo merges Burp issues by issue type into one finding with the
 * URLs as endpoints; Vigil keeps one observation per {@code <issue>} (each is one URL and
 * parameter) and lets the store group them into exposures. So the raw count is the number of
 * {@code <issue>} elements, and the manifest count is the number of distinct Burp types.
 */
class BurpParserTest {
  private final BurpParser parser = new BurpParser();

  /** The Burp issue type of an observation: "burp:134217728:slug" → "134217728". */
  private static Set<String> burpTypes(RecordingSink sink) {
    return sink.observations.stream().map(o -> o.weakness().checkId().split(":")[1]).collect(Collectors.toSet());
  }

  @Test
  void threeIssuesOfOneTypeAreThreeObservationsOfOneWeakness() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "burp/one_finding.xml");
    assertThat(sink.observations).hasSize(3);
    assertThat(burpTypes(sink)).containsExactly("1049088").hasSize(Corpus.findings("burp/one_finding.xml"));
    // DefectDojo's "3 locations": three URL + parameter places.
    assertThat(sink.observations).extracting(o -> o.evidence().lines().findFirst().orElseThrow())
        .doesNotHaveDuplicates().allSatisfy(l -> assertThat(l).startsWith("location: /bodgeit/"));
    assertThat(sink.covered).hasSize(1);
  }

  @Test
  void blankResponseIssueIsReadWithItsPlaceAndRequest() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "burp/one_finding_with_blank_response.xml");
    assertThat(sink.observations).hasSize(1).hasSize(Corpus.findings("burp/one_finding_with_blank_response.xml"));
    Observation o = sink.observations.get(0);
    assertThat(o.weakness().title()).isEqualTo("SQL injection");
    assertThat(o.weakness().checkId()).isEqualTo("burp:1049088");
    assertThat(o.severity()).isEqualTo(Severity.HIGH);
    assertThat(o.toolSeverity()).isEqualTo("High");
    assertThat(o.evidence()).contains("serial: 7121655797013284864")
        .contains("location: /bodgeit/basket.jsp [b_id cookie]")
        .contains("confidence: Firm")
        .contains("request: POST /bodgeit/basket.jsp HTTP/1.1");
    assertThat(o.asset().keys()).containsExactly(AssetKey.of(AssetKey.Type.HOSTNAME, "bwa"));
    assertThat(o.asset().attributes()).containsEntry("ip", "192.168.187.137");
    assertThat(o.location().port()).isEqualTo(80);
    assertThat(o.location().protocol()).isEqualTo("tcp");
    assertThat(o.location().service()).isEqualTo("http");
    assertThat(o.location().path()).isEqualTo("/bodgeit/basket.jsp");
    assertThat(o.description()).startsWith("SQL injection vulnerabilities arise").doesNotContain("<br>");
    assertThat(o.solution()).contains("parameterized queries");
    // "Sat Sep 13 22:39:44 CEST 2014"
    assertThat(o.observedAt()).isEqualTo(Instant.parse("2014-09-13T20:39:44Z"));
  }

  @Test
  void sixteenIssuesOfSevenTypes() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "burp/seven_findings.xml");
    assertThat(sink.observations).hasSize(16);
    assertThat(burpTypes(sink)).hasSize(Corpus.findings("burp/seven_findings.xml"));
    Observation first = sink.observations.get(0);
    assertThat(first.weakness().title()).isEqualTo("Frameable response (potential Clickjacking)");
    assertThat(first.weakness().checkId()).isEqualTo("burp:5245344");
    assertThat(first.severity()).isEqualTo(Severity.INFO);
    assertThat(sink.observations).allSatisfy(o -> assertThat(o.location().path()).doesNotContain("?"));
  }

  @Test
  void largeExportIsReadIssueByIssueWithBoundedEvidence() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "burp/issue4399.xml");
    assertThat(sink.observations).hasSize(441);
    assertThat(burpTypes(sink)).hasSize(Corpus.findings("burp/issue4399.xml"));
    // Extension issues share Burp type 134217728; their names keep them apart as weaknesses.
    assertThat(sink.observations.stream().map(o -> o.weakness().checkId()).distinct()).hasSize(27);
    Observation first = sink.observations.get(0);
    assertThat(first.weakness().title()).isEqualTo("Unencrypted communications");
    assertThat(first.weakness().checkId()).isEqualTo("burp:16777728");
    assertThat(first.severity()).isEqualTo(Severity.LOW);
    assertThat(first.weakness().cwes()).containsExactly("CWE-326");
    // Burp classifies it as CWE-20 and CWE-116; DefectDojo keeps only the first.
    assertThat(one(sink, "Input returned in response (reflected)").weakness().cwes()).containsExactly("CWE-20", "CWE-116");
    assertThat(one(sink, "Input returned in response (reflected)").severity()).isEqualTo(Severity.INFO);
    Observation ssrf = one(sink, "External service interaction (HTTP)");
    assertThat(ssrf.severity()).isEqualTo(Severity.HIGH);
    assertThat(ssrf.weakness().cwes()).containsExactly("CWE-918", "CWE-406");
    assertThat(one(sink, "[Vulners] Vulnerable Software detected").weakness().cves())
        .contains("CVE-2018-19396", "CVE-2018-19395");
    assertThat(sink.observations).allSatisfy(o -> assertThat(o.evidence().length())
        .isLessThanOrEqualTo(BurpParser.MAX_EVIDENCE + 2));
    // Responses are never read: no status line of one appears anywhere.
    assertThat(sink.observations).noneSatisfy(o -> assertThat(o.evidence()).contains("HTTP/1.1 200 OK"));
    assertThat(sink.covered).singleElement()
        .satisfies(a -> assertThat(a.keys()).contains(AssetKey.of(AssetKey.Type.FQDN, "testphp.vulnweb.com")));
  }

  private static Observation one(RecordingSink sink, String title) {
    return sink.observations.stream().filter(o -> o.weakness().title().equals(title)).findFirst().orElseThrow();
  }

  @Test
  void detectedFromContent() throws Exception {
    ParserContract.detectsItsCorpusFiles("burp");
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
        .hasMessageContaining("expected root element <issues> but found <NessusClientData_v2>");
  }

  @Test
  void burpsOwnDoctypeIsAcceptedButAnEntityDoctypeIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "hostile/xxe_file_passwd.nessus"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("xxe_file_passwd.nessus")
        .hasMessageContaining("DOCTYPE")
        .hasMessageNotContaining("root:");
    assertThatThrownBy(() -> RecordingSink.parse(parser, "hostile/billion_laughs.nessus"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("DOCTYPE");
    assertThatThrownBy(() -> RecordingSink.parse(parser, "hostile/xxe_parameter_entity_ssrf.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void externalDtdIsNeverLoaded() throws Exception {
    // Port 9 on loopback has no server: a parser that fetched the DTD would fail here.
    byte[] xml = ("<?xml version=\"1.0\"?>\n<!DOCTYPE issues SYSTEM \"http://127.0.0.1:9/burp.dtd\">\n"
        + "<issues burpVersion=\"1\"></issues>\n").getBytes(StandardCharsets.UTF_8);
    RecordingSink sink = new RecordingSink();
    parser.parse(ScanFile.of("external.xml", xml), sink);
    assertThat(sink.observations).isEmpty();
  }

  @Test
  void errorsAfterTheDoctypeKeepTheirLineNumber() throws Exception {
    String whole = Files.readString(Corpus.file("burp/one_finding_with_blank_response.xml"));
    String prolog = whole.substring(0, whole.indexOf("<issues "));
    int issuesLine = (int) prolog.chars().filter(c -> c == '\n').count() + 1;
    String broken = prolog + "<issues burpVersion=\"1\">\n  <issue>\n    <type>1</oops>\n";
    ScanFile file = ScanFile.of("broken.xml", broken.getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> parser.parse(file, new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("broken.xml: line " + (issuesLine + 2) + ",");
  }

  @Test
  void truncatedExportIsRefused() throws Exception {
    byte[] whole = Files.readAllBytes(Corpus.file("burp/seven_findings.xml"));
    ScanFile cut = ScanFile.of("cut.xml", Arrays.copyOf(whole, whole.length / 2));
    assertThatThrownBy(() -> parser.parse(cut, new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("cut.xml");
  }
}
