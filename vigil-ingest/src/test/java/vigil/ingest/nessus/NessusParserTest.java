package vigil.ingest.nessus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import vigil.ingest.Corpus;
import vigil.ingest.Formats;
import vigil.ingest.ParseException;
import vigil.ingest.RecordingSink;
import vigil.model.AssetKey;
import vigil.model.Observation;
import vigil.model.Severity;

/**
 * Nessus against the corpus. DefectDojo merges ReportItems by severity+title; Vigil keeps one
 * observation per ReportItem and dedupes by weakness per asset in the store, so the manifest count
 * is matched by distinct (severity, title) pairs, and the raw ReportItem count by observations.
 */
class NessusParserTest {
  private final NessusParser parser = new NessusParser();

  @Test
  void manyVulnKeepsEveryReportItemAndMatchesDefectDojoAfterMerging() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nessus/nessus_many_vuln.xml");
    assertThat(sink.observations).hasSize(7);
    assertThat(sink.severityTitlePairs()).hasSize(Corpus.findings("nessus/nessus_many_vuln.xml"));
    assertThat(sink.covered).hasSize(1);
    assertThat(sink.observations).extracting(o -> o.location().protocol()).contains("tcp");
  }

  @Test
  void vUnknownHas296ItemsOnSevenHosts() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nessus/nessus_v_unknown.xml");
    assertThat(sink.observations).hasSize(296);
    assertThat(sink.covered).hasSize(7);
    assertThat(sink.severityTitlePairs()).hasSize(Corpus.findings("nessus/nessus_v_unknown.xml"));
    Observation scanInfo = sink.observations.stream()
        .filter(o -> o.weakness().title().equals("Nessus Scan Information")).findFirst().orElseThrow();
    assertThat(scanInfo.severity()).isEqualTo(Severity.INFO);
    assertThat(scanInfo.weakness().cves()).isEmpty();
    assertThat(sink.where(o -> o.weakness().title().equals("Nessus SYN scanner")).size()).isGreaterThanOrEqualTo(38);
    assertThat(sink.where(o -> o.weakness().cves().contains("CVE-2005-1794"))).hasSize(7);
  }

  @Test
  void cvss3VectorIsKept() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nessus/nessus_with_cvssv3.nessus");
    assertThat(sink.observations).hasSize(49);
    assertThat(sink.severityTitlePairs()).hasSize(Corpus.findings("nessus/nessus_with_cvssv3.nessus"));
    assertThat(sink.observations).extracting(o -> o.cvss().v3Vector())
        .contains("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:N/A:N");
    assertThat(sink.observations).extracting(o -> o.location().protocol()).contains("tcp");
  }

  @Test
  void largePolicyWithOneItem() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nessus/issue_6992.nessus");
    assertThat(sink.observations).hasSize(1);
    assertThat(sink.observations.get(0).severity()).isEqualTo(Severity.HIGH);
  }

  @Test
  void hostWithoutItemsIsCoveredButHasNoObservation() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nessus/nessus_was_no_vuln.xml");
    assertThat(sink.observations).isEmpty();
    assertThat(sink.covered).hasSize(1);
  }

  @Test
  void hostIdentifiersAreNormalised() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nessus/nessus_v_unknown.xml");
    assertThat(sink.covered).allSatisfy(a -> assertThat(a.keys()).isNotEmpty());
    assertThat(sink.covered.stream().flatMap(a -> a.keys().stream()).filter(k -> k.type() == AssetKey.Type.MAC))
        .allSatisfy(k -> assertThat(k.value()).matches("([0-9a-f]{2}:){5}[0-9a-f]{2}"));
  }

  @Test
  void detectedFromContent() throws Exception {
    assertThat(Formats.detect(Corpus.scanFile("nessus/nessus_many_vuln.xml")).format()).isEqualTo("nessus");
  }

  @Test
  void xxeFileEntityIsRefusedAndNeverResolved() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "hostile/xxe_file_passwd.nessus"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("xxe_file_passwd.nessus")
        .hasMessageContaining("DOCTYPE")
        .hasMessageNotContaining("root:");
  }

  @Test
  void billionLaughsIsRefusedBeforeExpansion() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "hostile/billion_laughs.nessus"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void truncatedFileIsRefusedWithThePlace() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "hostile/truncated_mid_reportitem.nessus"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("truncated_mid_reportitem.nessus")
        .hasMessageContaining("line ");
  }

  @Test
  void forcedOnNmapXmlIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "hostile/wrong_format_nmap_xml.nessus"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("expected root element <NessusClientData_v2> but found <nmaprun>");
  }

  @Test
  void forcedOnJsonIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "hostile/wrong_format_json.nessus"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("wrong_format_json.nessus");
  }
}
