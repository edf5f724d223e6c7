package vigil.ingest.prowler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vigil.ingest.Corpus;
import vigil.ingest.ParserContract;
import vigil.ingest.Formats;
import vigil.ingest.ParseException;
import vigil.ingest.RecordingSink;
import vigil.ingest.ScanFile;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.Location;
import vigil.model.Observation;
import vigil.model.Severity;
import vigil.model.WeaknessKind;

/**
 * Prowler against the corpus. One record is one check on one resource; FAIL and MANUAL records
 * are observations (DefectDojo counts both), PASS records only cover their resource. The corpus
 * records each name one resource, so the counts equal DefectDojo's.
 */
class ProwlerParserTest {
  private final ProwlerParser parser = new ProwlerParser();

  @Test
  void emptyArrayHasNoObservationAndCannotBeDetected() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "cloud/prowler_v3_no_vuln.ocsf.json");
    assertThat(sink.observations).hasSize(Corpus.findings("cloud/prowler_v3_no_vuln.ocsf.json")).isEmpty();
    // "[]" could be any tool's empty JSON array; claiming it would steal other formats' files.
    assertThatThrownBy(() -> Formats.detect(Corpus.scanFile("cloud/prowler_v3_no_vuln.ocsf.json")))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("prowler_v3_no_vuln.ocsf.json")
        .hasMessageContaining("unrecognised format")
        .hasMessageContaining("prowler");
  }

  @Test
  void v3NativeJsonFailuresSitOnTheirResource() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "cloud/prowler_v3_many_vuln.json");
    assertThat(sink.observations).hasSize(3).hasSize(Corpus.findings("cloud/prowler_v3_many_vuln.json"));
    assertThat(sink.observations).extracting(o -> o.weakness().checkId()).containsExactly(
        "prowler:acm_certificates_expiration_check", "prowler:accessanalyzer_enabled",
        "prowler:account_maintain_current_contact_details");
    Observation acm = sink.observations.get(0);
    assertThat(acm.evidence()).contains(
        "prowler-aws-acm_certificates_expiration_check-999999999999-us-east-1-api.teste.teste.com");
    assertThat(acm.severity()).isEqualTo(Severity.HIGH);
    assertThat(acm.toolSeverity()).isEqualTo("high");
    assertThat(acm.weakness().kind()).isEqualTo(WeaknessKind.MISCONFIGURATION);
    assertThat(acm.asset().kind()).isEqualTo(AssetKind.CLOUD_RESOURCE);
    assertThat(acm.asset().keys()).containsExactly(AssetKey.of(AssetKey.Type.CLOUD_ID,
        "arn:aws:acm:us-east-1:999999999999:certificate/ffffffff-0000-0000-0000-000000000000"));
    assertThat(acm.asset().attributes()).containsEntry("provider", "aws").containsEntry("account", "999999999999")
        .containsEntry("region", "us-east-1");
    assertThat(acm.location()).isEqualTo(Location.NONE);
    assertThat(acm.observedAt()).isEqualTo(Instant.parse("2023-04-25T23:49:42.744599Z"));
    // No ARN for account-level checks: the bare account id is qualified so it stays unique.
    assertThat(sink.observations.get(1).asset().keys()).containsExactly(
        AssetKey.of(AssetKey.Type.CLOUD_ID, "aws/999999999999/us-east-1/999999999999"));
    assertThat(sink.observations.get(1).evidence()).contains("prowler-aws-accessanalyzer_enabled-999999999999");
    assertThat(sink.observations.get(2).evidence()).contains("account_maintain_current_contact_details");
  }

  @Test
  void ocsfAwsManualCheckIsKeptButRatedInfo() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "cloud/prowler_aws.ocsf.json");
    assertThat(sink.observations).hasSize(3).hasSize(Corpus.findings("cloud/prowler_aws.ocsf.json"));
    Observation first = sink.observations.get(0);
    assertThat(first.evidence()).startsWith("FAIL: IAM Access Analyzer in account <account_uid> is not enabled.");
    assertThat(first.weakness().title()).isEqualTo("Check if IAM Access Analyzer is enabled");
    assertThat(first.severity()).isEqualTo(Severity.LOW);
    Observation manual = sink.observations.get(1);
    assertThat(manual.weakness().checkId()).isEqualTo("prowler:account_maintain_current_contact_details");
    assertThat(manual.severity()).isEqualTo(Severity.INFO);
    assertThat(manual.toolSeverity()).isEqualTo("Medium (MANUAL)");
    assertThat(manual.evidence()).startsWith("MANUAL: ");
    assertThat(manual.asset().keys()).containsExactly(AssetKey.of(AssetKey.Type.CLOUD_ID, "arn:aws:iam::<account_uid>:root"));
    assertThat(sink.observations.get(2).severity()).isEqualTo(Severity.MEDIUM);
    assertThat(first.observedAt()).isEqualTo(Instant.ofEpochSecond(1739539623));
    assertThat(first.solution()).contains("aws accessanalyzer create-analyzer");
  }

  @Test
  void ocsfAzureFailures() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "cloud/prowler_azure.ocsf.json");
    assertThat(sink.observations).hasSize(3).hasSize(Corpus.findings("cloud/prowler_azure.ocsf.json"));
    Observation first = sink.observations.get(0);
    assertThat(first.weakness().title()).isEqualTo("Ensure Application Insights are Configured.");
    assertThat(first.severity()).isEqualTo(Severity.LOW);
    // "AppInsights" is a name, not a unique id: it is qualified by subscription and region.
    assertThat(first.asset().keys()).containsExactly(
        AssetKey.of(AssetKey.Type.CLOUD_ID, "azure/<subscription_uid>/global/AppInsights"));
    assertThat(first.asset().attributes()).containsEntry("provider", "azure")
        .containsEntry("resource-type", "Microsoft.Insights/components");
    assertThat(sink.observations).extracting(Observation::severity)
        .containsExactly(Severity.LOW, Severity.MEDIUM, Severity.HIGH);
  }

  @Test
  void passedChecksCoverTheirResourceWithoutAnObservation() throws Exception {
    String json = "[{\"CheckID\":\"s3_bucket_public_access\",\"CheckTitle\":\"public\",\"Status\":\"PASS\","
        + "\"Severity\":\"critical\",\"Provider\":\"aws\",\"AccountId\":\"1\",\"Region\":\"eu-west-1\","
        + "\"ResourceId\":\"b\",\"ResourceArn\":\"arn:aws:s3:::b\",\"FindingUniqueId\":\"x\"},"
        + "{\"metadata\":{\"event_code\":\"s3_bucket_public_access\",\"product\":{\"name\":\"Prowler\"}},"
        + "\"finding_info\":{\"title\":\"public\",\"uid\":\"y\"},\"status_code\":\"PASS\",\"severity\":\"Critical\","
        + "\"resources\":[{\"uid\":\"arn:aws:s3:::c\",\"region\":\"eu-west-1\"}],"
        + "\"cloud\":{\"provider\":\"aws\",\"account\":{\"uid\":\"1\"}}}]";
    ScanFile file = ScanFile.of("pass.json", json.getBytes(StandardCharsets.UTF_8));
    assertThat(Formats.detect(file).format()).isEqualTo("prowler");
    RecordingSink sink = new RecordingSink();
    parser.parse(file, sink);
    assertThat(sink.observations).isEmpty();
    assertThat(sink.covered).extracting(a -> a.key(AssetKey.Type.CLOUD_ID).value())
        .containsExactly("arn:aws:s3:::b", "arn:aws:s3:::c");
  }

  @Test
  void detectedFromContent() throws Exception {
    for (JsonNode e : Corpus.entries("prowler")) {
      String path = e.get("path").asString();
      if (path.equals("cloud/prowler_v3_no_vuln.ocsf.json")) {
        continue; // "[]": see emptyArrayHasNoObservationAndCannotBeDetected
      }
      assertThat(Formats.detect(Corpus.scanFile(path)).format()).as(path).isEqualTo("prowler");
    }
  }

  @Test
  void claimsNoOtherFormatsFile() {
    ParserContract.claimsNoOtherFormatsFile(parser);
  }

  @Test
  void forcedOnAnotherToolsJsonArrayIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "nuclei/multiple_v3.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("multiple_v3.json")
        .hasMessageContaining("neither a Prowler v3 record");
  }

  @Test
  void forcedOnAJsonObjectIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "grype/many_vulns3.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("many_vulns3.json")
        .hasMessageContaining("expected a JSON array");
  }

  @Test
  void forcedOnXmlIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "nessus/nessus_many_vuln.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nessus_many_vuln.xml")
        .hasMessageContaining("invalid JSON");
  }

  @Test
  void truncatedArrayIsRefused() {
    String json = "[{\"CheckID\":\"c\",\"Status\":\"FAIL\",\"Severity\":\"low\",\"ResourceId\":\"r\"},";
    assertThatThrownBy(() -> parser.parse(ScanFile.of("cut.json", json.getBytes(StandardCharsets.UTF_8)), new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("cut.json");
  }
}
