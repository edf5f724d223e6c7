package vigil.ingest.scoutsuite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import vigil.ingest.Corpus;
import vigil.ingest.ParserContract;
import vigil.ingest.Formats;
import vigil.ingest.ParseException;
import vigil.ingest.RecordingSink;
import vigil.ingest.ScanFile;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.AssetRef;
import vigil.model.Observation;
import vigil.model.Severity;
import vigil.model.WeaknessKind;

/**
 * ScoutSuite against the corpus. A rule's flagged items are its findings, one per resource; two
 * rules flag the same two GCP buckets, so both DefectDojo and Vigil count four.
 */
class ScoutSuiteParserTest {
  private static final String FILE = "cloud/scoutsuite_two_findings.js";
  private final ScoutSuiteParser parser = new ScoutSuiteParser();

  @Test
  void oneObservationPerFlaggedItem() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, FILE);
    assertThat(sink.observations).hasSize(4).hasSize(Corpus.findings(FILE));
    Observation first = sink.observations.get(0);
    assertThat(first.weakness().title()).isEqualTo("Bucket with Logging Disabled");
    assertThat(first.weakness().checkId()).isEqualTo("scout_suite:gcp:cloudstorage-bucket-no-logging");
    assertThat(first.weakness().kind()).isEqualTo(WeaknessKind.MISCONFIGURATION);
    assertThat(first.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(first.toolSeverity()).isEqualTo("warning");
    // DefectDojo sets CWE-1032 (OWASP Top Ten 2017 A6) on every ScoutSuite finding as a constant;
    // the file names no CWE, so Vigil invents none.
    assertThat(first.weakness().cwes()).isEmpty();
    assertThat(first.evidence()).contains("CIS Google Cloud Platform Foundations 1.0.0 §5.3");
    assertThat(first.description()).startsWith("Enable access and storage logs");
    assertThat(first.solution()).contains("https://cloud.google.com/storage/docs/access-logs");
    Observation third = sink.observations.get(2);
    assertThat(third.weakness().title()).isEqualTo("Bucket with Versioning Disabled");
    assertThat(third.severity()).isEqualTo(Severity.MEDIUM);
    // "2021-01-08 17:28:00+0100"
    assertThat(third.observedAt()).isEqualTo(Instant.parse("2021-01-08T16:28:00Z"));
  }

  @Test
  void flaggedItemsResolveToTheirBucket() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, FILE);
    AssetRef bucket = sink.observations.get(0).asset();
    assertThat(bucket.kind()).isEqualTo(AssetKind.CLOUD_RESOURCE);
    assertThat(bucket.name()).isEqualTo("gcp-project-id.appspot.com");
    assertThat(bucket.keys()).containsExactly(AssetKey.of(AssetKey.Type.CLOUD_ID,
        "gcp/gcp-project-id/cloudstorage.projects.gcp-project-id.buckets.52fc025e81845686d3c9fe5a5dc4f5e7ae740064"));
    assertThat(bucket.attributes()).containsEntry("provider", "gcp").containsEntry("account", "gcp-project-id")
        .containsEntry("resource-type", "buckets");
    assertThat(sink.observations).extracting(o -> o.asset().name()).containsExactly(
        "gcp-project-id.appspot.com", "staging.gcp-project-id.appspot.com",
        "gcp-project-id.appspot.com", "staging.gcp-project-id.appspot.com");
    assertThat(sink.observations.get(2).asset()).isEqualTo(bucket);
  }

  @Test
  void everyResourceACheckedRuleLooksAtIsCovered() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, FILE);
    // Both buckets (checked by four rules) and the project whose export sinks were checked.
    assertThat(sink.covered).extracting(AssetRef::name)
        .containsExactly("gcp-project-id.appspot.com", "staging.gcp-project-id.appspot.com", "gcp-project-id");
  }

  @Test
  void awsResultsUseTheResourceArnAndRegion() throws Exception {
    String js = "scoutsuite_results =\n{\"provider_code\": \"aws\", \"account_id\": \"111\", "
        + "\"last_run\": {\"time\": \"2024-03-01 10:00:00+0000\", \"ruleset_name\": \"default\"},"
        + "\"services\": {\"ec2\": {\"regions\": {\"us-east-1\": {\"vpcs\": {\"vpc-1\": {\"security_groups\": {"
        + "\"sg-1\": {\"name\": \"open\", \"arn\": \"arn:aws:ec2:us-east-1:111:security-group/sg-1\"},"
        + "\"sg-2\": {\"name\": \"closed\", \"arn\": \"arn:aws:ec2:us-east-1:111:security-group/sg-2\"}}}}}},"
        + "\"findings\": {\"ec2-security-group-opens-all-ports-to-all\": {\"description\": \"Security Group Opens All Ports to All\","
        + "\"level\": \"danger\", \"path\": \"ec2.regions.id.vpcs.id.security_groups.id\", \"checked_items\": 2,"
        + "\"flagged_items\": 1, \"items\": [\"ec2.regions.us-east-1.vpcs.vpc-1.security_groups.sg-1\"]}}}}}\n";
    ScanFile file = ScanFile.of("aws.js", js.getBytes(StandardCharsets.UTF_8));
    assertThat(Formats.detect(file).format()).isEqualTo("scout_suite");
    RecordingSink sink = new RecordingSink();
    parser.parse(file, sink);
    assertThat(sink.observations).singleElement().satisfies(o -> {
      assertThat(o.severity()).isEqualTo(Severity.HIGH);
      assertThat(o.asset().keys()).containsExactly(
          AssetKey.of(AssetKey.Type.CLOUD_ID, "arn:aws:ec2:us-east-1:111:security-group/sg-1"));
      assertThat(o.asset().attributes()).containsEntry("region", "us-east-1").containsEntry("account", "111");
    });
    assertThat(sink.covered).extracting(AssetRef::name).containsExactly("open", "closed");
  }

  @Test
  void plainJsonResultsWithoutTheAssignmentAreRead() throws Exception {
    String js = Files.readString(Corpus.file(FILE));
    String json = js.substring(js.indexOf('=') + 1);
    ScanFile file = ScanFile.of("results.json", json.getBytes(StandardCharsets.UTF_8));
    assertThat(Formats.detect(file).format()).isEqualTo("scout_suite");
    RecordingSink sink = new RecordingSink();
    parser.parse(file, sink);
    assertThat(sink.observations).hasSize(4);
  }

  @Test
  void detectedFromContent() throws Exception {
    ParserContract.detectsItsCorpusFiles("scout_suite");
  }

  @Test
  void claimsNoOtherFormatsFile() {
    ParserContract.claimsNoOtherFormatsFile(parser);
  }

  @Test
  void forcedOnXmlIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "nessus/nessus_many_vuln.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nessus_many_vuln.xml: line 1")
        .hasMessageContaining("expected 'scoutsuite_results =' followed by JSON");
  }

  @Test
  void forcedOnAnotherToolsJsonIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "grype/many_vulns3.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("many_vulns3.json")
        .hasMessageContaining("no 'services' object");
    assertThatThrownBy(() -> RecordingSink.parse(parser, "cloud/prowler_aws.ocsf.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("prowler_aws.ocsf.json");
  }

  @Test
  void truncatedResultsAreRefused() throws Exception {
    String js = Files.readString(Corpus.file(FILE));
    ScanFile cut = ScanFile.of("cut.js", js.substring(0, js.length() / 2).getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> parser.parse(cut, new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("cut.js")
        .hasMessageContaining("line ");
  }
}
