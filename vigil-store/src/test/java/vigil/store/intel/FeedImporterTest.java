package vigil.store.intel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.intel.feeds.FeedException;
import vigil.intel.feeds.FeedKind;
import vigil.ingest.ScanFile;
import vigil.store.Database;
import vigil.store.TestDatabases;
import vigil.store.TestFiles;
import vigil.store.imports.FileImporter;
import vigil.store.query.ExposureFilter;
import vigil.store.query.ExposureQueries;
import vigil.store.query.ExposureView;
import vigil.store.risk.Rescorer;
import vigil.store.security.Visibility;

/** Feeds from the real files in ../shared/data, on H2 and PostgreSQL. */
class FeedImporterTest {

  static List<String> engines() {
    return TestDatabases.engines();
  }

  static Path data(String relative) {
    return TestFiles.data(relative);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void kevAndEpssRankTheExploitedCveFirstAndExplainWhy(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      new FileImporter(db).importFile(ScanFile.of(TestFiles.corpus("cyclonedx/log4j.json")), null, "tester");
      FeedImporter feeds = new FeedImporter(db, new Rescorer(db));
      FeedImportResult kev = feeds.importFile(FeedKind.KEV, data("kev/known_exploited_vulnerabilities.json"), "tester");
      assertThat(kev.records()).isEqualTo(1674);
      assertThat(kev.version()).isEqualTo("2026.08.21");
      assertThat(kev.changedCves()).isPositive();
      assertThat(kev.rescored()).isPositive();
      FeedImportResult epss = feeds.importFile(FeedKind.EPSS, data("epss/epss_scores-2026-01-30.csv.gz"), "tester");
      assertThat(epss.records()).isEqualTo(313_089);

      ExposureQueries q = new ExposureQueries(db);
      var page = q.explained(q.list(Visibility.everything(), ExposureFilter.fromLabels(null, null, null, null, null, null, "risk", 10, 0)),
          new Rescorer(db));
      ExposureView top = page.items().get(0);
      assertThat(top.cves()).contains("CVE-2021-44228");
      assertThat(top.priority()).isEqualTo("P1");
      assertThat(top.explanation().factors()).extracting(f -> f.name()).contains("CISA KEV", "EPSS", "CVSS");
      // Log4Shell's EPSS (0.94) maps to a likelihood above KEV's 0.95 floor: EPSS is the decisive signal.
      assertThat(top.explanation().factors()).filteredOn(f -> f.decisive()).extracting(f -> f.name())
          .contains("EPSS").doesNotContain("CISA KEV");
      assertThat(top.explanation().factors()).anySatisfy(f -> assertThat(f.source()).contains("2026-01-30"));
      assertThat(top.risk()).isEqualTo(top.explanation().score());
      for (int i = 1; i < page.items().size(); i++) {
        assertThat(page.items().get(i).risk()).isLessThanOrEqualTo(page.items().get(i - 1).risk());
      }
      assertThat(top.epss()).isNotNull();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void sameFileAgainChangesNothingAndAnUpdateRescoresOnlyWhatChanged(String engine, @TempDir Path tmp) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      new FileImporter(db).importFile(ScanFile.of(TestFiles.corpus("cyclonedx/log4j.json")), null, "tester");
      FeedImporter feeds = new FeedImporter(db, new Rescorer(db));
      Path kev = data("kev/known_exploited_vulnerabilities.json");
      feeds.importFile(FeedKind.KEV, kev, "tester");
      FeedImportResult again = feeds.importFile(FeedKind.KEV, kev, "tester");
      assertThat(again.unchanged()).isTrue();
      assertThat(again.rescored()).isZero();

      // The same catalog without Log4Shell: one known CVE changed, only its exposures re-scored.
      String json = Files.readString(kev);
      int at = json.indexOf("\"cveID\": \"CVE-2021-44228\"");
      int start = json.lastIndexOf('{', at);
      int end = json.indexOf('}', at) + 1;
      String edited = json.substring(0, start) + json.substring(end).replaceFirst("^\\s*,", "");
      edited = edited.replace("\"count\": 1674", "\"count\": 1673");
      Path smaller = tmp.resolve("kev.json");
      Files.writeString(smaller, edited);
      FeedImportResult update = feeds.importFile(FeedKind.KEV, smaller, "tester");
      assertThat(update.records()).isEqualTo(1673);
      assertThat(update.changedCves()).isEqualTo(1);
      long log4shellExposures = TestDatabases.scalar(db, "SELECT COUNT(*) FROM exposure e JOIN weakness_cve wc"
          + " ON wc.weakness_id = e.weakness_id WHERE wc.cve = 'CVE-2021-44228'");
      assertThat(update.rescored()).isEqualTo(log4shellExposures);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void malformedFeedChangesNothing(String engine, @TempDir Path tmp) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      FeedImporter feeds = new FeedImporter(db, new Rescorer(db));
      feeds.importFile(FeedKind.KEV, data("kev/known_exploited_vulnerabilities-2025.08.25.json"), "tester");
      Map<String, Long> before = Map.of("kev", TestDatabases.scalar(db, "SELECT COUNT(*) FROM intel_kev"),
          "status", TestDatabases.scalar(db, "SELECT COUNT(*) FROM feed_status"));
      String json = Files.readString(data("kev/known_exploited_vulnerabilities.json"));
      Path truncated = tmp.resolve("kev-truncated.json");
      Files.writeString(truncated, json.substring(0, json.length() / 2));
      assertThatThrownBy(() -> feeds.importFile(FeedKind.KEV, truncated, "tester"))
          .isInstanceOf(FeedException.class).hasMessageContaining("kev-truncated.json");
      assertThatThrownBy(() -> feeds.importFile(FeedKind.KEV, data("epss/epss_scores-2026-01-30.csv.gz"), "tester"))
          .isInstanceOf(FeedException.class);
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM intel_kev")).isEqualTo(before.get("kev")).isEqualTo(1404);
      assertThat(feeds.status()).singleElement().satisfies(s -> assertThat(s.version()).isEqualTo("2025.08.25"));
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void vulnrichmentAndNvdFeedTheScore(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      FeedImporter feeds = new FeedImporter(db, new Rescorer(db));
      assertThat(feeds.importFile(FeedKind.VULNRICHMENT, data("vulnrichment/vulnrichment-ssvc-2024-10-24.tsv.gz"), "tester").records())
          .isEqualTo(44_026);
      assertThat(feeds.importFile(FeedKind.NVD, data("nvd/nvd-sample.json"), "tester").records()).isEqualTo(6);
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM intel_ssvc")).isEqualTo(44_026);
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM intel_cve WHERE cvss_v4 IS NOT NULL")).isEqualTo(1);
      assertThat(feeds.importFile(FeedKind.ATTACK, data("attack/enterprise-attack.json.gz"), "tester").records()).isPositive();
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM intel_attack_technique WHERE active")).isEqualTo(691);
      feeds.importFile(FeedKind.CAPEC, data("cwe-capec/capec-cwe-attack-mapping.tsv"), "tester");
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(DISTINCT technique_id) FROM intel_cwe_capec_technique"
          + " WHERE cwe = 'CWE-276'")).isEqualTo(2);
      assertThat(feeds.status()).extracting(FeedStatus::kind)
          .containsExactlyInAnyOrder("vulnrichment", "nvd", "attack", "capec");
    }
  }
}
