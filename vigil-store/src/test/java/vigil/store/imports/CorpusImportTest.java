package vigil.store.imports;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.ingest.Formats;
import vigil.ingest.ParseSummary;
import vigil.ingest.ScanFile;
import vigil.ingest.ScanParser;
import vigil.store.Database;
import vigil.store.TestDatabases;
import vigil.store.TestFiles;

/**
 * Every real file of the corpus through the whole pipeline, one database per engine: each imports
 * with as many observations as its parse reports, re-importing it changes nothing, and the hostile
 * files leave the store exactly as it was.
 */
class CorpusImportTest {

  static List<String> engines() {
    return TestDatabases.engines();
  }

  private static List<JsonNode> manifest() throws Exception {
    List<JsonNode> out = new ArrayList<>();
    JsonMapper.builder().build().readTree(Files.readString(TestFiles.corpus("manifest.json"))).forEach(out::add);
    return out;
  }

  @ParameterizedTest
  @MethodSource("engines")
  void everyCorpusFileImportsAndReimportsIdempotently(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      FileImporter importer = new FileImporter(db);
      long total = 0;
      for (JsonNode e : manifest()) {
        if (e.has("expect") || e.get("findings").isNull()) {
          continue;
        }
        String path = e.get("path").asString();
        Path file = TestFiles.corpus(path);
        String format = e.get("format").asString();
        // Zero-byte and `null` files carry no format to detect; the format is named for them.
        String forced = Files.size(file) < 8 ? format : null;
        ScanParser parser = Formats.choose(ScanFile.of(file), forced);
        assertThat(parser.format()).as(path).isEqualTo(format);
        ParseSummary summary = new ParseSummary();
        parser.parse(ScanFile.of(file), summary);
        ImportResult r = importer.importFile(ScanFile.of(file), forced, "tester");
        assertThat(r.observations()).as(path).isEqualTo(summary.observations());
        assertThat(r.exposuresNew() + r.exposuresUnchanged() + r.exposuresReopened()).as(path)
            .isLessThanOrEqualTo((int) summary.observations());
        total += r.observations();
        Map<String, Long> before = TestDatabases.rowCounts(db);
        assertThat(importer.importFile(ScanFile.of(file), forced, "tester").duplicate()).as(path).isTrue();
        assertThat(TestDatabases.rowCounts(db)).as(path).isEqualTo(before);
      }
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM observation")).isEqualTo(total);
      // Observations and evidence carry no foreign keys (V10, ADR 011): the importer, their only
      // writer, keeps what the keys used to check.
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM observation o WHERE NOT EXISTS (SELECT 1 FROM exposure e"
          + " WHERE e.id = o.exposure_id) OR NOT EXISTS (SELECT 1 FROM import_run i WHERE i.id = o.import_id)")).isZero();
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM observation_evidence v WHERE NOT EXISTS"
          + " (SELECT 1 FROM observation o WHERE o.id = v.observation_id)")).isZero();
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM observation_evidence")).isPositive();
      // Some corpus files are successive scans of one host by one tool (e.g. two Nessus scans of
      // testphp.vulnweb.com): the later one closes what it no longer sees. Nothing else may close.
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM exposure e WHERE e.status <> 'OPEN' AND"
          + " (SELECT COUNT(*) FROM coverage c WHERE c.asset_id = e.asset_id AND e.tools LIKE '%,' || c.tool || ',%') < 2"))
          .isZero();
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM exposure WHERE status NOT IN ('OPEN', 'FIXED', 'REOPENED')")).isZero();
    }
  }
}
