package vigil.ingest.gitleaks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
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
 * Gitleaks against the corpus. Gitleaks reports the same leak once per commit that holds it;
 * DefectDojo merges those into one finding, Vigil keeps one observation per record and the store
 * merges them into one exposure per (repository, rule, file and line), so the manifest count is
 * matched by distinct exposure keys.
 */
class GitleaksParserTest {
  private static final String[] FILES = {
    "gitleaks/gitleaks8_many.json", "gitleaks/redacted_data_many.json", "gitleaks/version_7.5.0.json"
  };
  private final GitleaksParser parser = new GitleaksParser();

  @Test
  void nullMeansNoLeaksAndCoversTheRepository() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "gitleaks/no_findings.json");
    assertThat(sink.observations).hasSize(Corpus.findings("gitleaks/no_findings.json")).isEmpty();
    assertThat(sink.covered).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(AssetKind.CODE_REPOSITORY);
      assertThat(a.keys()).containsExactly(AssetKey.of(AssetKey.Type.NAME, "no_findings"));
    });
  }

  @Test
  void aFileOfOnlyNullCannotBeDetectedAndNeedsTheFormatNamed() {
    assertThatThrownBy(() -> Formats.detect(Corpus.scanFile("gitleaks/no_findings.json")))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("no_findings.json")
        .hasMessageContaining("unrecognised format (starts with \"null\")");
  }

  @Test
  void emptyArrayMeansNoLeaks() throws Exception {
    RecordingSink sink = new RecordingSink();
    parser.parse(ScanFile.of("clean.json", "[]".getBytes(StandardCharsets.UTF_8)), sink);
    assertThat(sink.observations).isEmpty();
    assertThat(sink.covered).hasSize(1);
  }

  @Test
  void v8LeaksInSeveralCommitsAreOneExposure() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "gitleaks/gitleaks8_many.json");
    assertThat(sink.observations).hasSize(4);
    assertThat(exposureKeys(sink)).hasSize(Corpus.findings("gitleaks/gitleaks8_many.json"));
    Observation aws = sink.observations.get(0);
    assertThat(aws.weakness().kind()).isEqualTo(WeaknessKind.SECRET);
    assertThat(aws.weakness().checkId()).isEqualTo("gitleaks:aws-access-token");
    assertThat(aws.weakness().title()).isEqualTo("Hard-coded secret: AWS");
    assertThat(aws.weakness().cwes()).containsExactly("CWE-798");
    assertThat(aws.severity()).isEqualTo(Severity.HIGH);
    assertThat(aws.location().key()).isEqualTo("/conf/aws.tf:2");
    assertThat(aws.evidence()).contains("Commit: 74d53286c550630f80847d37f68aa3065554ac813544072ccd1278da71fafe31");
    Observation rsa = sink.observations.get(2);
    assertThat(rsa.weakness().title()).isEqualTo("Hard-coded secret: RSA private key");
    assertThat(rsa.location().key()).isEqualTo("conf/rsa.pk:57");
    assertThat(rsa.evidence()).contains("Tags: tag1, tag2");
    // The matched text keeps its context, never the secret.
    assertThat(sink.observations.get(3).evidence()).contains("Match: apikey = \"[REDACTED]\"");
  }

  @Test
  void version750LeaksMergeByRuleFileAndLine() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "gitleaks/version_7.5.0.json");
    assertThat(sink.observations).hasSize(8);
    assertThat(exposureKeys(sink)).hasSize(Corpus.findings("gitleaks/version_7.5.0.json"));
    assertThat(sink.observations.get(0).weakness().title()).isEqualTo("Hard-coded secret: AWS Access Key");
    assertThat(sink.observations.get(0).location().line()).isEqualTo(13);
    assertThat(sink.where(o -> o.weakness().title().equals("Hard-coded secret: Asymmetric Private Key")))
        .hasSize(2).allSatisfy(o -> assertThat(o.location().line()).isEqualTo(13));
    // ScanFile.target() stops at the first dot of the file name.
    assertThat(sink.observations.get(0).asset().keys()).containsExactly(AssetKey.of(AssetKey.Type.NAME, "version_7"));
  }

  @Test
  void legacyRedactedReportHasSixLeaks() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "gitleaks/redacted_data_many.json");
    assertThat(sink.observations).hasSize(Corpus.findings("gitleaks/redacted_data_many.json")).hasSize(6);
    assertThat(exposureKeys(sink)).hasSize(6);
    assertThat(sink.observations.get(0).location().key()).isEqualTo("overlays/server/config/server-config.yml:224");
    assertThat(sink.observations.get(0).weakness().checkId()).isEqualTo("gitleaks:AWS Access Key");
  }

  /** Every Secret, Match and offender in the corpus, looked for in everything Vigil keeps. */
  @Test
  void noSecretReachesAnObservation() throws Exception {
    int checked = 0;
    for (String path : FILES) {
      List<String> secrets = new ArrayList<>();
      for (JsonNode leak : JsonMapper.builder().build().readTree(Files.readString(Corpus.file(path)))) {
        for (String field : List.of("Secret", "offender")) {
          String s = leak.path(field).asString("");
          if (!s.isBlank() && !s.equals("REDACTED")) {
            secrets.add(s);
          }
        }
      }
      RecordingSink sink = RecordingSink.parse(parser, path);
      for (Observation o : sink.observations) {
        for (String secret : secrets) {
          assertThat(o.toString()).as(path).doesNotContain(secret);
          checked++;
        }
      }
    }
    assertThat(checked).isGreaterThanOrEqualTo(4 * 4 + 8 * 8);
  }

  @Test
  void matchWhoseSecretIsUnknownIsDroppedWhole() {
    assertThat(GitleaksParser.redact("token = \"s3cr3t\"", "s3cr3t")).isEqualTo("token = \"[REDACTED]\"");
    assertThat(GitleaksParser.redact("token = \"s3cr3t\"", null)).isNull();
    assertThat(GitleaksParser.redact("token = \"s3cr3t\"", " ")).isNull();
  }

  @Test
  void linkNamesTheRepository() throws Exception {
    String json = """
        [{"Description": "AWS", "StartLine": 2, "Match": "key=AKIAXXXX", "Secret": "AKIAXXXX", "File": "conf/aws.tf",
          "Commit": "abc123", "RuleID": "aws-access-token",
          "Link": "https://github.com/Acme/Shop/blob/abc123/conf/aws.tf#L2"}]
        """;
    RecordingSink sink = new RecordingSink();
    parser.parse(ScanFile.of("leaks.json", json.getBytes(StandardCharsets.UTF_8)), sink);
    assertThat(sink.observations).singleElement().satisfies(o -> {
      assertThat(o.asset().keys()).containsExactly(AssetKey.of(AssetKey.Type.REPOSITORY, "https://github.com/acme/shop"));
      assertThat(o.toString()).doesNotContain("AKIAXXXX");
    });
  }

  @Test
  void everyGitleaksCorpusFileWithLeaksIsDetectedFromItsContent() throws Exception {
    for (String path : FILES) {
      assertThat(Formats.detect(Corpus.scanFile(path)).format()).as(path).isEqualTo("gitleaks");
    }
  }

  @Test
  void otherToolsFilesAreNotDetectedAsGitleaks() {
    for (JsonNode e : Corpus.manifest()) {
      String path = e.get("path").asString();
      if (!path.startsWith("gitleaks/")) {
        assertThat(parser.sniff(Head.of(Corpus.scanFile(path)))).as(path).isFalse();
      }
    }
  }

  @Test
  void forcedOnNessusXmlIsRefusedNamingTheFile() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "nessus/nessus_many_vuln.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nessus_many_vuln.xml");
  }

  @Test
  void forcedOnSemgrepObjectIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "semgrep/one_finding.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("one_finding.json")
        .hasMessageContaining("expected a JSON array of leaks (or null for none)");
  }

  @Test
  void forcedOnAnArrayOfSomethingElseIsRefused() {
    String trivyLegacy = "[{\"Target\": \"alpine:3.10\", \"Vulnerabilities\": []}]";
    assertThatThrownBy(() -> parser.parse(ScanFile.of("trivy.json", trivyLegacy.getBytes(StandardCharsets.UTF_8)), new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("trivy.json: line 1")
        .hasMessageContaining("not a Gitleaks leak");
  }

  @Test
  void deepNestingIsRefusedWithoutOverflow() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "hostile/deep_nesting.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("deep_nesting.json");
  }

  private static Set<String> exposureKeys(RecordingSink sink) {
    return sink.observations.stream()
        .map(o -> o.asset().keys().iterator().next() + "|" + o.weakness().key() + "|" + o.location().key())
        .collect(Collectors.toSet());
  }
}
