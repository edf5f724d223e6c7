package vigil.intel.feeds.nvd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.intel.feeds.FeedData;
import vigil.intel.feeds.FeedException;
import vigil.intel.feeds.FeedInfo;
import vigil.intel.feeds.FeedKind;

class NvdReaderTest {
  private static final String FILE = "nvd/nvd-sample.json";

  private final NvdReader reader = new NvdReader();
  @TempDir Path dir;

  private List<NvdCve> sample() throws FeedException {
    List<NvdCve> out = new ArrayList<>();
    reader.read(FeedData.file(FILE), out::add);
    return out;
  }

  private static NvdCve byId(List<NvdCve> cves, String id) {
    return cves.stream().filter(c -> c.id().equals(id)).findFirst().orElseThrow();
  }

  @Test
  void samplePageHasSixRecordsAndTheResponseVersionAndTimestamp() throws Exception {
    List<NvdCve> cves = new ArrayList<>();
    FeedInfo info = reader.read(FeedData.file(FILE), cves::add);

    assertThat(info).isEqualTo(new FeedInfo(FeedKind.NVD, "2.0", Instant.parse("2026-11-22T22:05:49.914Z"), 6));
    assertThat(cves).extracting(NvdCve::id).containsExactly(
        "CVE-2011-3374", "CVE-2024-3700", "CVE-2013-0629", "CVE-2007-5686", "CVE-2024-0012", "CVE-2022-31624");
  }

  @Test
  void metricCountsMatchTheSampleReadme() throws Exception {
    List<NvdCve> cves = sample();

    assertThat(cves).filteredOn(c -> !c.metrics("3.1").isEmpty()).hasSize(5);
    assertThat(cves).filteredOn(c -> !c.metrics("2.0").isEmpty()).hasSize(4);
    assertThat(cves).filteredOn(c -> !c.metrics("4.0").isEmpty()).extracting(NvdCve::id).containsExactly("CVE-2024-0012");
    assertThat(cves).filteredOn(c -> !c.metrics("3.0").isEmpty()).isEmpty();
    assertThat(cves).filteredOn(c -> c.metrics().isEmpty()).isEmpty();
    assertThat(byId(cves, "CVE-2007-5686").metrics()).extracting(NvdCve.Metric::version).containsExactly("2.0");
    // CVE-2013-0629 has v3.1 from NVD and from CISA-ADP.
    assertThat(byId(cves, "CVE-2013-0629").metrics("3.1")).extracting(NvdCve.Metric::type)
        .containsExactly("Primary", "Secondary");
  }

  @Test
  void cvss40VectorOfCve20240012KeepsSourceAndType() throws Exception {
    NvdCve panos = byId(sample(), "CVE-2024-0012");

    assertThat(panos.metrics("4.0")).containsExactly(new NvdCve.Metric("4.0",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:L/SI:N/SA:N/E:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MAT:X"
            + "/MPR:X/MUI:X/MVC:X/MVI:X/MVA:X/MSC:X/MSI:X/MSA:X/S:X/AU:N/R:U/V:C/RE:H/U:Red",
        9.3, "psirt@paloaltonetworks.com", "Secondary"));
    assertThat(panos.metrics("3.1")).containsExactly(new NvdCve.Metric("3.1",
        "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", 9.8, "nvd@nist.gov", "Primary"));
    assertThat(panos.published()).isEqualTo(Instant.parse("2024-11-18T16:15:11.683Z"));
    assertThat(panos.vulnStatus()).isEqualTo("Modified");
    assertThat(panos.description()).startsWith("An authentication bypass in Palo Alto Networks PAN-OS");
    assertThat(panos.cwes()).containsExactly("CWE-306");
  }

  @Test
  void kevFieldsAreKeptForTheTwoKevRecords() throws Exception {
    List<NvdCve> cves = sample();

    assertThat(cves).filteredOn(NvdCve::inKev).extracting(NvdCve::id).containsExactly("CVE-2013-0629", "CVE-2024-0012");
    NvdCve.Kev kev = byId(cves, "CVE-2024-0012").kev();
    assertThat(kev.exploitAdd()).isEqualTo(LocalDate.parse("2024-11-18"));
    assertThat(kev.actionDue()).isEqualTo(LocalDate.parse("2024-12-09"));
    assertThat(kev.vulnerabilityName()).isEqualTo(
        "Palo Alto Networks PAN-OS Management Interface Authentication Bypass Vulnerability");
  }

  @Test
  void vulnerableCpeMatchesKeepVersionRangesAndDropPlatformConditions() throws Exception {
    List<NvdCve> cves = sample();

    assertThat(cves).allSatisfy(c -> assertThat(c.cpeMatches()).isNotEmpty());
    assertThat(byId(cves, "CVE-2024-0012").cpeMatches()).contains(new NvdCve.CpeMatch(
        "cpe:2.3:o:paloaltonetworks:pan-os:*:*:*:*:*:*:*:*", "10.2.0", null, null, "10.2.12",
        "7D294CCB-C898-444E-BD41-D423B96F8E23"));
    // CVE-2013-0629: ColdFusion is vulnerable, the OS nodes of the AND configuration are not.
    assertThat(byId(cves, "CVE-2013-0629").cpeMatches()).extracting(NvdCve.CpeMatch::criteria)
        .hasSize(4).allMatch(c -> c.startsWith("cpe:2.3:a:adobe:coldfusion:"));
    assertThat(byId(cves, "CVE-2013-0629").cwes()).as("NVD-CWE-noinfo is not a CWE").isEmpty();
  }

  @Test
  void truncatedResponseIsRefusedWithPlace() {
    String text = FeedData.text(FILE);
    Path cut = FeedData.write(dir, "nvd-cut.json", text.substring(0, text.indexOf("CVE-2024-0012") + 2000));

    assertThatThrownBy(() -> reader.read(cut, c -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageStartingWith(cut.toString())
        .hasMessageContaining("(at /vulnerabilities/4")
        .hasMessageContaining("end-of-input");
  }

  @Test
  void kevCatalogIsRefusedAsNotAnNvdResponse() {
    Path kev = FeedData.file("kev/known_exploited_vulnerabilities.json");

    assertThatThrownBy(() -> reader.read(kev, c -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("(at /vulnerabilities/0/cve)")
        .hasMessageContaining("expected an NVD vulnerability");
  }

  @Test
  void otherFormatIsRefusedBeforeAnyRecord() {
    Path file = FeedData.write(dir, "cpe.json", "{\"format\": \"NVD_CPE\", \"vulnerabilities\": []}");

    assertThatThrownBy(() -> reader.read(file, c -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("found format 'NVD_CPE'");
  }

  @Test
  void badBaseScoreIsRefusedWithItsPointer() {
    Path file = FeedData.write(dir, "nvd.json", FeedData.text(FILE).replace("\"baseScore\": 9.3", "\"baseScore\": \"9,3\""));

    assertThatThrownBy(() -> reader.read(file, c -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("(at /vulnerabilities/4/cve/metrics/cvssMetricV40/0/cvssData/baseScore)")
        .hasMessageContaining("expected a number, found '9,3'");
  }

  @Test
  void moreRecordsThanResultsPerPageIsRefused() {
    Path file = FeedData.write(dir, "nvd.json", FeedData.text(FILE).replace("\"resultsPerPage\": 6", "\"resultsPerPage\": 5"));

    assertThatThrownBy(() -> reader.read(file, c -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("resultsPerPage 5 but holds 6");
  }
}
