package vigil.ingest.cyclonedx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
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
 * CycloneDX (JSON and XML) against the corpus. DefectDojo makes one finding per vulnerability and
 * affected component without merging, as Vigil does, so observation counts equal the manifest's.
 */
class CycloneDxParserTest {
  private final CycloneDxParser parser = new CycloneDxParser();

  @Test
  void sbomWithoutVulnerabilitiesYieldsNothingAndCoversNothing() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "cyclonedx/cyclonedx_bom.xml");
    assertThat(sink.observations).hasSize(Corpus.findings("cyclonedx/cyclonedx_bom.xml")).isEmpty();
    // 74 components but no vulnerability data: a bill of materials, not a scan.
    assertThat(sink.covered).isEmpty();
  }

  @Test
  void grypeXmlExtensionNestsVulnerabilitiesInTheirComponent() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "cyclonedx/dd_1_15_0.xml");
    assertThat(sink.observations).hasSize(381).hasSize(Corpus.findings("cyclonedx/dd_1_15_0.xml"));

    Observation apt = sink.where(o -> o.weakness().checkId().equals("cyclonedx:CVE-2011-3374")
        && "apt".equals(o.location().component())).get(0);
    assertThat(apt.location().componentVersion()).isEqualTo("1.8.2.1");
    assertThat(apt.severity()).isEqualTo(Severity.LOW);
    assertThat(apt.cvss().v2Vector()).isEqualTo("AV:N/AC:M/Au:N/C:N/I:P/A:N");
    // <v:score><v:base>4.3</v:base><v:impact>0</v:impact>...: the base score.
    assertThat(apt.cvss().v2Score()).isEqualTo(4.3);
    assertThat(apt.observedAt()).isEqualTo(Instant.parse("2021-05-03T08:25:05Z"));

    List<Observation> tar = sink.where(o -> o.weakness().cves().contains("CVE-2019-9923"));
    assertThat(tar).singleElement().satisfies(o -> {
      assertThat(o.location().component()).isEqualTo("tar");
      assertThat(o.location().componentVersion()).isEqualTo("1.30+dfsg-6");
      assertThat(o.severity()).isEqualTo(Severity.LOW);
    });
    // Grype's "Unknown" reads as info, with the word kept.
    assertThat(sink.where(o -> "Unknown".equals(o.toolSeverity())))
        .hasSize(33).allSatisfy(o -> assertThat(o.severity()).isEqualTo(Severity.INFO));
    // 115 CVSSv3 ratings, 8 of them placeholders (empty vector, score 0): no v3 at all.
    assertThat(sink.where(o -> o.cvss().v3Vector() != null)).hasSize(107);
    assertThat(sink.where(o -> o.cvss().v3Score() != null)).hasSize(107);

    // metadata.component is a container "name:tag" with the image digest as its version.
    assertThat(sink.covered).singleElement().satisfies(image -> {
      assertThat(image.kind()).isEqualTo(AssetKind.CONTAINER_IMAGE);
      assertThat(image.key(AssetKey.Type.IMAGE).value()).isEqualTo("defectdojo/defectdojo-django:1.15.0");
      assertThat(image.key(AssetKey.Type.IMAGE_DIGEST).value())
          .isEqualTo("sha256:b914ffbdf28309f2f5fc46caf1a78bbd90f1e2786dd0f01b69c8b00a07a9d078");
    });
  }

  @Test
  void grypeJsonResolvesBomRefsAndKeepsFixedVersions() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "cyclonedx/log4j.json");
    assertThat(sink.observations).hasSize(8).hasSize(Corpus.findings("cyclonedx/log4j.json"));
    // Every affects ref ("pkg:maven/...@2.13.2?package-id=...") resolves to the one component.
    assertThat(sink.observations).allSatisfy(o -> {
      assertThat(o.location().component()).isEqualTo("log4j-core");
      assertThat(o.location().componentVersion()).isEqualTo("2.13.2");
      assertThat(o.evidence()).contains("analysis.state: in_triage");
    });
    Observation log4shell = sink.where(o -> o.weakness().checkId().equals("cyclonedx:CVE-2021-44228")).get(0);
    assertThat(log4shell.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(log4shell.cvss().v3Vector()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
    assertThat(log4shell.cvss().v3Score()).isEqualTo(10.0);
    assertThat(log4shell.cvss().v2Vector()).isEqualTo("AV:N/AC:M/Au:N/C:C/I:C/A:C");
    assertThat(log4shell.weakness().key()).isEqualTo("CVE-2021-44228");
    assertThat(log4shell.observedAt()).isEqualTo(Instant.parse("2022-07-22T08:45:32Z"));

    Observation ghsa = sink.where(o -> o.weakness().checkId().equals("cyclonedx:GHSA-7rjr-3q55-vv33")).get(0);
    assertThat(ghsa.location().fixedVersion()).isEqualTo("2.16.0");
    assertThat(ghsa.solution()).isEqualTo("Upgrade log4j-core to 2.16.0.");

    // metadata.component is a bare directory path without purl: named by the report's target.
    assertThat(sink.covered).singleElement().satisfies(asset -> {
      assertThat(asset.kind()).isEqualTo(AssetKind.CODE_REPOSITORY);
      assertThat(asset.key(AssetKey.Type.NAME).value()).isEqualTo("log4j");
    });
  }

  @Test
  void ossIndexIdsCarryTheirCveReference() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "cyclonedx/jake2.json");
    assertThat(sink.observations).hasSize(7).hasSize(Corpus.findings("cyclonedx/jake2.json"));
    Observation first = sink.observations.get(0);
    assertThat(first.weakness().checkId()).isEqualTo("cyclonedx:c7129ff8-08bc-4afe-82ec-7d97b9491741");
    assertThat(first.weakness().cves()).containsExactly("CVE-2021-33203");
    assertThat(first.weakness().key()).isEqualTo("CVE-2021-33203");
    assertThat(first.severity()).isEqualTo(Severity.HIGH);
    assertThat(first.location().component()).isEqualTo("Django");
    assertThat(first.location().componentVersion()).isEqualTo("2.0");
    // DefectDojo's finding date 2022-01-28 is metadata.timestamp.
    assertThat(first.observedAt()).isEqualTo(Instant.parse("2022-01-28T07:05:16.397158Z"));
    assertThat(sink.observations).allSatisfy(o -> assertThat(o.location().component()).isEqualTo("Django"));
  }

  /**
   * The spec example says analysis.state not_affected. DefectDojo imports it as is_mitigated=true,
   * active=false (and false_positive as false_p). Vigil does not triage at parse time: the
   * observation is kept, like any the tool reported, with the state word for word in its evidence
   * for the store's triage to honour.
   */
  @Test
  void specExampleKeepsItsAnalysisStateAndAliases() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "cyclonedx/valid-vulnerability-1.4.json");
    assertThat(sink.observations).hasSize(1).hasSize(Corpus.findings("cyclonedx/valid-vulnerability-1.4.json"));
    Observation o = sink.observations.get(0);
    assertThat(o.weakness().checkId()).isEqualTo("cyclonedx:SNYK-JAVA-COMFASTERXMLJACKSONCORE-32111");
    assertThat(o.weakness().cves()).containsExactly("CVE-2018-7489");
    assertThat(o.weakness().cwes()).containsExactly("CWE-184", "CWE-502");
    assertThat(o.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(o.location().component()).isEqualTo("com.fasterxml.jackson.core:jackson-databind");
    assertThat(o.location().componentVersion()).isEqualTo("2.9.4");
    // Method "CVSSv3" is CVSS 3.0 in CycloneDX; the vector has no prefix and gets 3.0's.
    // DefectDojo writes "CVSS:3.1/" before the same metrics.
    assertThat(o.cvss().v3Vector()).isEqualTo("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    assertThat(o.cvss().v3Score()).isEqualTo(9.8);
    assertThat(o.solution()).contains("2.9.5");
    assertThat(o.evidence()).contains("analysis.state: not_affected")
        .contains("analysis.justification: code_not_reachable");
  }

  @Test
  void xml14TopLevelVulnerabilitiesResolveBomRefs() throws Exception {
    String xml = "<?xml version=\"1.0\"?>\n"
        + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\" version=\"1\">\n"
        + " <metadata><timestamp>2024-01-02T03:04:05Z</timestamp>"
        + "  <component type=\"application\" bom-ref=\"app\"><name>shop</name><version>2.1</version>"
        + "   <purl>pkg:maven/com.acme/shop@2.1</purl></component></metadata>\n"
        + " <components><component type=\"library\" bom-ref=\"lib-1\"><group>org.yaml</group>"
        + "  <name>snakeyaml</name><version>1.33</version><purl>pkg:maven/org.yaml/snakeyaml@1.33</purl>"
        + "  </component></components>\n"
        + " <vulnerabilities><vulnerability bom-ref=\"v1\"><id>CVE-2022-1471</id>"
        + "  <source><name>NVD</name></source>"
        + "  <ratings><rating><score>9.8</score><severity>critical</severity><method>CVSSv31</method>"
        + "   <vector>CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H</vector></rating></ratings>"
        + "  <cwes><cwe>502</cwe></cwes><description>SnakeYaml Constructor deserialization.</description>"
        + "  <recommendation>Upgrade to 2.0</recommendation>"
        + "  <analysis><state>false_positive</state></analysis>"
        + "  <affects><target><ref>lib-1</ref></target><target><ref>pkg:npm/%40scope/left-pad@1.0.0</ref></target>"
        + "  </affects></vulnerability></vulnerabilities>\n"
        + "</bom>\n";
    RecordingSink sink = new RecordingSink();
    parser.parse(ScanFile.of("shop.cdx.xml", xml.getBytes(StandardCharsets.UTF_8)), sink);

    assertThat(sink.observations).hasSize(2);
    Observation yaml = sink.observations.get(0);
    assertThat(yaml.location().component()).isEqualTo("org.yaml:snakeyaml");
    assertThat(yaml.location().componentVersion()).isEqualTo("1.33");
    assertThat(yaml.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(yaml.cvss().v3Score()).isEqualTo(9.8);
    assertThat(yaml.weakness().cwes()).containsExactly("CWE-502");
    assertThat(yaml.solution()).isEqualTo("Upgrade to 2.0");
    assertThat(yaml.evidence()).contains("analysis.state: false_positive");
    assertThat(yaml.observedAt()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    // A ref no component declares is read as a purl.
    Observation pad = sink.observations.get(1);
    assertThat(pad.location().component()).isEqualTo("@scope/left-pad");
    assertThat(pad.location().componentVersion()).isEqualTo("1.0.0");
    // metadata.component with a purl keys the asset.
    assertThat(sink.covered).singleElement().satisfies(a ->
        assertThat(a.key(AssetKey.Type.PURL).value()).isEqualTo("pkg:maven/com.acme/shop@2.1"));
  }

  @Test
  void jsonVulnerabilitiesBeforeComponentsStillResolve() throws Exception {
    String json = "{\"vulnerabilities\": [{\"id\": \"CVE-2022-1471\", \"affects\": [{\"ref\": \"c1\"}],"
        + " \"ratings\": [{\"severity\": \"high\"}]}],"
        + " \"components\": [{\"bom-ref\": \"c1\", \"name\": \"snakeyaml\", \"version\": \"1.33\","
        + "  \"components\": [{\"bom-ref\": \"c2\", \"name\": \"inner\"}]}],"
        + " \"bomFormat\": \"CycloneDX\", \"specVersion\": \"1.5\"}";
    RecordingSink sink = new RecordingSink();
    parser.parse(ScanFile.of("late.json", json.getBytes(StandardCharsets.UTF_8)), sink);
    assertThat(sink.observations).singleElement().satisfies(o -> {
      assertThat(o.location().component()).isEqualTo("snakeyaml");
      assertThat(o.location().componentVersion()).isEqualTo("1.33");
      assertThat(o.severity()).isEqualTo(Severity.HIGH);
    });
  }

  @Test
  void sniffLeavesOtherFormatsFilesAlone() {
    for (JsonNode entry : Corpus.manifest()) {
      String path = entry.get("path").asString();
      if (!entry.path("format").asString("").equals("cyclonedx")) {
        assertThat(parser.sniff(Head.of(Corpus.scanFile(path)))).as(path).isFalse();
      }
    }
  }

  @Test
  void everyCorpusFileIsDetectedAsCycloneDx() throws Exception {
    for (JsonNode entry : Corpus.entries("cyclonedx")) {
      String path = entry.get("path").asString();
      assertThat(Formats.detect(Corpus.scanFile(path)).format()).as(path).isEqualTo("cyclonedx");
    }
  }

  @Test
  void otherFormatsAreRefusedNamingTheFile() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "nessus/nessus_many_vuln.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nessus_many_vuln.xml")
        .hasMessageContaining("expected root element <bom>");
    assertThatThrownBy(() -> RecordingSink.parse(parser, "grype/many_vulns4.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("many_vulns4.json")
        .hasMessageContaining("bomFormat");
    assertThatThrownBy(() -> RecordingSink.parse(parser, "trivy/legacy_many_vulns.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("legacy_many_vulns.json");
  }

  @Test
  void bomRootOutsideTheCycloneDxNamespaceIsRefused() {
    byte[] xml = "<bom xmlns=\"urn:example:bill\"><components/></bom>".getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> parser.parse(ScanFile.of("other.xml", xml), new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("other.xml")
        .hasMessageContaining("CycloneDX namespace");
  }

  @Test
  void xxeInABomIsRefused() {
    byte[] xml = ("<?xml version=\"1.0\"?><!DOCTYPE bom [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<bom xmlns=\"http://cyclonedx.org/schema/bom/1.4\"><metadata><timestamp>&x;</timestamp></metadata></bom>")
        .getBytes(StandardCharsets.UTF_8);
    assertThatThrownBy(() -> parser.parse(ScanFile.of("xxe.xml", xml), new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("DOCTYPE");
  }
}
