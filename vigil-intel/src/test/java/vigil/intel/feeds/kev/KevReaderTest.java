package vigil.intel.feeds.kev;

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

class KevReaderTest {
  private static final String CURRENT = "kev/known_exploited_vulnerabilities.json";
  private static final String PAIR_JSON = "kev/known_exploited_vulnerabilities-2025.08.25.json";
  private static final String PAIR_CSV = "kev/known_exploited_vulnerabilities-2025.08.25.csv";
  private static final String ENTRY = """
      {"cveID": "CVE-2024-3400", "vendorProject": "Palo Alto Networks", "product": "PAN-OS",
       "vulnerabilityName": "PAN-OS Command Injection", "dateAdded": "%s", "shortDescription": "d",
       "requiredAction": "a", "dueDate": "2024-04-19", "knownRansomwareCampaignUse": "%s",
       "notes": "", "cwes": ["CWE-77"]}""";

  private final KevReader reader = new KevReader();
  @TempDir Path dir;

  private List<KevEntry> read(Path file, FeedInfo[] info) throws FeedException {
    List<KevEntry> out = new ArrayList<>();
    info[0] = reader.read(file, out::add);
    return out;
  }

  private static String catalog(int count, String... entries) {
    return "{\"catalogVersion\": \"2024.04.12\", \"dateReleased\": \"2024-04-12T16:00:00.0000Z\", \"count\": "
        + count + ", \"vulnerabilities\": [" + String.join(",", entries) + "]}";
  }

  private static String entry(String dateAdded, String ransomware) {
    return ENTRY.formatted(dateAdded, ransomware);
  }

  @Test
  void currentCatalogHas1674EntriesWithItsVersionAndReleaseTime() throws Exception {
    FeedInfo[] info = new FeedInfo[1];
    List<KevEntry> entries = read(FeedData.file(CURRENT), info);

    assertThat(info[0]).isEqualTo(new FeedInfo(FeedKind.KEV, "2026.08.21",
        Instant.parse("2026-08-21T17:46:43.601900Z"), 1674));
    assertThat(entries).hasSize(1674);
    assertThat(entries).extracting(KevEntry::cveId).doesNotHaveDuplicates();
    assertThat(entries).filteredOn(KevEntry::knownRansomwareCampaignUse).hasSize(352);
    assertThat(entries).filteredOn(e -> e.cwes().isEmpty()).hasSize(171);
    assertThat(entries).extracting(KevEntry::dateAdded)
        .contains(LocalDate.parse("2021-11-03"), LocalDate.parse("2026-08-21"))
        .allMatch(d -> !d.isBefore(LocalDate.parse("2021-11-03")) && !d.isAfter(LocalDate.parse("2026-08-21")));
  }

  @Test
  void entryFieldsAreTypedAndUnicodeEscapesDecoded() throws Exception {
    KevEntry first = read(FeedData.file(CURRENT), new FeedInfo[1]).get(0);

    assertThat(first.cveId()).isEqualTo("CVE-2026-73570");
    assertThat(first.vendorProject()).isEqualTo("Synacor");
    assertThat(first.product()).isEqualTo("Zimbra Collaboration Suite (ZCS)");
    assertThat(first.dateAdded()).isEqualTo(LocalDate.parse("2026-08-21"));
    assertThat(first.dueDate()).isEqualTo(LocalDate.parse("2026-08-24"));
    assertThat(first.knownRansomwareCampaignUse()).isFalse();
    assertThat(first.requiredAction()).contains("CISA\u2019s BOD 26-04");
    assertThat(first.notes()).startsWith("https://wiki.zimbra.com/wiki/Zimbra_Security_Advisories ; ");
  }

  @Test
  void csvAndJsonOfTheSameDayAgreeEntryByEntry() throws Exception {
    FeedInfo[] jsonInfo = new FeedInfo[1];
    FeedInfo[] csvInfo = new FeedInfo[1];
    List<KevEntry> json = read(FeedData.file(PAIR_JSON), jsonInfo);
    List<KevEntry> csv = read(FeedData.file(PAIR_CSV), csvInfo);

    assertThat(jsonInfo[0]).isEqualTo(new FeedInfo(FeedKind.KEV, "2025.08.25",
        Instant.parse("2025-08-25T17:04:19.979600Z"), 1404));
    assertThat(csvInfo[0]).isEqualTo(new FeedInfo(FeedKind.KEV, null, null, 1404));
    assertThat(csv).hasSize(1404);
    for (int i = 0; i < json.size(); i++) {
      assertThat(csv.get(i)).as("entry %d", i).isEqualTo(json.get(i));
    }
    KevEntry git = csv.get(0);
    assertThat(git.cveId()).isEqualTo("CVE-2025-48384");
    assertThat(git.cwes()).containsExactly("CWE-59", "CWE-436");
    assertThat(git.shortDescription()).contains("Git\u2019s inconsistent handling");
  }

  @Test
  void optionalFieldsMayBeAbsentAsTheSchemaAllows() throws Exception {
    String bare = """
        {"cveID": "CVE-2021-44228", "vendorProject": "Apache", "product": "Log4j2",
         "vulnerabilityName": "Log4Shell", "dateAdded": "2021-12-10", "shortDescription": "d",
         "requiredAction": "a", "dueDate": "2021-12-24"}""";
    List<KevEntry> entries = read(FeedData.write(dir, "kev.json", catalog(1, bare)), new FeedInfo[1]);

    assertThat(entries).singleElement().satisfies(e -> {
      assertThat(e.knownRansomwareCampaignUse()).isFalse();
      assertThat(e.cwes()).isEmpty();
      assertThat(e.notes()).isEmpty();
    });
  }

  @Test
  void truncatedJsonIsRefusedWithFileAndLine() {
    String text = FeedData.text(CURRENT);
    Path cut = FeedData.write(dir, "kev-cut.json", text.substring(0, text.length() / 2));

    assertThatThrownBy(() -> reader.read(cut, e -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageStartingWith(cut.toString())
        .hasMessageContaining("line ")
        .hasMessageContaining("/vulnerabilities/")
        .hasMessageContaining("end-of-input");
  }

  @Test
  void epssFileIsRefusedAsNotAKevCatalog() {
    Path epss = FeedData.file("epss/epss_scores-2026-01-30.csv.gz");

    assertThatThrownBy(() -> reader.read(epss, e -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageStartingWith(epss.toString())
        .hasMessageContaining("expected a KEV catalog")
        .hasMessageContaining("#model_version");
  }

  @Test
  void nvdResponseIsRefusedAtItsFirstRecord() {
    Path nvd = FeedData.file("nvd/nvd-sample.json");

    assertThatThrownBy(() -> reader.read(nvd, e -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("/vulnerabilities/0/cveID")
        .hasMessageContaining("missing cveID");
  }

  @Test
  void countThatIsNotANumberIsRefused() {
    Path file = FeedData.write(dir, "kev.json", catalog(1, entry("2024-04-12", "Known")).replace("\"count\": 1", "\"count\": \"1x\""));

    assertThatThrownBy(() -> reader.read(file, e -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("line 1")
        .hasMessageContaining("expected an integer for 'count', found '1x'");
  }

  @Test
  void countThatDisagreesWithTheEntriesIsRefused() {
    Path file = FeedData.write(dir, "kev.json", catalog(3, entry("2024-04-12", "Known"), entry("2024-04-12", "Unknown")));

    assertThatThrownBy(() -> reader.read(file, e -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("at /count")
        .hasMessageContaining("declares count 3 but holds 2 entries");
  }

  @Test
  void badDateIsRefusedWithItsJsonPointer() {
    Path file = FeedData.write(dir, "kev.json", catalog(2, entry("2024-04-12", "Known"), entry("2024-13-01", "Known")));

    assertThatThrownBy(() -> reader.read(file, e -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("(at /vulnerabilities/1/dateAdded)")
        .hasMessageContaining("expected a date YYYY-MM-DD, found '2024-13-01'");
  }

  @Test
  void ransomwareUseOtherThanKnownOrUnknownIsRefused() {
    Path file = FeedData.write(dir, "kev.json", catalog(1, entry("2024-04-12", "Maybe")));

    assertThatThrownBy(() -> reader.read(file, e -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("/vulnerabilities/0/knownRansomwareCampaignUse")
        .hasMessageContaining("expected Known or Unknown, found 'Maybe'");
  }

  @Test
  void catalogWithoutVersionIsRefused() {
    Path file = FeedData.write(dir, "kev.json", "{\"vulnerabilities\": []}");

    assertThatThrownBy(() -> reader.read(file, e -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("missing catalogVersion, dateReleased, count");
  }

  @Test
  void csvRowWithTooFewFieldsIsRefusedWithItsLine() {
    List<String> lines = FeedData.text(PAIR_CSV).lines().toList();
    String text = String.join("\n", lines.subList(0, 3)) + "\nCVE-2024-0001,Vendor,Product\n";
    Path file = FeedData.write(dir, "kev.csv", text);

    assertThatThrownBy(() -> reader.read(file, e -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("line 4")
        .hasMessageContaining("expected 11 fields as in the header, found 3");
  }

  @Test
  void csvCutInsideAQuotedFieldIsRefused() {
    String text = FeedData.text(PAIR_CSV);
    int quote = text.indexOf("\"Git contains");
    Path file = FeedData.write(dir, "kev.csv", text.substring(0, quote + 10));

    assertThatThrownBy(() -> reader.read(file, e -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("invalid CSV");
  }

  @Test
  void csvWithBadCweIsRefusedWithLineAndColumn() {
    List<String> lines = FeedData.text(PAIR_CSV).lines().toList();
    String text = lines.get(0) + "\n" + lines.get(1).replace("\"CWE-59, CWE-436\"", "\"CWE-59, XSS\"") + "\n";
    Path file = FeedData.write(dir, "kev.csv", text);

    assertThatThrownBy(() -> reader.read(file, e -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("line 2, column cwes")
        .hasMessageContaining("found 'XSS'");
  }
}
