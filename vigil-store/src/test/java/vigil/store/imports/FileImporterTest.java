package vigil.store.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.store.Database;
import vigil.store.TestDatabases;
import static vigil.store.TestFiles.corpus;

/** Real corpus files through the whole pipeline, on H2 and PostgreSQL. */
class FileImporterTest {

  static List<String> engines() {
    return TestDatabases.engines();
  }

  @ParameterizedTest
  @MethodSource("engines")
  void nessusImportDedupsItemsIntoExposuresPerHost(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      ImportResult r = new FileImporter(db).importFile(ScanFile.of(corpus("nessus/nessus_v_unknown.xml")), null, "tester");
      assertThat(r.format()).isEqualTo("nessus");
      assertThat(r.observations()).isEqualTo(296);
      assertThat(r.assetsNew()).isEqualTo(7);
      assertThat(r.exposuresNew()).isEqualTo(TestDatabases.scalar(db, "SELECT COUNT(*) FROM exposure"));
      assertThat(r.exposuresNew()).isLessThanOrEqualTo(296).isGreaterThan(32);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void reimportOfIdenticalFileChangesNothing(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      ScanFile f = ScanFile.of(corpus("nessus/nessus_with_cvssv3.nessus"));
      ImportResult first = new FileImporter(db).importFile(f, null, "tester");
      Map<String, Long> before = TestDatabases.rowCounts(db);
      ImportResult again = new FileImporter(db).importFile(f, null, "tester");
      assertThat(again.duplicate()).isTrue();
      assertThat(again.duplicateOf()).isEqualTo(first.importId());
      assertThat(again.exposuresNew()).isZero();
      assertThat(again.exposuresUnchanged()).isEqualTo(first.exposuresNew());
      assertThat(TestDatabases.rowCounts(db)).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void sameScanWithNewBytesIsAllUnchanged(String engine, @org.junit.jupiter.api.io.TempDir Path tmp) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      Path original = corpus("nessus/nessus_v_unknown.xml");
      Path copy = tmp.resolve("rescan.nessus");
      Files.writeString(copy, Files.readString(original) + "\n<!-- rescan -->\n");
      ImportResult first = new FileImporter(db).importFile(ScanFile.of(original), null, "tester");
      ImportResult second = new FileImporter(db).importFile(ScanFile.of(copy), null, "tester");
      assertThat(second.duplicate()).isFalse();
      assertThat(second.exposuresNew()).isZero();
      assertThat(second.exposuresFixed()).isZero();
      assertThat(second.exposuresUnchanged()).isEqualTo(first.exposuresNew());
      assertThat(second.assetsMatched()).isEqualTo(7);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void refusedFilesStoreNothing(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      new FileImporter(db).importFile(ScanFile.of(corpus("nessus/nessus_many_vuln.xml")), null, "tester");
      Map<String, Long> before = TestDatabases.rowCounts(db);
      for (String hostile : List.of("hostile/truncated_mid_reportitem.nessus", "hostile/xxe_file_passwd.nessus",
          "hostile/billion_laughs.nessus", "hostile/not_json.json", "hostile/deep_nesting.json")) {
        assertThatThrownBy(() -> new FileImporter(db).importFile(ScanFile.of(corpus(hostile)), null, "tester"))
            .as(hostile).isInstanceOf(ParseException.class).hasMessageContaining(Paths.get(hostile).getFileName().toString());
      }
      assertThatThrownBy(() -> new FileImporter(db)
          .importFile(ScanFile.of(corpus("hostile/wrong_format_nmap_xml.nessus")), "nessus", "tester"))
          .isInstanceOf(ParseException.class).hasMessageContaining("NessusClientData_v2");
      assertThat(TestDatabases.rowCounts(db)).isEqualTo(before);
    }
  }
}
