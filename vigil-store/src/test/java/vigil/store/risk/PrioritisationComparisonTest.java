package vigil.store.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.intel.cvss.CvssCalculator;
import vigil.intel.feeds.FeedKind;
import vigil.ingest.ScanFile;
import vigil.store.Database;
import vigil.store.StoreConfig;
import vigil.store.TestFiles;
import vigil.store.imports.FileImporter;
import vigil.store.intel.FeedImporter;

/**
 * Vigil's risk ranking against a CVSS-only ranking of the same exposures: every corpus file
 * imported, the real KEV, EPSS, vulnrichment and NVD feeds applied. The measure is how many
 * exposures whose CVE is in CISA KEV (known exploited) land in the top N of each ranking. The
 * table it prints is docs/prioritisation.md's.
 */
class PrioritisationComparisonTest {

  record Row(long id, double risk, double cvss, boolean kev, String cve, Double epss) {
    /** Not known exploited and under 1 % EPSS: work that is unlikely to matter this month. */
    boolean unlikely() {
      return !kev && epss != null && epss < 0.01;
    }
  }

  @Test
  void riskRankingPutsMoreKnownExploitedExposuresInTheTopThanCvss(@TempDir Path home) throws Exception {
    try (Database db = Database.open(StoreConfig.embedded(home))) {
      FileImporter importer = new FileImporter(db);
      for (JsonNode e : JsonMapper.builder().build().readTree(Files.readString(TestFiles.corpus("manifest.json")))) {
        if (e.has("expect") || e.get("findings").isNull()) {
          continue;
        }
        Path f = TestFiles.corpus(e.get("path").asString());
        importer.importFile(ScanFile.of(f), Files.size(f) < 8 ? e.get("format").asString() : null, "tester");
      }
      FeedImporter feeds = new FeedImporter(db, new Rescorer(db));
      feeds.importFile(FeedKind.KEV, TestFiles.data("kev/known_exploited_vulnerabilities.json"), "tester");
      feeds.importFile(FeedKind.EPSS, TestFiles.data("epss/epss_scores-2026-01-30.csv.gz"), "tester");
      feeds.importFile(FeedKind.VULNRICHMENT, TestFiles.data("vulnrichment/vulnrichment-ssvc-2024-10-24.tsv.gz"), "tester");
      feeds.importFile(FeedKind.NVD, TestFiles.data("nvd/nvd-sample.json"), "tester");

      List<Row> rows = rows(db);
      long kevTotal = rows.stream().filter(Row::kev).count();
      assertThat(kevTotal).isPositive();
      List<Row> byRisk = new ArrayList<>(rows);
      byRisk.sort(Comparator.comparingDouble(Row::risk).reversed().thenComparingLong(Row::id));
      List<Row> byCvss = new ArrayList<>(rows);
      byCvss.sort(Comparator.comparingDouble(Row::cvss).reversed().thenComparingLong(Row::id));

      StringBuilder table = new StringBuilder();
      table.append(String.format(Locale.ROOT, "exposures with a CVE: %d, of which KEV-listed: %d%n%n", rows.size(), kevTotal));
      table.append("| top N | KEV exposures, CVSS-only | KEV exposures, Vigil | EPSS < 1 % and not KEV, CVSS-only |"
          + " EPSS < 1 % and not KEV, Vigil |\n|---:|---:|---:|---:|---:|\n");
      boolean strictlyBetterSomewhere = false;
      for (int n : new int[] {10, 25, 50, 100, 250}) {
        long cvssHits = byCvss.stream().limit(n).filter(Row::kev).count();
        long riskHits = byRisk.stream().limit(n).filter(Row::kev).count();
        long cvssNoise = byCvss.stream().limit(n).filter(Row::unlikely).count();
        long riskNoise = byRisk.stream().limit(n).filter(Row::unlikely).count();
        table.append(String.format(Locale.ROOT, "| %d | %d | %d | %d | %d |%n", n, cvssHits, riskHits, cvssNoise, riskNoise));
        assertThat(riskNoise).as("unlikely in top %d", n).isLessThanOrEqualTo(cvssNoise);
        assertThat(riskHits).as("top %d", n).isGreaterThanOrEqualTo(cvssHits);
        strictlyBetterSomewhere |= riskHits > cvssHits;
      }
      table.append(String.format(Locale.ROOT, "%nrank depth needed to include every KEV exposure: CVSS-only %d, Vigil %d%n",
          depth(byCvss), depth(byRisk)));
      System.out.println(table);
      Files.writeString(Path.of("target", "prioritisation-comparison.md"), table.toString());
      assertThat(strictlyBetterSomewhere).isTrue();
      assertThat(depth(byRisk)).isLessThan(depth(byCvss));
    }
  }

  private static int depth(List<Row> ranking) {
    int last = 0;
    for (int i = 0; i < ranking.size(); i++) {
      if (ranking.get(i).kev()) {
        last = i + 1;
      }
    }
    return last;
  }

  private static List<Row> rows(Database db) throws Exception {
    List<Row> out = new ArrayList<>();
    Set<Long> seen = new HashSet<>();
    String sql = "SELECT e.id, e.risk_score, e.cvss_v4, e.cvss_v3, e.cvss_v2, e.severity, wc.cve,"
        + " (SELECT COUNT(*) FROM intel_kev k JOIN weakness_cve w2 ON w2.cve = k.cve WHERE w2.weakness_id = e.weakness_id),"
        + " n.cvss_v3, n.cvss_v2, e.epss"
        + " FROM exposure e JOIN weakness_cve wc ON wc.weakness_id = e.weakness_id"
        + " LEFT JOIN intel_cve n ON n.cve = wc.cve ORDER BY e.id";
    try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        if (!seen.add(rs.getLong(1))) {
          continue;
        }
        double cvss = cvss(rs.getString(3), rs.getString(4), rs.getString(5), rs.getString(9), rs.getString(10),
            rs.getInt(6));
        out.add(new Row(rs.getLong(1), rs.getDouble(2), cvss, rs.getLong(8) > 0, rs.getString(7),
            rs.getObject(11, Double.class)));
      }
    }
    return out;
  }

  /** What a CVSS-only tool would sort on: the vector's score, else the severity's band midpoint. */
  private static double cvss(String v4, String v3, String v2, String nvd3, String nvd2, int severity) {
    for (String v : new String[] {v4, v3, v2, nvd3, nvd2}) {
      if (v != null) {
        try {
          return CvssCalculator.score(v).score();
        } catch (IllegalArgumentException ignored) {
          // next
        }
      }
    }
    return new double[] {9.5, 8.0, 5.5, 2.0, 0.0}[severity];
  }
}
