package vigil.ingest.semgrep;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
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

/**
 * Semgrep against the corpus. DefectDojo merges identical rule + location into one finding; Vigil
 * keeps one observation per result and the store merges them into one exposure per (asset,
 * weakness, location), so the manifest count is matched by distinct exposure keys.
 */
class SemgrepParserTest {
  private final SemgrepParser parser = new SemgrepParser();

  @Test
  void emptyResultsCoverTheTargetWithNoObservation() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "semgrep/empty.json");
    assertThat(sink.observations).hasSize(Corpus.findings("semgrep/empty.json")).isEmpty();
    assertThat(sink.covered).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(AssetKind.CODE_REPOSITORY);
      assertThat(a.keys()).containsExactly(AssetKey.of(AssetKey.Type.NAME, "empty"));
    });
  }

  @Test
  void oneFindingKeepsRuleCweLineAndSuggestedFix() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "semgrep/one_finding.json");
    assertThat(sink.observations).hasSize(Corpus.findings("semgrep/one_finding.json"));
    Observation o = sink.observations.get(0);
    assertThat(o.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(o.toolSeverity()).isEqualTo("WARNING");
    assertThat(o.weakness().checkId()).isEqualTo("semgrep:java.lang.security.audit.cbc-padding-oracle.cbc-padding-oracle");
    assertThat(o.weakness().cwes()).containsExactly("CWE-696");
    assertThat(o.location().path()).isEqualTo("src/main/java/org/owasp/benchmark/testcode/BenchmarkTest02194.java");
    assertThat(o.location().line()).isEqualTo(64);
    assertThat(o.description()).startsWith("Using CBC with PKCS5Padding is susceptible to padding orcale attacks.");
    assertThat(o.solution()).isEqualTo("Suggested fix: javax crypto Cipher.getInstance(\"AES/GCM/NoPadding\");");
    assertThat(o.evidence()).contains("Cipher.getInstance(\"DES/CBC/PKCS5Padding\")");
    assertThat(o.asset().keys()).containsExactly(AssetKey.of(AssetKey.Type.NAME, "one_finding"));
  }

  @Test
  void repeatedResultIsTwoObservationsOfOneExposure() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "semgrep/repeated_findings.json");
    assertThat(sink.observations).hasSize(2);
    assertThat(exposureKeys(sink)).hasSize(Corpus.findings("semgrep/repeated_findings.json"));
    assertThat(sink.observations.get(0).location().key())
        .isEqualTo("src/main/java/org/owasp/benchmark/testcode/BenchmarkTest01150.java:66");
    assertThat(sink.observations.get(0).severity()).isEqualTo(Severity.MEDIUM);
  }

  @Test
  void manyVulnsFactsFromTheManifest() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "semgrep/many_vulns.json");
    assertThat(sink.observations).hasSize(Corpus.findings("semgrep/many_vulns.json")).hasSize(48);
    assertThat(exposureKeys(sink)).hasSize(48);
    Observation first = sink.observations.get(0);
    assertThat(first.severity()).isEqualTo(Severity.HIGH);
    assertThat(first.location().key()).isEqualTo("tasks.py:186");
    assertThat(first.weakness().checkId()).isEqualTo("semgrep:python.lang.correctness.tempfile.flush.tempfile-without-flush");
    Observation md5 = sink.observations.get(4);
    assertThat(md5.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(md5.location().key()).isEqualTo("tools/sslyze/parser_xml.py:124");
    assertThat(md5.weakness().cwes()).containsExactly("CWE-327");
    Observation csv = sink.observations.get(37);
    assertThat(csv.severity()).isEqualTo(Severity.HIGH);
    assertThat(csv.location().key()).isEqualTo("management/commands/csv_findings_export.py:33");
    assertThat(csv.weakness().cwes()).containsExactly("CWE-1236");
  }

  @Test
  void everySemgrepCorpusFileIsDetectedFromItsContent() throws Exception {
    for (JsonNode e : Corpus.entries("semgrep")) {
      String path = e.get("path").asString();
      assertThat(Formats.detect(Corpus.scanFile(path)).format()).as(path).isEqualTo("semgrep");
    }
  }

  @Test
  void semgrepReportNamedNessusIsDetectedAsSemgrepAndParses() throws Exception {
    ScanFile misnamed = Corpus.scanFile("hostile/wrong_format_json.nessus");
    assertThat(Formats.detect(misnamed).format()).isEqualTo("semgrep");
    RecordingSink sink = new RecordingSink();
    Formats.detect(misnamed).parse(misnamed, sink);
    assertThat(sink.observations).hasSize(1);
    assertThatThrownBy(() -> Formats.byName("nessus").parse(misnamed, new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("wrong_format_json.nessus");
  }

  @Test
  void otherToolsFilesAreNotDetectedAsSemgrep() {
    for (JsonNode e : Corpus.manifest()) {
      String path = e.get("path").asString();
      if (!path.startsWith("semgrep/") && !path.equals("hostile/wrong_format_json.nessus")) {
        assertThat(parser.sniff(Head.of(Corpus.scanFile(path)))).as(path).isFalse();
      }
    }
  }

  @Test
  void forcedOnSarifIsRefusedNamingTheFile() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "sarif/appendix_k.sarif"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("appendix_k.sarif")
        .hasMessageContaining("not a Semgrep report: no \"results\" array");
  }

  @Test
  void forcedOnNessusXmlIsRefusedNamingTheFile() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "nessus/nessus_many_vuln.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nessus_many_vuln.xml");
  }

  @Test
  void forcedOnGitleaksArrayIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "gitleaks/gitleaks8_many.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("gitleaks8_many.json")
        .hasMessageContaining("expected a JSON object");
  }

  @Test
  void resultWithoutCheckIdIsRefused() {
    String json = "{\"results\": [{\"path\": \"a.py\", \"start\": {\"line\": 1}}], \"errors\": []}";
    assertThatThrownBy(() -> parser.parse(ScanFile.of("odd.json", json.getBytes(StandardCharsets.UTF_8)), new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("odd.json: line 1")
        .hasMessageContaining("no \"check_id\"");
  }

  @Test
  void truncatedFileIsRefused() throws Exception {
    byte[] whole = java.nio.file.Files.readAllBytes(Corpus.file("semgrep/many_vulns.json"));
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length - 20);
    assertThatThrownBy(() -> parser.parse(ScanFile.of("cut.json", cut), new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("cut.json");
  }

  @Test
  void severitiesOldAndNew() {
    assertThat(SemgrepParser.severity("ERROR")).isEqualTo(Severity.HIGH);
    assertThat(SemgrepParser.severity("WARNING")).isEqualTo(Severity.MEDIUM);
    assertThat(SemgrepParser.severity("INFO")).isEqualTo(Severity.LOW);
    assertThat(SemgrepParser.severity("CRITICAL")).isEqualTo(Severity.CRITICAL);
    assertThat(SemgrepParser.severity("INVENTORY")).isEqualTo(Severity.INFO);
  }

  @Test
  void explicitTargetNamesTheRepository() throws Exception {
    RecordingSink sink = new RecordingSink();
    parser.parse(Corpus.scanFile("semgrep/one_finding.json").withTarget("benchmark"), sink);
    assertThat(sink.observations.get(0).asset().keys()).containsExactly(AssetKey.of(AssetKey.Type.NAME, "benchmark"));
  }

  @Test
  void ignoredResultIsKeptAndMarked() throws Exception {
    String json = "{\"results\": [{\"check_id\": \"r\", \"path\": \"a.py\", \"start\": {\"line\": 3},"
        + " \"extra\": {\"severity\": \"ERROR\", \"message\": \"m\", \"lines\": \"eval(x)\", \"is_ignored\": true}}]}";
    RecordingSink sink = new RecordingSink();
    parser.parse(ScanFile.of("ignored.json", json.getBytes(StandardCharsets.UTF_8)), sink);
    assertThat(sink.observations).singleElement()
        .satisfies(o -> assertThat(o.evidence()).isEqualTo("eval(x)\nIgnored in the code by a nosemgrep comment"));
  }

  private static Set<String> exposureKeys(RecordingSink sink) {
    return sink.observations.stream()
        .map(o -> o.asset().keys().iterator().next() + "|" + o.weakness().key() + "|" + o.location().key())
        .collect(Collectors.toSet());
  }
}
