package vigil.ingest.grype;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
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
import vigil.model.AssetRef;
import vigil.model.Observation;
import vigil.model.Severity;

/**
 * Grype against the corpus. Vigil keeps one observation per match. DefectDojo merges matches that
 * are identical in vulnerability, package, version and place (raising nb_occurences), so its count
 * equals the number of distinct (check, component, version, path) among the observations; in the
 * corpus only check_all_fields.json holds such a duplicate.
 */
class GrypeParserTest {
  private final GrypeParser parser = new GrypeParser();

  @Test
  void emptyMatchesYieldNothingButCoverTheImage() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "grype/no_vuln.json");
    assertThat(sink.observations).hasSize(Corpus.findings("grype/no_vuln.json")).isEmpty();
    assertThat(sink.covered).singleElement().satisfies(image -> {
      assertThat(image.kind()).isEqualTo(AssetKind.CONTAINER_IMAGE);
      assertThat(image.key(AssetKey.Type.IMAGE).value()).isEqualTo("busybox:latest");
      // Both digests: the manifest digest and the image id (config digest), as Trivy gives them.
      assertThat(image.keys()).contains(
          AssetKey.of(AssetKey.Type.IMAGE_DIGEST, "sha256:6bea45f4e050ffdbb3a0f57a6c6f16318314a482f31442c4461a72a3ee2f3ee6"),
          AssetKey.of(AssetKey.Type.IMAGE_DIGEST, "sha256:22667f53682a2920948d19c7133ab1c9c3f745805c14125859d20cede07f11f9"));
    });
  }

  @Test
  void directoryScanNamesTheTargetAndKeepsLockFilePaths() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "grype/many_vulns4.json");
    assertThat(sink.observations).hasSize(9).hasSize(Corpus.findings("grype/many_vulns4.json"));
    assertThat(mergedLikeDefectDojo(sink)).hasSize(9);
    Observation delegate = only(sink, "grype:CVE-1999-1338");
    assertThat(delegate.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(delegate.location().component()).isEqualTo("delegate");
    assertThat(delegate.location().componentVersion()).isEqualTo("3.2.0");
    assertThat(delegate.location().path()).isEqualTo("components/yarn.lock");
    assertThat(delegate.evidence()).contains("javascript-matcher");
    AssetRef dir = delegate.asset();
    assertThat(dir.kind()).isEqualTo(AssetKind.CODE_REPOSITORY);
    assertThat(dir.key(AssetKey.Type.NAME).value()).isEqualTo("many_vulns4");
  }

  @Test
  void duplicateMatchIsKeptTwiceAndGhsaCarriesItsCve() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "grype/check_all_fields.json");
    // 6 matches; DefectDojo merges the repeated Django match (nb_occurences 2) into 5 findings.
    assertThat(sink.observations).hasSize(6);
    assertThat(mergedLikeDefectDojo(sink)).hasSize(Corpus.findings("grype/check_all_fields.json"));

    List<Observation> django = sink.where(o -> o.weakness().checkId().equals("grype:GHSA-v6rh-hp5x-86rv"));
    assertThat(django).hasSize(2).allSatisfy(o -> {
      assertThat(o.location().component()).isEqualTo("Django");
      assertThat(o.location().componentVersion()).isEqualTo("3.2.9");
      assertThat(o.location().fixedVersion()).isEqualTo("3.2.10");
      assertThat(o.severity()).isEqualTo(Severity.HIGH);
      // The advisory's CVE alias makes the weakness key the CVE, shared with Trivy and Nessus.
      assertThat(o.weakness().cves()).containsExactly("CVE-2021-44420");
      assertThat(o.weakness().key()).isEqualTo("CVE-2021-44420");
    });

    Observation libc6 = sink.where(o -> o.weakness().checkId().equals("grype:CVE-2021-33574")
        && o.location().component().equals("libc6")).get(0);
    assertThat(libc6.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(libc6.location().componentVersion()).isEqualTo("2.28-10");
    // The Debian record has no CVSS: NVD's, under relatedVulnerabilities, is used.
    assertThat(libc6.cvss().v3Vector()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    assertThat(libc6.solution()).contains("wont-fix");

    Observation krb5 = only(sink, "grype:CVE-2004-0971");
    assertThat(krb5.location().component()).isEqualTo("libgssapi-krb5-2");
    assertThat(krb5.severity()).isEqualTo(Severity.INFO);
    assertThat(krb5.toolSeverity()).isEqualTo("Negligible");
    // An OS package's place is the image, not /var/lib/dpkg/status, as Trivy has it.
    assertThat(krb5.location().path()).isNull();

    // "matches" precedes "source" in this file: the asset is still the image.
    assertThat(sink.covered).singleElement().satisfies(image -> {
      assertThat(image.key(AssetKey.Type.IMAGE).value()).isEqualTo("vulnerable-image:latest");
      assertThat(image.attributes()).containsEntry("os", "debian 10");
    });
  }

  @Test
  void recentGrypePrefersNvdScoresAndFillsMissingSeverity() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "grype/issue_9618.json");
    assertThat(sink.observations).hasSize(35).hasSize(Corpus.findings("grype/issue_9618.json"));
    assertThat(mergedLikeDefectDojo(sink)).hasSize(35);
    assertThat(sink.observations).allSatisfy(
        o -> assertThat(o.observedAt()).isEqualTo(Instant.parse("2024-02-22T18:46:26.372724916Z")));

    // Red Hat rates 6.2; NVD's primary 5.5 is taken, as for Trivy.
    Observation avahi = only(sink, "grype:CVE-2023-38473");
    assertThat(avahi.cvss().v3Score()).isEqualTo(5.5);
    assertThat(avahi.location().fixedVersion()).isEqualTo("0:0.7-21.el8_9.1");

    // No severity of its own: the related GHSA's High.
    Observation compress = only(sink, "grype:CVE-2024-26308");
    assertThat(compress.toolSeverity()).isNull();
    assertThat(compress.severity()).isEqualTo(Severity.HIGH);
    assertThat(compress.location().fixedVersion()).isEqualTo("1.26.0");

    AssetRef image = avahi.asset();
    assertThat(image.key(AssetKey.Type.IMAGE).value())
        .isEqualTo("quay.io/cloudservices/xjoin-kafka-connect-strimzi:latest");
    assertThat(image.keys()).contains(AssetKey.of(AssetKey.Type.IMAGE_DIGEST,
        "sha256:97e6d5aeed19f627205b218f45b284cd01ff658dd181416ab1d3e21aeb28d68e"));
  }

  @Test
  void oldGrypeLayoutWithCvssV2FieldsIsRead() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "grype/many_vulns3.json");
    assertThat(sink.observations).hasSize(327).hasSize(Corpus.findings("grype/many_vulns3.json"));
    assertThat(mergedLikeDefectDojo(sink)).hasSize(327);
    Observation gnutls = only(sink, "grype:CVE-2011-3389");
    assertThat(gnutls.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(gnutls.location().component()).isEqualTo("libgnutls30");
    assertThat(gnutls.location().componentVersion()).isEqualTo("3.6.7-4+deb10u5");
    assertThat(gnutls.cvss().v2Vector()).isEqualTo("AV:N/AC:M/Au:N/C:P/I:N/A:N");
    assertThat(gnutls.cvss().v2Score()).isEqualTo(4.3);
    // 108 matches have cvssV3, 9 of them the placeholder {"baseScore": 0, "vector": ""}: no v3 at all.
    assertThat(sink.where(o -> o.cvss().v3Vector() != null)).hasSize(99);
    assertThat(sink.where(o -> o.cvss().v3Score() != null)).hasSize(99);
    assertThat(sink.where(o -> o.location().fixedVersion() != null)).hasSize(28);
  }

  @Test
  void sniffLeavesOtherFormatsFilesAlone() {
    for (JsonNode entry : Corpus.manifest()) {
      String path = entry.get("path").asString();
      if (!entry.path("format").asString("").equals("grype")) {
        assertThat(parser.sniff(Head.of(Corpus.scanFile(path)))).as(path).isFalse();
      }
    }
  }

  @Test
  void everyCorpusFileIsDetectedAsGrype() throws Exception {
    for (JsonNode entry : Corpus.entries("grype")) {
      String path = entry.get("path").asString();
      assertThat(Formats.detect(Corpus.scanFile(path)).format()).as(path).isEqualTo("grype");
    }
  }

  @Test
  void truncatedReportIsRefusedBeforeAnythingIsPushed() throws Exception {
    byte[] whole = Files.readAllBytes(Corpus.file("grype/check_all_fields.json"));
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);
    RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> parser.parse(ScanFile.of("cut.json", cut), sink))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("cut.json")
        .hasMessageContaining("line ");
    assertThat(sink.observations).isEmpty();
    assertThat(sink.covered).isEmpty();
  }

  @Test
  void otherFormatsAreRefusedNamingTheFile() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "trivy/scheme_2_many_vulns.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("scheme_2_many_vulns.json")
        .hasMessageContaining("no \"matches\" array");
    assertThatThrownBy(() -> RecordingSink.parse(parser, "trivy/legacy_many_vulns.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("legacy_many_vulns.json");
    assertThatThrownBy(() -> RecordingSink.parse(parser, "nessus/nessus_many_vuln.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nessus_many_vuln.xml");
  }

  /** DefectDojo's merge of identical matches. */
  private static Set<String> mergedLikeDefectDojo(RecordingSink sink) {
    return sink.observations.stream()
        .map(o -> o.weakness().checkId() + "|" + o.location().component() + "|"
            + o.location().componentVersion() + "|" + o.location().path())
        .collect(Collectors.toSet());
  }

  private static Observation only(RecordingSink sink, String checkId) {
    List<Observation> found = sink.where(o -> o.weakness().checkId().equals(checkId));
    assertThat(found).as(checkId).hasSize(1);
    return found.get(0);
  }
}
