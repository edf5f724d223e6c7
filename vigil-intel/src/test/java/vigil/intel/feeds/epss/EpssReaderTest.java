package vigil.intel.feeds.epss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.intel.feeds.FeedData;
import vigil.intel.feeds.FeedException;
import vigil.intel.feeds.FeedInfo;
import vigil.intel.feeds.FeedKind;

class EpssReaderTest {
  private static final String FILE = "epss/epss_scores-2026-01-30.csv.gz";
  private static final String HEAD = "#model_version:v2025.03.14,score_date:2026-01-30T12:55:00Z\ncve,epss,percentile\n";

  private final EpssReader reader = new EpssReader();
  @TempDir Path dir;

  /** Counts, ids and samples as the rows stream past; the scores themselves are not kept. */
  private static final class Tally {
    long rows;
    long scientific;
    final Set<String> ids = new HashSet<>();
    final Map<String, EpssScore> samples = new HashMap<>();

    void add(EpssScore s) {
      rows++;
      if (s.epss() > 0 && s.epss() < 0.0001) {
        scientific++;
      }
      ids.add(s.cve());
      if (List.of("CVE-1999-0001", "CVE-2021-44228", "CVE-2026-25211").contains(s.cve())) {
        samples.put(s.cve(), s);
      }
    }
  }

  @Test
  void fullDailyFileStreams313089ScoresWithModelVersionAndScoreDate() throws Exception {
    Tally tally = new Tally();
    FeedInfo info = reader.read(FeedData.file(FILE), tally::add);

    assertThat(info).isEqualTo(new FeedInfo(FeedKind.EPSS, "v2025.03.14", Instant.parse("2026-01-30T12:55:00Z"), 313_089));
    assertThat(tally.rows).isEqualTo(313_089);
    assertThat(tally.ids).hasSize(313_089);
    assertThat(tally.samples.get("CVE-1999-0001")).isEqualTo(new EpssScore("CVE-1999-0001", 0.01151, 0.78086));
    assertThat(tally.samples.get("CVE-2026-25211")).isEqualTo(new EpssScore("CVE-2026-25211", 4e-05, 0.00142));
    assertThat(tally.samples.get("CVE-2021-44228").epss()).isGreaterThan(0.9);
    // The README counts 2,455 rows written in scientific notation (all below 1e-4).
    assertThat(tally.scientific).isGreaterThanOrEqualTo(2_455);
  }

  @Test
  void uncompressedFileIsReadLikeTheGzippedOne() throws Exception {
    Path plain = FeedData.write(dir, "epss.csv", HEAD + "CVE-2024-3400,0.94387,0.99953\nCVE-2024-3401,5e-05,0.00391\n");
    Path gzipped = FeedData.write(dir, "epss.csv.gz", FeedData.gzip(HEAD.getBytes()));
    List<EpssScore> scores = new ArrayList<>();

    FeedInfo info = reader.read(plain, scores::add);

    assertThat(info.recordCount()).isEqualTo(2);
    assertThat(info.version()).isEqualTo("v2025.03.14");
    assertThat(scores).containsExactly(new EpssScore("CVE-2024-3400", 0.94387, 0.99953),
        new EpssScore("CVE-2024-3401", 0.00005, 0.00391));
    assertThat(reader.read(gzipped, s -> { }).recordCount()).isZero();
  }

  @Test
  void fileWithoutTheCommentLineHasNoVersionOrDate() throws Exception {
    Path file = FeedData.write(dir, "old-epss.csv", "cve,epss,percentile\nCVE-2021-44228,0.97,1.0\n");

    assertThat(reader.read(file, s -> { })).isEqualTo(new FeedInfo(FeedKind.EPSS, null, null, 1));
  }

  @Test
  void badNumberIsRefusedWithLineAndColumn() {
    Path file = FeedData.write(dir, "epss.csv", HEAD + "CVE-2024-3400,0.94387,0.99953\nCVE-2024-3401,0.0x5,0.5\n");

    assertThatThrownBy(() -> reader.read(file, s -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("line 4, column epss")
        .hasMessageContaining("expected a number, found '0.0x5'");
  }

  @Test
  void probabilityAboveOneIsRefused() {
    Path file = FeedData.write(dir, "epss.csv", HEAD + "CVE-2024-3400,1.5,0.99953\n");

    assertThatThrownBy(() -> reader.read(file, s -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("line 3, column epss")
        .hasMessageContaining("expected a number in [0.0, 1.0], found 1.5");
  }

  @Test
  void rowWithoutCveIdIsRefused() {
    Path file = FeedData.write(dir, "epss.csv", HEAD + "GHSA-xxxx,0.1,0.2\n");

    assertThatThrownBy(() -> reader.read(file, s -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("line 3, column cve")
        .hasMessageContaining("expected a CVE id");
  }

  @Test
  void truncatedGzipIsRefusedAsSuch() {
    Path file = FeedData.write(dir, "epss.csv.gz", FeedData.head(FILE, 1_000_000));

    assertThatThrownBy(() -> reader.read(file, s -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageStartingWith(file.toString())
        .hasMessageContaining("line ")
        .hasMessageContaining("truncated or corrupt gzip");
  }

  @Test
  void kevCatalogIsRefusedAsNotAnEpssFile() {
    Path kev = FeedData.file("kev/known_exploited_vulnerabilities.json");

    assertThatThrownBy(() -> reader.read(kev, s -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageStartingWith(kev + ": line 1: expected an EPSS scores file");
  }

  @Test
  void wrongHeaderIsRefused() {
    Path file = FeedData.write(dir, "epss.csv", "#model_version:v1,score_date:2022-01-01T00:00:00Z\ncve,score\n");

    assertThatThrownBy(() -> reader.read(file, s -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("line 2")
        .hasMessageContaining("header row naming cve, epss, percentile, found 'cve,score'");
  }
}
