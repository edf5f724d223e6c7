package vigil.ingest.trivy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Arrays;
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
import vigil.model.AssetRef;
import vigil.model.Observation;
import vigil.model.Severity;
import vigil.model.WeaknessKind;

/**
 * Trivy against the corpus. DefectDojo's Trivy parser makes one finding per vulnerability, failed
 * misconfiguration and secret, as Vigil does, so observation counts equal the manifest's counts and
 * DefectDojo's finding[i] is observation i (both keep file order).
 */
class TrivyParserTest {
  private final TrivyParser parser = new TrivyParser();

  @Test
  void schemaTwoImageReportKeepsPackageFixAndNvdVectors() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "trivy/scheme_2_many_vulns.json");
    assertThat(sink.observations).hasSize(5).hasSize(Corpus.findings("trivy/scheme_2_many_vulns.json"));

    Observation freetype = sink.observations.get(0);
    assertThat(freetype.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(freetype.toolSeverity()).isEqualTo("MEDIUM");
    assertThat(freetype.weakness().checkId()).isEqualTo("trivy:CVE-2020-15999");
    assertThat(freetype.weakness().cves()).containsExactly("CVE-2020-15999");
    assertThat(freetype.weakness().cwes()).containsExactly("CWE-787");
    assertThat(freetype.location().component()).isEqualTo("freetype");
    assertThat(freetype.location().componentVersion()).isEqualTo("2.9.1-r2");
    assertThat(freetype.location().fixedVersion()).isEqualTo("2.9.1-r3");
    // NVD's vector and score win over Red Hat's (8.6, a different vector) in the CVSS map.
    assertThat(freetype.cvss().v3Vector()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:N/I:N/A:H");
    assertThat(freetype.cvss().v3Score()).isEqualTo(6.5);
    assertThat(freetype.cvss().v2Vector()).isEqualTo("AV:N/AC:M/Au:N/C:N/I:N/A:P");
    assertThat(freetype.solution()).contains("2.9.1-r3");

    Observation krb5 = sink.observations.get(1);
    assertThat(krb5.severity()).isEqualTo(Severity.HIGH);
    assertThat(krb5.weakness().cves()).containsExactly("CVE-2020-28196");
    assertThat(krb5.location().component()).isEqualTo("krb5-libs");
    assertThat(krb5.location().componentVersion()).isEqualTo("1.15.5-r0");
    assertThat(krb5.location().path()).isEqualTo("app/libs/krb5-libs-1.15.5-r0"); // PkgPath, as written

    AssetRef image = freetype.asset();
    assertThat(image.kind()).isEqualTo(AssetKind.CONTAINER_IMAGE);
    assertThat(image.key(AssetKey.Type.IMAGE).value()).isEqualTo("teamdojo:latest");
    assertThat(image.attributes()).containsEntry("os", "alpine 3.9.4");
    assertThat(sink.covered).containsExactly(image);
    // Packages sit at their PkgPath in the image when Trivy gives one.
    assertThat(sink.observations.get(3).location().path()).isEqualTo("app/libs/commons-compress-1.14");
  }

  @Test
  void reportWithoutVulnerabilitiesCoversTheImageAndHasNoObservation() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "trivy/scheme_2_no_vuln.json");
    assertThat(sink.observations).hasSize(Corpus.findings("trivy/scheme_2_no_vuln.json")).isEmpty();
    assertThat(sink.covered).singleElement().satisfies(a -> {
      assertThat(a.kind()).isEqualTo(AssetKind.CONTAINER_IMAGE);
      assertThat(a.key(AssetKey.Type.IMAGE).value()).isEqualTo("trivy-unittest:latest");
    });
  }

  @Test
  void misconfigurationsAndSecretsAreTheirOwnKinds() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "trivy/misconfigurations_and_secrets.json");
    assertThat(sink.observations).hasSize(5).hasSize(Corpus.findings("trivy/misconfigurations_and_secrets.json"));
    assertThat(sink.observations).extracting(o -> o.weakness().kind()).containsExactly(
        WeaknessKind.VULNERABILITY, WeaknessKind.VULNERABILITY, WeaknessKind.MISCONFIGURATION,
        WeaknessKind.SECRET, WeaknessKind.SECRET);

    Observation ds002 = sink.observations.get(2);
    assertThat(ds002.severity()).isEqualTo(Severity.HIGH);
    assertThat(ds002.weakness().checkId()).isEqualTo("trivy:DS002");
    assertThat(ds002.weakness().title()).isEqualTo("Image user should not be 'root'");
    assertThat(ds002.location().path()).isEqualTo("Dockerfile");
    assertThat(ds002.solution()).contains("USER");
    assertThat(ds002.evidence()).contains("Specify at least 1 USER command");

    Observation pat = sink.observations.get(3);
    assertThat(pat.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(pat.weakness().checkId()).isEqualTo("trivy:github-pat");
    assertThat(pat.weakness().title()).isEqualTo("GitHub Personal Access Token");
    assertThat(pat.location().path()).isEqualTo("Dockerfile");
    assertThat(pat.location().line()).isEqualTo(24);
    assertThat(sink.observations.get(4).location().key()).isEqualTo("secret.txt:1");

    // A filesystem scan of "." names no lasting identity: the asset is named by the report's target.
    AssetRef repo = pat.asset();
    assertThat(repo.kind()).isEqualTo(AssetKind.CODE_REPOSITORY);
    assertThat(repo.key(AssetKey.Type.NAME).value()).isEqualTo("misconfigurations_and_secrets");
    assertThat(sink.observations.get(0).location().path()).isEqualTo("requirements.txt");
  }

  @Test
  void secretMatchAndCodeAreNeverKept() throws Exception {
    String token = "ghp_R3alLookingT0kenValue1234567890abcd";
    String json = "{\"SchemaVersion\": 2, \"ArtifactName\": \"app\", \"ArtifactType\": \"filesystem\","
        + " \"Results\": [{\"Target\": \"config/.env\", \"Class\": \"secret\", \"Secrets\": [{"
        + "\"RuleID\": \"github-pat\", \"Category\": \"GitHub\", \"Severity\": \"CRITICAL\","
        + " \"Title\": \"GitHub Personal Access Token\", \"StartLine\": 3, \"EndLine\": 3,"
        + " \"Match\": \"GITHUB_TOKEN=" + token + "\","
        + " \"Code\": {\"Lines\": [{\"Number\": 3, \"Content\": \"GITHUB_TOKEN=" + token + "\", \"IsCause\": true}]}"
        + "}]}]}";
    RecordingSink sink = new RecordingSink();
    parser.parse(ScanFile.of("app.json", json.getBytes(StandardCharsets.UTF_8)), sink);

    assertThat(sink.observations).singleElement().satisfies(o -> {
      assertThat(o.location().key()).isEqualTo("config/.env:3");
      assertThat(o.toString()).doesNotContain(token).doesNotContain("GITHUB_TOKEN=");
    });
  }

  @Test
  void clusterReportPutsEachResourceOnItsOwnWorkload() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "trivy/kubernetes.json");
    assertThat(sink.observations).hasSize(20).hasSize(Corpus.findings("trivy/kubernetes.json"));

    Observation apt = sink.observations.get(0);
    assertThat(apt.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(apt.weakness().cves()).containsExactly("CVE-2020-27350");
    assertThat(apt.location().component()).isEqualTo("apt");
    assertThat(apt.location().componentVersion()).isEqualTo("1.8.2.1");
    // DefectDojo's service 'default / Deployment / redis-follower'.
    assertThat(apt.asset().kind()).isEqualTo(AssetKind.KUBERNETES_WORKLOAD);
    assertThat(apt.asset().name()).isEqualTo("default/Deployment/redis-follower");
    assertThat(apt.asset().key(AssetKey.Type.NAME).value()).isEqualTo(
        "arn:aws:eks:us-east-1:576036489467:cluster/monitoring-test-cluster/default/Deployment/redis-follower");
    // A workload may run several images: the image tells their packages apart.
    assertThat(apt.location().path()).isEqualTo("gcr.io/google_samples/gb-redis-follower:v2");

    Observation ksv001 = sink.observations.get(10);
    assertThat(ksv001.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(ksv001.weakness().kind()).isEqualTo(WeaknessKind.MISCONFIGURATION);
    assertThat(ksv001.weakness().checkId()).isEqualTo("trivy:KSV001");
    assertThat(ksv001.weakness().title()).isEqualTo("Process can elevate its own privileges");
    assertThat(ksv001.location().line()).isEqualTo(132);
    assertThat(ksv001.evidence()).contains("132:").contains("gb-redis-follower:v2");

    // The two Services have no failure but were scanned: covered, with no observation.
    assertThat(sink.covered).extracting(AssetRef::name).containsExactlyInAnyOrder(
        "default/Deployment/redis-follower", "default/Deployment/redis-leader",
        "default/Service/redis-follower", "default/Service/redis-leader");
    assertThat(sink.where(o -> o.asset().name().startsWith("default/Service/"))).isEmpty();
  }

  @Test
  void legacyTopLevelArrayIsReadAsOneImage() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "trivy/legacy_many_vulns.json");
    assertThat(sink.observations).hasSize(93).hasSize(Corpus.findings("trivy/legacy_many_vulns.json"));
    Observation first = sink.observations.get(0);
    assertThat(first.severity()).isEqualTo(Severity.LOW);
    assertThat(first.weakness().cves()).containsExactly("CVE-2011-3374");
    assertThat(first.weakness().cwes()).containsExactly("CWE-347");
    assertThat(first.location().component()).isEqualTo("apt");
    assertThat(first.location().componentVersion()).isEqualTo("1.8.2.2");
    // An OS package without PkgPath sits on the image: the target text ("debian (debian 10.8)")
    // names the OS release and would split the exposure on every OS upgrade.
    assertThat(sink.observations).allSatisfy(o -> assertThat(o.location().path()).isNull());
    // "debian (debian 10.8)": the image is the part before the OS in parentheses.
    assertThat(sink.covered).singleElement()
        .satisfies(a -> assertThat(a.key(AssetKey.Type.IMAGE).value()).isEqualTo("debian"));
  }

  @Test
  void sniffLeavesOtherFormatsFilesAlone() {
    for (JsonNode entry : Corpus.manifest()) {
      String path = entry.get("path").asString();
      if (!entry.path("format").asString("").equals("trivy")) {
        assertThat(parser.sniff(Head.of(Corpus.scanFile(path)))).as(path).isFalse();
      }
    }
  }

  @Test
  void everyCorpusFileIsDetectedAsTrivy() throws Exception {
    for (JsonNode entry : Corpus.entries("trivy")) {
      String path = entry.get("path").asString();
      assertThat(Formats.detect(Corpus.scanFile(path)).format()).as(path).isEqualTo("trivy");
    }
  }

  @Test
  void malformedJsonIsRefusedWithLineAndColumnAndNothingPushed() {
    RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> parser.parse(Corpus.scanFile("hostile/not_json.json"), sink))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("not_json.json")
        .hasMessageContaining("line 4, column")
        .hasMessageContaining("invalid JSON");
    assertThat(sink.observations).isEmpty();
    assertThat(sink.covered).isEmpty();
  }

  @Test
  void deeplyNestedJsonIsRefusedByTheDepthLimit() {
    // The corpus file is refused by its shape before its depth matters.
    assertThatThrownBy(() -> RecordingSink.parse(parser, "hostile/deep_nesting.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("deep_nesting.json");
    // Nesting inside a real report's results is skipped by the first pass: the limit still holds.
    String json = "{\"SchemaVersion\": 2, \"Results\": " + "[".repeat(100_000);
    assertThatThrownBy(() -> parser.parse(ScanFile.of("deep.json", json.getBytes(StandardCharsets.UTF_8)),
        new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("deep.json")
        .hasMessageContaining("nested deeper than");
  }

  @Test
  void truncatedReportIsRefusedBeforeAnythingIsPushed() throws Exception {
    byte[] whole = Files.readAllBytes(Corpus.file("trivy/scheme_2_many_vulns.json"));
    byte[] cut = Arrays.copyOf(whole, whole.length * 3 / 4);
    RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> parser.parse(ScanFile.of("cut.json", cut), sink))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("cut.json");
    assertThat(sink.observations).isEmpty();
    assertThat(sink.covered).isEmpty();
  }

  @Test
  void artifactNameAfterResultsStillNamesTheImage() throws Exception {
    String json = "{\"Results\": [{\"Target\": \"app:1 (alpine 3.18.0)\", \"Class\": \"os-pkgs\","
        + " \"Vulnerabilities\": [{\"VulnerabilityID\": \"CVE-2023-0001\", \"PkgName\": \"musl\","
        + " \"InstalledVersion\": \"1.2.3\", \"Severity\": \"HIGH\"}]}],"
        + " \"SchemaVersion\": 2, \"ArtifactName\": \"app:1\", \"ArtifactType\": \"container_image\","
        + " \"Metadata\": {\"ImageID\": \"sha256:ABC123\", \"RepoDigests\": [\"app@sha256:def456\"]}}";
    RecordingSink sink = new RecordingSink();
    parser.parse(ScanFile.of("late.json", json.getBytes(StandardCharsets.UTF_8)), sink);
    assertThat(sink.observations).singleElement().satisfies(o -> {
      assertThat(o.asset().key(AssetKey.Type.IMAGE).value()).isEqualTo("app:1");
      assertThat(o.asset().keys()).contains(AssetKey.of(AssetKey.Type.IMAGE_DIGEST, "sha256:abc123"),
          AssetKey.of(AssetKey.Type.IMAGE_DIGEST, "sha256:def456"));
    });
  }

  @Test
  void otherFormatsAreRefusedNamingTheFile() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "grype/many_vulns4.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("many_vulns4.json")
        .hasMessageContaining("not a Trivy report");
    assertThatThrownBy(() -> RecordingSink.parse(parser, "cyclonedx/log4j.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("log4j.json")
        .hasMessageContaining("not a Trivy report");
    assertThatThrownBy(() -> RecordingSink.parse(parser, "nessus/nessus_many_vuln.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nessus_many_vuln.xml");
  }
}
