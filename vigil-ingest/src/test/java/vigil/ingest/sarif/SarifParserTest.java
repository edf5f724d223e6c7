package vigil.ingest.sarif;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.ingest.Corpus;
import vigil.ingest.Formats;
import vigil.ingest.ParseException;
import vigil.ingest.RecordingSink;
import vigil.ingest.ScanFile;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.Observation;
import vigil.model.Severity;

/**
 * SARIF against the corpus. DefectDojo makes one finding per result of kind "fail" and merges
 * nothing, so observation counts equal the manifest's except where a test says why.
 */
class SarifParserTest {
  private final SarifParser parser = new SarifParser();

  @Test
  void runWithoutResultsCoversTheTargetAndHasNoObservation() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "sarif/appendix_k1.sarif");
    assertThat(sink.observations).hasSize(Corpus.findings("sarif/appendix_k1.sarif")).isEmpty();
    assertThat(sink.covered).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(AssetKind.CODE_REPOSITORY);
      assertThat(a.keys()).containsExactly(AssetKey.of(AssetKey.Type.NAME, "appendix_k1"));
    });
  }

  @Test
  void specExampleSitsOnItsProvenanceRepositoryAtTheRunsEndTime() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "sarif/appendix_k.sarif");
    assertThat(sink.observations).hasSize(Corpus.findings("sarif/appendix_k.sarif"));
    Observation o = sink.observations.get(0);
    assertThat(o.severity()).isEqualTo(Severity.HIGH);
    assertThat(o.toolSeverity()).isEqualTo("error");
    assertThat(o.location().path()).isEqualTo("collections/list.h");
    assertThat(o.location().line()).isEqualTo(15);
    assertThat(o.observedAt()).isEqualTo(Instant.parse("2016-07-16T14:19:01Z"));
    assertThat(o.asset().keys()).containsExactly(AssetKey.of(AssetKey.Type.REPOSITORY, "https://github.com/example-corp/browser"));
    assertThat(o.weakness().checkId()).isEqualTo("sarif:C2001");
    assertThat(o.weakness().title()).isEqualTo("A variable was used without being initialized.");
    // The message is the rule's "default" message string with the result's arguments filled in.
    assertThat(o.description()).startsWith("Variable \"ptr\" was used without being initialized.");
    // The result is suppressed (external, accepted). DefectDojo counts it, and so does Vigil:
    // acceptance is Vigil's own decision, and dropping it would make the exposure look fixed.
    assertThat(o.evidence()).contains("add_core(ptr, offset, val);").contains("Suppressed in the tool (external, accepted)");
    assertThat(sink.covered).extracting(a -> a.name()).containsExactly("https://github.com/example-corp/browser");
  }

  @Test
  void dependencyCheckRatesCvesByTheirCvssAndRebuildsTheVectors() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "sarif/dependency_check.sarif");
    assertThat(sink.observations).hasSize(Corpus.findings("sarif/dependency_check.sarif")).hasSize(13);
    List<Observation> cve = sink.where(o -> o.weakness().cves().contains("CVE-2019-11358"));
    // Two jQuery copies in two files: two observations, two exposures.
    assertThat(cve).hasSize(2);
    Observation o = cve.get(0);
    assertThat(o.weakness().key()).isEqualTo("CVE-2019-11358");
    assertThat(o.location().path()).isEqualTo("/src/.venv/lib/python3.9/site-packages/tastypie_swagger/static/tastypie_swagger/js/lib/jquery-1.8.0.min.js");
    // DefectDojo says High: dependency-check writes level "error" on every result. Vigil rates by
    // the CVSS the result carries (6.1), keeping "error" as the tool's word.
    assertThat(o.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(o.toolSeverity()).startsWith("error");
    assertThat(o.cvss().v3Vector()).isEqualTo("CVSS:3.0/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N");
    assertThat(o.cvss().v3Score()).isEqualTo(6.1);
    assertThat(o.cvss().v2Vector()).isEqualTo("AV:N/AC:M/Au:N/C:N/I:P/A:N");
    assertThat(o.weakness().title()).isEqualTo("jQuery before 3.4.0, as used in Drupal, Backdrop CMS, and other products, "
        + "mishandles jQuery.extend(true, {}, ...) because of Object.prototype pollution.");
    // RetireJS results have no CVSS, only a severity word.
    Observation retire = sink.where(x -> x.weakness().checkId().equals("sarif:Prototype pollution")).get(0);
    assertThat(retire.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(retire.weakness().title()).isEqualTo("Prototype pollution");
    assertThat(sink.where(x -> x.weakness().checkId().startsWith("sarif:Disallow calling")).get(0).severity())
        .isEqualTo(Severity.LOW);
  }

  /**
   * The file holds 54 results and DefectDojo asserts 53: the one it drops is FF1013's result of kind
   * "pass", which has no location. A pass says the rule was checked and found nothing wrong, so
   * Vigil drops it too.
   */
  @Test
  void flawfinderPassResultIsNotAFinding() throws Exception {
    JsonNode results = JsonMapper.builder().build()
        .readTree(Files.readString(Corpus.file("sarif/flawfinder.sarif"))).get("runs").get(0).get("results");
    assertThat(results).hasSize(54);
    List<JsonNode> passes = new ArrayList<>();
    results.forEach(r -> {
      if ("pass".equals(r.path("kind").asString(""))) {
        passes.add(r);
      }
    });
    assertThat(passes).singleElement().satisfies(p -> {
      assertThat(p.get("ruleId").asString()).isEqualTo("FF1013");
      assertThat(p.has("locations")).isFalse();
    });

    RecordingSink sink = RecordingSink.parse(parser, "sarif/flawfinder.sarif");
    assertThat(sink.observations).hasSize(Corpus.findings("sarif/flawfinder.sarif")).hasSize(53);
    assertThat(sink.where(o -> o.location().path() == null)).isEmpty();
  }

  @Test
  void flawfinderFactsFromTheManifest() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "sarif/flawfinder.sarif");
    Observation setstate = at(sink, "src/tree/param.cc", 29);
    // No level on the result: the rule's default level "error" applies.
    assertThat(setstate.severity()).isEqualTo(Severity.HIGH);
    assertThat(setstate.weakness().checkId()).isEqualTo("sarif:FF1048");
    assertThat(setstate.weakness().cwes()).containsExactly("CWE-327");
    // CWEs come from the rules' relationships to the CWE taxonomy.
    assertThat(at(sink, "src/cli_main.cc", 482).weakness().cwes()).containsExactly("CWE-120", "CWE-20");
    assertThat(at(sink, "src/cli_main.cc", 482).severity()).isEqualTo(Severity.HIGH);
    // DefectDojo says Info for level "note"; SARIF defines note as "a minor problem", which is low.
    Observation io = at(sink, "src/common/io.cc", 31);
    assertThat(io.weakness().checkId()).isEqualTo("sarif:FF1004");
    assertThat(io.weakness().cwes()).containsExactly("CWE-120");
    assertThat(io.severity()).isEqualTo(Severity.LOW);
    assertThat(io.toolSeverity()).isEqualTo("note");
  }

  @Test
  void codeQlResultsKeepRuleTitlesCweTagsAndLevels() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "sarif/codeQL-output.sarif");
    assertThat(sink.observations).hasSize(Corpus.findings("sarif/codeQL-output.sarif")).hasSize(72);
    Observation o = at(sink, "good/mod_user.py", 33);
    assertThat(o.severity()).isEqualTo(Severity.HIGH);
    assertThat(o.weakness().checkId()).isEqualTo("sarif:py/call/wrong-named-argument");
    assertThat(o.weakness().cwes()).containsExactly("CWE-628");
    Observation xss = sink.where(x -> x.weakness().checkId().equals("sarif:py/reflective-xss")).get(0);
    assertThat(xss.weakness().cwes()).containsExactly("CWE-79", "CWE-116");
    assertThat(xss.weakness().title()).isEqualTo("Reflected server-side cross-site scripting");
    assertThat(sink.where(x -> x.weakness().checkId().equals("sarif:py/unused-import")))
        .hasSize(40).allSatisfy(x -> assertThat(x.severity()).isEqualTo(Severity.LOW));
    assertThat(sink.covered).singleElement().satisfies(a -> assertThat(a.name()).isEqualTo("codeQL-output"));
  }

  @Test
  void everySarifCorpusFileIsDetectedFromItsContent() throws Exception {
    for (JsonNode e : Corpus.entries("sarif")) {
      String path = e.get("path").asString();
      assertThat(Formats.detect(Corpus.scanFile(path)).format()).as(path).isEqualTo("sarif");
    }
  }

  @Test
  void otherToolsFilesAreNotDetectedAsSarif() {
    for (JsonNode e : Corpus.manifest()) {
      String path = e.get("path").asString();
      if (!path.startsWith("sarif/")) {
        assertThat(parser.sniff(vigil.ingest.Head.of(Corpus.scanFile(path)))).as(path).isFalse();
      }
    }
  }

  @Test
  void forcedOnNessusXmlIsRefusedNamingTheFile() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "nessus/nessus_many_vuln.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nessus_many_vuln.xml")
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void forcedOnSemgrepJsonIsRefusedAsNotSarif() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "semgrep/one_finding.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("one_finding.json")
        .hasMessageContaining("not a SARIF log: no \"runs\" array");
  }

  @Test
  void truncatedFileIsRefusedWithThePlace() throws Exception {
    byte[] whole = Files.readAllBytes(Corpus.file("sarif/codeQL-output.sarif"));
    byte[] cut = java.util.Arrays.copyOf(whole, whole.length * 2 / 3);
    assertThatThrownBy(() -> parser.parse(ScanFile.of("cut.sarif", cut), new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("cut.sarif")
        .hasMessageContaining("line ");
  }

  @Test
  void otherSarifVersionsAreRefused() {
    String v1 = "{\"version\": \"1.0.0\", \"runs\": [{\"tool\": {\"name\": \"old\"}, \"results\": []}]}";
    assertThatThrownBy(() -> parse(v1))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("SARIF version '1.0.0' is not supported; expected 2.1.0");
  }

  @Test
  void nestingBeyondTheLimitIsRefused() {
    String deep = "{\"version\":\"2.1.0\",\"runs\":[{\"tool\":{\"driver\":{\"name\":\"x\"}},\"results\":[{\"properties\":"
        + "[".repeat(5000) + "]".repeat(5000) + "}]}]}";
    assertThatThrownBy(() -> parse(deep))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nested deeper than");
  }

  /**
   * JSON writers that sort keys put "results" before "tool". Those results are skipped on the first
   * pass and read on a second, once the run's rules and provenance are known: two opens of the file.
   */
  @Test
  void resultsBeforeTheToolAreReadAgainOnceTheRulesAreKnown() throws Exception {
    String sorted = """
        {"runs": [{
          "results": [{"level": null, "locations": [{"physicalLocation": {"artifactLocation": {"uri": "app/db.py"},
                       "region": {"startLine": 7}}}], "message": {"text": "SQL built from input"}, "ruleId": "S1"}],
          "tool": {"driver": {"name": "Sorted", "rules": [{"defaultConfiguration": {"level": "error"}, "id": "S1",
                   "shortDescription": {"text": "SQL injection"}, "properties": {"tags": ["CWE-89"]}}]}},
          "versionControlProvenance": [{"repositoryUri": "https://git.example.com/shop/api.git"}]
        }], "version": "2.1.0"}
        """;
    AtomicInteger opens = new AtomicInteger();
    ScanFile file = new ScanFile("sorted.sarif", () -> {
      opens.incrementAndGet();
      return new ByteArrayInputStream(sorted.getBytes(StandardCharsets.UTF_8));
    });
    RecordingSink sink = new RecordingSink();
    parser.parse(file, sink);
    assertThat(opens).hasValue(2);
    assertThat(sink.observations).singleElement().satisfies(o -> {
      assertThat(o.severity()).isEqualTo(Severity.HIGH);
      assertThat(o.weakness().title()).isEqualTo("SQL injection");
      assertThat(o.weakness().cwes()).containsExactly("CWE-89");
      assertThat(o.asset().keys()).containsExactly(AssetKey.of(AssetKey.Type.REPOSITORY, "https://git.example.com/shop/api"));
      assertThat(o.location().key()).isEqualTo("app/db.py:7");
    });
  }

  @Test
  void rulesInExtensionsAreFoundByToolComponentIndexAndSecuritySeverityRates() throws Exception {
    String codeql = """
        {"version": "2.1.0", "runs": [{
          "tool": {"driver": {"name": "CodeQL"}, "extensions": [{"name": "codeql/python-queries", "rules": [
            {"id": "py/unused-import", "shortDescription": {"text": "Unused import"}},
            {"id": "py/sql-injection", "shortDescription": {"text": "SQL query built from user-controlled sources"},
             "defaultConfiguration": {"level": "error"},
             "properties": {"tags": ["security", "external/cwe/cwe-089"], "security-severity": "9.8"}}]}]},
          "results": [{"ruleId": "py/sql-injection", "rule": {"id": "py/sql-injection", "index": 1, "toolComponent": {"index": 0}},
                       "message": {"text": "This SQL query depends on a user-provided value."},
                       "locations": [{"physicalLocation": {"artifactLocation": {"uri": "app.py"}, "region": {"startLine": 3}}}]}]
        }]}
        """;
    Observation o = single(codeql);
    assertThat(o.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(o.toolSeverity()).isEqualTo("error, security-severity 9.8");
    assertThat(o.weakness().title()).isEqualTo("SQL query built from user-controlled sources");
    assertThat(o.weakness().cwes()).containsExactly("CWE-89");
  }

  @Test
  void passingAbsentAndNotApplicableResultsAreNotObservationsButReviewIs() throws Exception {
    String results = """
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "T"}}, "results": [
          {"ruleId": "R1", "kind": "pass", "message": {"text": "ok"}},
          {"ruleId": "R2", "kind": "notApplicable", "message": {"text": "n/a"}},
          {"ruleId": "R3", "kind": "informational", "message": {"text": "fyi"}},
          {"ruleId": "R4", "baselineState": "absent", "level": "error", "message": {"text": "fixed since"}},
          {"ruleId": "R5", "kind": "review", "level": "none", "message": {"text": "look at this"}}
        ]}]}
        """;
    assertThat(single(results)).satisfies(o -> {
      assertThat(o.weakness().checkId()).isEqualTo("sarif:R5");
      assertThat(o.severity()).isEqualTo(Severity.INFO);
    });
  }

  @Test
  void fileUrisUnderAnAbsoluteBaseBecomeRepositoryRelativeAndAreDecoded() throws Exception {
    String log = """
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "T"}},
          "originalUriBaseIds": {"SRCROOT": {"uri": "file:///home/runner/work/shop/"}},
          "artifacts": [{"location": {"uri": "file:///home/runner/work/shop/lib/my%20util.c"}}],
          "results": [{"ruleId": "R", "level": "warning", "message": {"text": "m"},
                       "locations": [{"physicalLocation": {"artifactLocation": {"index": 0}, "region": {"startLine": 9}}}]}]}]}
        """;
    Observation o = single(log);
    assertThat(o.location().path()).isEqualTo("lib/my util.c");
    assertThat(o.location().line()).isEqualTo(9);
    assertThat(o.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(Run.filePath("file://build.example.com/work/a.c")).isEqualTo("/work/a.c");
    assertThat(Run.filePath("file:///C:/src/a.c")).isEqualTo("C:/src/a.c");
  }

  @Test
  void anExplicitTargetIsKeptNextToTheRepositoryUrl() throws Exception {
    RecordingSink sink = new RecordingSink();
    parser.parse(Corpus.scanFile("sarif/appendix_k.sarif").withTarget("browser"), sink);
    Set<AssetKey> keys = sink.observations.get(0).asset().keys();
    assertThat(keys).containsExactly(
        AssetKey.of(AssetKey.Type.REPOSITORY, "https://github.com/example-corp/browser"),
        AssetKey.of(AssetKey.Type.NAME, "browser"));
  }

  @Test
  void levelIsAbsentEverywhereThenRankDecidesElseMedium() throws Exception {
    String ranked = """
        {"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "T"}}, "results": [
          {"ruleId": "A", "rank": 95, "message": {"text": "m"}},
          {"ruleId": "B", "message": {"text": "m"}}]}]}
        """;
    RecordingSink sink = new RecordingSink();
    parser.parse(ScanFile.of("ranked.sarif", ranked.getBytes(StandardCharsets.UTF_8)), sink);
    assertThat(sink.observations).extracting(Observation::severity).containsExactly(Severity.CRITICAL, Severity.MEDIUM);
    assertThat(sink.observations.get(0).toolSeverity()).isEqualTo("rank 95.0");
  }

  private static Observation at(RecordingSink sink, String path, int line) {
    List<Observation> found = sink.where(o -> path.equals(o.location().path()) && Integer.valueOf(line).equals(o.location().line()));
    assertThat(found).as(path + ":" + line + " among " + sink.observations.stream()
        .map(o -> o.location().key()).collect(Collectors.joining(", "))).hasSize(1);
    return found.get(0);
  }

  private RecordingSink parse(String json) throws Exception {
    RecordingSink sink = new RecordingSink();
    parser.parse(ScanFile.of("test.sarif", json.getBytes(StandardCharsets.UTF_8)), sink);
    return sink;
  }

  private Observation single(String json) throws Exception {
    RecordingSink sink = parse(json);
    assertThat(sink.observations).hasSize(1);
    return sink.observations.get(0);
  }
}
