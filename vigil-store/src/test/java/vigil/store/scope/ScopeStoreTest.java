package vigil.store.scope;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.engine.scope.ScopeFileException;
import vigil.engine.scope.ScopeYaml;
import vigil.ingest.ScanFile;
import vigil.store.Database;
import vigil.store.TestDatabases;
import vigil.store.TestFiles;
import vigil.store.imports.FileImporter;
import vigil.store.risk.Rescorer;

/** Applying the example scope to the demo data, on H2 and PostgreSQL. */
class ScopeStoreTest {

  static List<String> engines() {
    return TestDatabases.engines();
  }

  static String exampleScope() throws Exception {
    Path p = Paths.get("../examples/scope.yaml");
    return Files.readString(p);
  }

  private static void importDemo(Database db) throws Exception {
    FileImporter importer = new FileImporter(db);
    importer.importFile(ScanFile.of(TestFiles.corpus("nessus/nessus_v_unknown.xml")), null, "tester");
    importer.importFile(ScanFile.of(TestFiles.corpus("nessus/nessus_with_cvssv3.nessus")), null, "tester");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void applyingTheScopeEvaluatesEveryAssetAndRescoresWhatChanged(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      importDemo(db);
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM asset_scope WHERE status = 'SHADOW_IT'")).isEqualTo(8);

      ScopeStore scope = new ScopeStore(db, new Rescorer(db));
      ScopeApplyResult r = scope.apply(exampleScope(), "examples/scope.yaml", "tester", false, false);
      assertThat(r.changes()).isNotEmpty();
      assertThat(r.assetsEvaluated()).isEqualTo(8);
      assertThat(r.shadowIt()).isZero();
      assertThat(r.exposuresRescored()).isPositive();
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(DISTINCT s.asset_id) FROM asset_scope s JOIN asset_key k ON k.asset_id = s.asset_id"
          + " WHERE k.key_value = 'qa3app01' AND s.crown_jewel")).isEqualTo(1);
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(DISTINCT v.asset_id) FROM asset_service v JOIN asset_key k ON k.asset_id = v.asset_id"
          + " WHERE k.key_value = 'testphp.vulnweb.com' AND v.service = 'demo-shop'")).isEqualTo(1);
      // The crown jewel's exposures now carry its business context in their scores.
      long exposure = TestDatabases.scalar(db, "SELECT MIN(e.id) FROM exposure e JOIN asset_key k"
          + " ON k.asset_id = e.asset_id WHERE k.key_value = 'qa3app01'");
      assertThat(new Rescorer(db).explain(List.of(exposure)).get(exposure).factors())
          .extracting(f -> f.name()).contains("crown jewel", "asset criticality");

      ScopeApplyResult again = scope.apply(exampleScope(), "examples/scope.yaml", "tester", false, false);
      assertThat(again.changes()).isEmpty();
      assertThat(again.version()).isEqualTo(r.version());
      assertThat(ScopeYaml.parse(scope.export(), "export")).isEqualTo(ScopeYaml.parse(exampleScope(), "example"));
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void badFilesAndAccidentalEmptyingChangeNothing(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      ScopeStore scope = new ScopeStore(db, new Rescorer(db));
      scope.apply(exampleScope(), "examples/scope.yaml", "tester", false, false);
      long versions = TestDatabases.scalar(db, "SELECT COUNT(*) FROM scope_version");
      String broken = exampleScope().replace("criticality: 5", "criticality: 9");
      assertThatThrownBy(() -> scope.apply(broken, "broken.yaml", "tester", false, false))
          .isInstanceOf(ScopeFileException.class).hasMessageContaining("broken.yaml:").hasMessageContaining("criticality");
      assertThatThrownBy(() -> scope.apply("version: 1\n", "empty.yaml", "tester", false, false))
          .hasMessageContaining("--allow-empty");
      ScopeApplyResult dry = scope.apply("version: 1\n", "empty.yaml", "tester", true, true);
      assertThat(dry.dryRun()).isTrue();
      assertThat(dry.changes()).isNotEmpty();
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM scope_version")).isEqualTo(versions);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void importsEvaluateNewAssetsAgainstTheAppliedScope(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      new ScopeStore(db, new Rescorer(db)).apply(exampleScope(), "examples/scope.yaml", "tester", false, false);
      importDemo(db);
      new FileImporter(db).importFile(ScanFile.of(TestFiles.corpus("nmap/issue12411.xml")), null, "tester");
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM asset_scope WHERE status = 'IN_SCOPE'")).isEqualTo(8);
      // google.com and amazon.com are nobody's declared assets: shadow IT, with the reason.
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM asset_scope WHERE status = 'SHADOW_IT'"
          + " AND explanation LIKE '%no rule matches%'")).isEqualTo(2);
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM asset_scope WHERE internet_facing")).isGreaterThanOrEqualTo(3);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void cmdbRowsCorrelateWithScannedAssetsAndDeclareTheirContext(String engine, @org.junit.jupiter.api.io.TempDir Path tmp)
      throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      new ScopeStore(db, new Rescorer(db)).apply(exampleScope(), "examples/scope.yaml", "tester", false, false);
      importDemo(db);
      Path csv = tmp.resolve("cmdb_ci_server.csv");
      Files.writeString(csv, String.join("\n",
          "sys_id,name,ip_address,mac_address,support_group,used_for,business_criticality,u_business_service",
          "c1,qa3app01,10.31.112.21,00:50:56:81:01:b8,QA Platform,qa,1 - most critical,qa-applications",
          "c2,payroll01,192.168.50.5,,HR Systems,Production,2 - somewhat critical,board-portal",
          "c3,lab-printer,10.99.0.7,,,,,qa-applications"));
      var r = new FileImporter(db).importFile(ScanFile.of(csv), "cmdb", "tester");
      assertThat(r.assetsNew()).isEqualTo(2);
      assertThat(r.assetsMatched()).isEqualTo(1);
      String qa = "(SELECT DISTINCT asset_id FROM asset_key WHERE key_value = 'qa3app01')";
      assertThat(TestDatabases.scalar(db, "SELECT criticality FROM asset_scope WHERE asset_id = " + qa)).isEqualTo(5);
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM asset_scope WHERE owner = 'QA Platform' AND asset_id = " + qa))
          .isEqualTo(1);
      // No rule covers 192.168.50.5: shadow IT by the rules, in scope because the CMDB says whose it is.
      String payroll = "(SELECT DISTINCT asset_id FROM asset_key WHERE key_value = '192.168.50.5')";
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM asset_scope WHERE status = 'IN_SCOPE' AND crown_jewel"
          + " AND explanation LIKE '%CMDB declares business service ''board-portal''%' AND asset_id = " + payroll)).isEqualTo(1);
      assertThat(TestDatabases.scalar(db, "SELECT criticality FROM asset_scope WHERE asset_id = " + payroll)).isEqualTo(5);
      // The guest Wi-Fi exclude wins over the CMDB's claim.
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM asset_scope WHERE status = 'OUT_OF_SCOPE' AND asset_id ="
          + " (SELECT DISTINCT asset_id FROM asset_key WHERE key_value = '10.99.0.7')")).isEqualTo(1);
    }
  }
}
