package vigil.ingest.qualys;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import vigil.ingest.Corpus;
import vigil.ingest.Formats;
import vigil.ingest.ParseException;
import vigil.ingest.RecordingSink;
import vigil.ingest.ScanFile;
import vigil.model.AssetKey;
import vigil.model.AssetRef;
import vigil.model.Observation;
import vigil.model.Severity;
import vigil.model.WeaknessKind;

/**
 * Qualys against the corpus. One observation per VULN_INFO (host, QID and port), which is also how
 * DefectDojo counts, so the numbers agree. Severities 1-5 follow DefectDojo's legacy mapping
 * (1 Info ... 5 Critical); see {@link QualysParser}.
 */
class QualysParserTest {
  private static final String SAMPLE = "qualys/Qualys_Sample_Report.xml";
  private final QualysParser parser = new QualysParser();

  @Test
  void everyVulnInfoIsOneObservationCheckedByQid() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, SAMPLE);
    assertThat(sink.observations).hasSize(Corpus.findings(SAMPLE)).hasSize(301);

    // DefectDojo's finding[0] "QID-6 | DNS Host Name": the QID is the check id, the title stays clean.
    Observation first = sink.observations.get(0);
    assertThat(first.weakness().checkId()).isEqualTo("qualys:6");
    assertThat(first.weakness().title()).isEqualTo("DNS Host Name");
    assertThat(first.weakness().kind()).isEqualTo(WeaknessKind.INFORMATIONAL);
    assertThat(first.severity()).isEqualTo(Severity.INFO);
    assertThat(first.toolSeverity()).isEqualTo("1");
    assertThat(first.asset().name()).isEqualTo("demo13.s02.sjc01.qualys.com");
    assertThat(first.asset().keys()).contains(AssetKey.of(AssetKey.Type.IP, "64.41.200.243"),
        AssetKey.of(AssetKey.Type.FQDN, "demo13.s02.sjc01.qualys.com"));
    assertThat(first.asset().attributes()).containsEntry("os", "Ubuntu / Tiny Core Linux / Linux 2.6.x");
    assertThat(first.observedAt()).isEqualTo(Instant.parse("2019-07-31T21:57:48Z"));
    assertThat(first.evidence()).contains("64.41.200.243\tdemo13.s02.sjc01.qualys.com");
  }

  @Test
  void legacySeverityLevelsMapOneToOne() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, SAMPLE);
    Map<Severity, Long> bySeverity = sink.observations.stream()
        .collect(Collectors.groupingBy(Observation::severity, Collectors.counting()));
    assertThat(bySeverity).containsExactlyInAnyOrderEntriesOf(Map.of(
        Severity.INFO, 177L, Severity.LOW, 65L, Severity.MEDIUM, 46L, Severity.HIGH, 6L, Severity.CRITICAL, 7L));
    assertThat(sink.where(o -> o.severity() == Severity.CRITICAL))
        .allSatisfy(o -> assertThat(o.toolSeverity()).isEqualTo("5"));
  }

  @Test
  void glossaryGivesCvss3VectorAndCves() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, SAMPLE);
    Observation amd = sink.where(o -> o.weakness().checkId().equals("qualys:370876")
        && o.asset().name().equals("demo13.s02.sjc01.qualys.com")).get(0);
    assertThat(amd.cvss().v3Vector()).isEqualTo("CVSS:3.0/AV:N/AC:H/PR:N/UI:N/S:C/C:H/I:H/A:H");
    assertThat(amd.cvss().v3Score()).isEqualTo(9.0);
    assertThat(amd.cvss().v2Vector()).isEqualTo("AV:N/AC:M/Au:N/C:C/I:C/A:C");
    assertThat(amd.cvss().v2Score()).isEqualTo(9.3);
    assertThat(amd.weakness().cves()).containsExactly("CVE-2018-8930", "CVE-2018-8931", "CVE-2018-8932",
        "CVE-2018-8933", "CVE-2018-8934", "CVE-2018-8935", "CVE-2018-8936");
    // Qualys rates it 4 (High); the CVSS score does not override that.
    assertThat(amd.severity()).isEqualTo(Severity.HIGH);
    assertThat(amd.weakness().kind()).isEqualTo(WeaknessKind.VULNERABILITY);
    assertThat(amd.description()).startsWith("AMD processors contain the following vulnerabilities:")
        .contains("Impact: Depending on the vulnerability being exploited").doesNotContain("<BR>");
    assertThat(amd.solution()).contains("Workaround:").doesNotContain("<P>");
  }

  @Test
  void portProtocolAndServiceLocateTheDetectionAndHtmlLinksKeepTheirUrl() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, SAMPLE);
    assertThat(sink.where(o -> o.weakness().checkId().equals("qualys:38140")))
        .extracting(o -> o.location().key()).containsExactly("tcp/8443", "tcp/443");
    assertThat(sink.where(o -> "udp".equals(o.location().protocol()))).hasSize(3);
    assertThat(sink.where(o -> o.location().port() != null)).hasSize(147);
    Observation libxml = sink.where(o -> o.weakness().checkId().equals("qualys:11803")).get(0);
    assertThat(libxml.solution()).contains("libxml2 (http://xmlsoft.org/downloads.html)");
    assertThat(libxml.weakness().cves()).hasSize(16);
  }

  @Test
  void everyHostAndTheNoResultsAppendixAreCovered() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, SAMPLE);
    assertThat(sink.covered).extracting(a -> a.key(AssetKey.Type.IP).value()).containsExactly(
        "64.41.200.243", "64.41.200.244", "64.41.200.245", "64.41.200.247", "64.41.200.246", "64.41.200.249",
        "64.41.200.250", "64.41.200.248");
    AssetRef win7 = sink.covered.stream().filter(a -> a.name().equals("trn-win7.trn.qualys.com")).findFirst().orElseThrow();
    assertThat(win7.key(AssetKey.Type.NETBIOS).value()).isEqualTo("trn-win7");
    assertThat(sink.where(o -> o.asset().key(AssetKey.Type.IP).value().equals("64.41.200.248"))).isEmpty();
    assertThat(sink.where(o -> o.weakness().kind() == WeaknessKind.INFORMATIONAL)).hasSize(209);
  }

  @Test
  void reportWithoutHostsHasNoObservation() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "qualys/empty.xml");
    assertThat(sink.observations).hasSize(Corpus.findings("qualys/empty.xml")).isEmpty();
    assertThat(sink.covered).isEmpty();
  }

  @Test
  void fixedDetectionIsNotObservedButItsHostIsCoveredAndUnknownQidIsKept() throws Exception {
    String xml = "<!DOCTYPE ASSET_DATA_REPORT SYSTEM \"https://qualysguard.qualys.eu/asset_data_report.dtd\">"
        + "<ASSET_DATA_REPORT><HEADER><GENERATION_DATETIME>2021-03-25T07:13:51Z</GENERATION_DATETIME></HEADER>"
        + "<HOST_LIST><HOST><IP>10.0.0.5</IP><QG_HOSTID>abc-123</QG_HOSTID><VULN_INFO_LIST>"
        + "<VULN_INFO><QID id=\"qid_38170\">38170</QID><TYPE>Vuln</TYPE><VULN_STATUS>Fixed</VULN_STATUS></VULN_INFO>"
        + "<VULN_INFO><QID id=\"qid_99999\">99999</QID><TYPE>Vuln</TYPE><PORT>443</PORT><PROTOCOL>tcp</PROTOCOL>"
        + "<VULN_STATUS>Active</VULN_STATUS></VULN_INFO>"
        + "</VULN_INFO_LIST></HOST></HOST_LIST>"
        + "<GLOSSARY><VULN_DETAILS_LIST><VULN_DETAILS id=\"qid_38170\"><QID id=\"qid_38170\">38170</QID>"
        + "<TITLE>SSL Certificate - Subject Common Name Does Not Match Server FQDN</TITLE><SEVERITY>2</SEVERITY>"
        + "</VULN_DETAILS></VULN_DETAILS_LIST></GLOSSARY>"
        + "<APPENDICES><NO_RESULTS><IP_LIST><RANGE><START>10.0.0.10</START><END>10.0.0.12</END></RANGE>"
        + "<RANGE><START>10.1.0.0</START><END>10.1.255.255</END></RANGE></IP_LIST></NO_RESULTS></APPENDICES>"
        + "</ASSET_DATA_REPORT>";
    RecordingSink sink = new RecordingSink();
    parser.parse(ScanFile.of("fixed.xml", xml.getBytes(StandardCharsets.UTF_8)), sink);
    assertThat(sink.observations).singleElement().satisfies(o -> {
      assertThat(o.weakness().checkId()).isEqualTo("qualys:99999");
      assertThat(o.weakness().title()).isEqualTo("Qualys QID 99999");
      assertThat(o.severity()).isEqualTo(Severity.INFO);
      assertThat(o.toolSeverity()).isNull();
      assertThat(o.location().key()).isEqualTo("tcp/443");
      // No LAST_FOUND: the report's generation time stands in.
      assertThat(o.observedAt()).isEqualTo(Instant.parse("2021-03-25T07:13:51Z"));
      assertThat(o.asset().key(AssetKey.Type.AGENT_ID).value()).isEqualTo("abc-123");
    });
    // The /16 range is a target list, not hosts seen: left out.
    assertThat(sink.covered).extracting(a -> a.key(AssetKey.Type.IP).value())
        .containsExactly("10.0.0.5", "10.0.0.10", "10.0.0.11", "10.0.0.12");
  }

  @Test
  void rangesExpandOnlyWhenSmall() {
    assertThat(Ipv4Range.expand("10.0.0.254", "10.0.1.1", 256))
        .containsExactly("10.0.0.254", "10.0.0.255", "10.0.1.0", "10.0.1.1");
    assertThat(Ipv4Range.expand("10.0.0.1", "10.0.0.1", 256)).containsExactly("10.0.0.1");
    assertThat(Ipv4Range.expand("10.0.0.0", "10.0.1.0", 256)).isEmpty();
    assertThat(Ipv4Range.expand("10.0.0.9", "10.0.0.1", 256)).isEmpty();
    assertThat(Ipv4Range.expand("fe80::1", "fe80::9", 256)).isEmpty();
  }

  @Test
  void everyCorpusFileIsDetectedAsQualys() throws Exception {
    for (var entry : Corpus.entries("qualys")) {
      String path = entry.get("path").asString();
      assertThat(Formats.detect(Corpus.scanFile(path)).format()).as(path).isEqualTo("qualys");
    }
    assertThat(Corpus.entries("qualys")).hasSize(2);
  }

  @Test
  void nessusFileForcedAsQualysIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "nessus/nessus_many_vuln.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nessus_many_vuln.xml")
        .hasMessageContaining("expected root element <ASSET_DATA_REPORT>");
  }

  @Test
  void truncatedReportIsRefusedBeforeAnythingIsEmitted() throws Exception {
    byte[] whole = Files.readAllBytes(Corpus.file(SAMPLE));
    byte[] cut = Arrays.copyOf(whole, whole.length / 3);
    RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> parser.parse(ScanFile.of("cut.xml", cut), sink))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("cut.xml")
        .hasMessageContaining("line ");
    // The glossary pass reads to the end first, so a cut file is refused before any observation.
    assertThat(sink.observations).isEmpty();
  }
}
