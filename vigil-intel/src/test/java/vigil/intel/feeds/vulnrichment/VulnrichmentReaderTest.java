package vigil.intel.feeds.vulnrichment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.intel.feeds.FeedData;
import vigil.intel.feeds.FeedException;
import vigil.intel.feeds.FeedInfo;
import vigil.intel.feeds.FeedKind;
import vigil.intel.feeds.vulnrichment.VulnrichmentRecord.CvssVector;
import vigil.intel.feeds.vulnrichment.VulnrichmentRecord.Provider;
import vigil.intel.ssvc.Automatable;
import vigil.intel.ssvc.Exploitation;
import vigil.intel.ssvc.TechnicalImpact;

class VulnrichmentReaderTest {
  private static final String JSON = "vulnrichment/vulnrichment-kev-cve5-2024-10-24.json.gz";
  private static final String TSV = "vulnrichment/vulnrichment-ssvc-2024-10-24.tsv.gz";
  private static final String TSV_HEADER =
      "cveId\texploitation\tautomatable\ttechnicalImpact\trole\tssvcVersion\ttimestamp\tkevDateAdded\tadpCvssVector\tadpCwe\n";

  private final VulnrichmentReader reader = new VulnrichmentReader();
  @TempDir Path dir;

  private List<VulnrichmentRecord> read(String relative) throws FeedException {
    List<VulnrichmentRecord> out = new ArrayList<>();
    reader.read(FeedData.file(relative), out::add);
    return out;
  }

  private static VulnrichmentRecord byId(List<VulnrichmentRecord> records, String id) {
    return records.stream().filter(r -> r.cveId().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void cveJson5ArrayHolds263KevRecordsAllWithSsvc() throws Exception {
    List<VulnrichmentRecord> records = new ArrayList<>();
    FeedInfo info = reader.read(FeedData.file(JSON), records::add);

    assertThat(info).isEqualTo(new FeedInfo(FeedKind.VULNRICHMENT, null, Instant.parse("2024-10-24T17:40:35.717209Z"), 263));
    assertThat(records).hasSize(263).allMatch(VulnrichmentRecord::hasSsvc);
    assertThat(records.get(0).cveId()).isEqualTo("CVE-2011-0611");
    assertThat(records.get(262).cveId()).isEqualTo("CVE-2024-47575");
    assertThat(records).filteredOn(r -> r.kevDateAdded() != null).hasSize(222);
    assertThat(records).filteredOn(r -> r.exploitation() == Exploitation.ACTIVE).hasSize(210);
    assertThat(records).filteredOn(r -> r.exploitation() == Exploitation.PUBLIC_POC).hasSize(11);
  }

  @Test
  void adpContainerGivesSsvcKevDateCvssAndCwe() throws Exception {
    VulnrichmentRecord flash = byId(read(JSON), "CVE-2011-0611");

    assertThat(flash.exploitation()).isEqualTo(Exploitation.ACTIVE);
    assertThat(flash.automatable()).isEqualTo(Automatable.NO);
    assertThat(flash.technicalImpact()).isEqualTo(TechnicalImpact.TOTAL);
    assertThat(flash.ssvcTimestamp()).isEqualTo(Instant.parse("2024-02-02T14:05:34.031031Z"));
    assertThat(flash.kevDateAdded()).isEqualTo(LocalDate.parse("2022-03-03"));
    assertThat(flash.cvssVectors()).containsExactly(
        new CvssVector(Provider.CISA_ADP, "3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", 8.8));
    assertThat(flash.cwes()).containsExactly("CWE-843");
  }

  @Test
  void cnaVectorsAreKeptBesideCisaOnes() throws Exception {
    VulnrichmentRecord panos = byId(read(JSON), "CVE-2024-3400");

    assertThat(panos.cvssVectors()).contains(
        new CvssVector(Provider.CNA, "3.1", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H", 10.0));
  }

  @Test
  void flatTableHas44026RowsWithValuesNormalisedAcrossCase() throws Exception {
    List<VulnrichmentRecord> rows = new ArrayList<>();
    FeedInfo info = reader.read(FeedData.file(TSV), rows::add);

    assertThat(info).isEqualTo(new FeedInfo(FeedKind.VULNRICHMENT, null, Instant.parse("2024-10-24T20:58:14.887887Z"), 44_026));
    assertThat(rows).hasSize(44_026).allMatch(VulnrichmentRecord::hasSsvc);
    // Lowercase counts from the README plus the capitalised rows ("None No Total", "PoC", "Active"…).
    assertThat(rows).filteredOn(r -> r.exploitation() == Exploitation.NONE && r.automatable() == Automatable.NO
        && r.technicalImpact() == TechnicalImpact.PARTIAL).hasSize(21_697 + 2);
    assertThat(rows).filteredOn(r -> r.exploitation() == Exploitation.PUBLIC_POC).hasSize(7_643);
    assertThat(rows).filteredOn(r -> r.exploitation() == Exploitation.ACTIVE).hasSize(214);
    assertThat(rows).filteredOn(r -> r.kevDateAdded() != null).hasSize(224);
    assertThat(rows).filteredOn(r -> !r.cvssVectors().isEmpty()).hasSize(6_064);
    assertThat(rows).filteredOn(r -> !r.cwes().isEmpty()).hasSize(5_805);
  }

  @Test
  void tableAgreesWithTheCveRecordsOnEverySsvcDecision() throws Exception {
    Map<String, VulnrichmentRecord> table = new HashMap<>();
    reader.read(FeedData.file(TSV), r -> table.put(r.cveId(), r));

    for (VulnrichmentRecord record : read(JSON)) {
      VulnrichmentRecord row = table.get(record.cveId());
      assertThat(row).as(record.cveId()).isNotNull();
      assertThat(List.<Object>of(row.exploitation(), row.automatable(), row.technicalImpact(), row.ssvcTimestamp()))
          .as(record.cveId())
          .isEqualTo(List.<Object>of(record.exploitation(), record.automatable(), record.technicalImpact(), record.ssvcTimestamp()));
    }
  }

  @Test
  void unknownSsvcValueIsRefusedWithLineAndColumn() {
    Path file = FeedData.write(dir, "ssvc.tsv", TSV_HEADER
        + "CVE-2024-0001\tpoc\tno\tpartial\tCISA Coordinator\t2.0.3\t2024-08-01T18:51:01Z\t\t\t\n"
        + "CVE-2024-0002\tweaponised\tno\tpartial\tCISA Coordinator\t2.0.3\t2024-08-01T18:51:01Z\t\t\t\n");

    assertThatThrownBy(() -> reader.read(file, r -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("line 3, column exploitation")
        .hasMessageContaining("expected one of none, public poc, active, found 'weaponised'");
  }

  @Test
  void badTimestampIsRefused() {
    Path file = FeedData.write(dir, "ssvc.tsv", TSV_HEADER
        + "CVE-2024-0001\tnone\tno\tpartial\tCISA Coordinator\t2.0.3\t1722538261\t\t\t\n");

    assertThatThrownBy(() -> reader.read(file, r -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("line 2, column timestamp")
        .hasMessageContaining("expected an ISO-8601 timestamp, found '1722538261'");
  }

  @Test
  void truncatedGzippedArrayIsRefused() {
    Path file = FeedData.write(dir, "cut.json.gz", FeedData.head(JSON, 100_000));

    assertThatThrownBy(() -> reader.read(file, r -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("truncated or corrupt gzip");
  }

  @Test
  void truncatedJsonIsRefusedAtItsRecord() {
    String text = FeedData.text(JSON);
    Path file = FeedData.write(dir, "cut.json", FeedData.gzip(text.substring(0, text.length() / 3).getBytes()));

    assertThatThrownBy(() -> reader.read(file, r -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("invalid JSON")
        .hasMessageContaining("end-of-input");
  }

  @Test
  void arrayOfOtherRecordsIsRefused() {
    Path file = FeedData.write(dir, "other.json", "[{\"dataType\": \"CVE_RECORD\", \"cveMetadata\": {\"cveId\": \"CVE-2024-0001\"},"
        + " \"containers\": {}}, {\"type\": \"bundle\"}]");

    assertThatThrownBy(() -> reader.read(file, r -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("(at /1/dataType)")
        .hasMessageContaining("expected a CVE JSON 5 record");
  }

  @Test
  void epssFileIsRefusedAsNeitherForm() {
    Path epss = FeedData.file("epss/epss_scores-2026-01-30.csv.gz");

    assertThatThrownBy(() -> reader.read(epss, r -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("expected a JSON array of CVE JSON 5 records or a vulnrichment SSVC table");
  }
}
