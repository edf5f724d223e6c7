package vigil.store.imports;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.AssetRef;
import vigil.model.Cvss;
import vigil.model.Location;
import vigil.model.Observation;
import vigil.model.Severity;
import vigil.model.Weakness;
import vigil.model.WeaknessKind;
import vigil.store.Database;
import vigil.store.TestDatabases;

/** Correlation and lifecycle of imports, on H2 and PostgreSQL, with synthetic scans. */
class ImporterTest {
  private static final AtomicInteger FILES = new AtomicInteger();

  static List<String> engines() {
    return TestDatabases.engines();
  }

  private static AssetRef host(String ip, String fqdn) {
    AssetRef.Builder b = AssetRef.builder(AssetKind.HOST).host(ip).host(fqdn);
    return b.build();
  }

  private static Observation finding(AssetRef asset, String cve, int port) {
    Weakness w = new Weakness(WeaknessKind.VULNERABILITY, "scanner:" + cve, "Issue " + cve, List.of(cve), List.of());
    return new Observation(asset, w, Location.port(port, "tcp", null), Severity.HIGH, "High", Cvss.NONE,
        "description of " + cve, "patch", "evidence " + cve, null);
  }

  /** One synthetic scan: what it covered and what it found, by one tool. */
  private static ImportResult scan(Database db, String tool, List<AssetRef> covered, List<Observation> found)
      throws Exception {
    String name = "scan-" + FILES.incrementAndGet();
    ImportRequest r = new ImportRequest(name, "test", tool, name.repeat(1) + "-sha", "tester", Instant.now());
    return new Importer(db).run(r, sink -> {
      covered.forEach(sink::covered);
      found.forEach(sink::observation);
    });
  }

  @ParameterizedTest
  @MethodSource("engines")
  void sameFindingInTwoScansIsOneExposureWithTwoObservations(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      AssetRef a = host("10.0.0.1", "web01.corp.example");
      ImportResult first = scan(db, "Nessus", List.of(a), List.of(finding(a, "CVE-2021-44228", 443)));
      ImportResult second = scan(db, "Nessus", List.of(a), List.of(finding(a, "CVE-2021-44228", 443)));
      assertThat(first.exposuresNew()).isEqualTo(1);
      assertThat(first.assetsNew()).isEqualTo(1);
      assertThat(second.exposuresNew()).isZero();
      assertThat(second.exposuresUnchanged()).isEqualTo(1);
      assertThat(second.assetsMatched()).isEqualTo(1);
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM exposure")).isEqualTo(1);
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM observation")).isEqualTo(2);
      // The re-scan repeats the same evidence: stored with the first sighting only.
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM observation_evidence")).isEqualTo(1);
      // last_seen moved to the second sighting although nothing else changed.
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM exposure WHERE last_seen > first_seen")).isEqualTo(1);
      // Scored as it was written, without a second pass.
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM exposure WHERE risk_score > 0 AND priority = 3")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void sameCveFromTwoToolsIsOneExposure(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      AssetRef byIp = host("10.0.0.1", "web01.corp.example");
      AssetRef byName = host(null, "WEB01.corp.example.");
      scan(db, "Nessus", List.of(byIp), List.of(finding(byIp, "CVE-2021-44228", 443)));
      ImportResult other = scan(db, "Qualys", List.of(byName), List.of(finding(byName, "CVE-2021-44228", 443)));
      assertThat(other.assetsNew()).isZero();
      assertThat(other.exposuresNew()).isZero();
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM asset")).isEqualTo(1);
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM exposure WHERE tools = ',Nessus,Qualys,'")).isEqualTo(1);
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM asset_merge WHERE reason LIKE 'same fqdn:web01.corp.example%'"))
          .isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void sameIpWithAnotherNameIsAnotherAsset(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      AssetRef first = host("10.0.0.7", "laptop-alice.corp.example");
      AssetRef second = host("10.0.0.7", "laptop-bob.corp.example");
      scan(db, "Nessus", List.of(first), List.of());
      ImportResult r = scan(db, "Nessus", List.of(second), List.of());
      assertThat(r.assetsNew()).isEqualTo(1);
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM asset")).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void differentCloudIdsNeverMergeEvenWithTheSameName(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      AssetRef one = AssetRef.builder(AssetKind.HOST).host("app.corp.example").key(AssetKey.Type.CLOUD_ID, "i-1").build();
      AssetRef two = AssetRef.builder(AssetKind.HOST).host("app.corp.example").key(AssetKey.Type.CLOUD_ID, "i-2").build();
      scan(db, "Nessus", List.of(one), List.of());
      assertThat(scan(db, "Nessus", List.of(two), List.of()).assetsNew()).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void coveredButUnseenIsFixedAndUncoveredIsLeftAlone(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      AssetRef a = host("10.0.0.1", null);
      AssetRef b = host("10.0.0.2", null);
      scan(db, "Nessus", List.of(a, b), List.of(finding(a, "CVE-2020-0001", 22), finding(a, "CVE-2020-0002", 80),
          finding(b, "CVE-2020-0003", 22)));
      // Second scan covers only host a, and no longer sees CVE-2020-0002.
      ImportResult second = scan(db, "Nessus", List.of(a), List.of(finding(a, "CVE-2020-0001", 22)));
      assertThat(second.exposuresFixed()).isEqualTo(1);
      assertThat(second.exposuresUnchanged()).isEqualTo(1);
      assertThat(statusOf(db, "CVE-2020-0002")).isEqualTo("FIXED");
      assertThat(statusOf(db, "CVE-2020-0003")).isEqualTo("OPEN");
      // Seen again: reopened, with the transition recorded.
      ImportResult third = scan(db, "Nessus", List.of(a), List.of(finding(a, "CVE-2020-0001", 22),
          finding(a, "CVE-2020-0002", 80)));
      assertThat(third.exposuresReopened()).isEqualTo(1);
      assertThat(statusOf(db, "CVE-2020-0002")).isEqualTo("REOPENED");
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM exposure_event")).isEqualTo(2);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void anotherToolsScanDoesNotCloseWhatItNeverReported(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      AssetRef a = host("10.0.0.1", null);
      scan(db, "Nessus", List.of(a), List.of(finding(a, "CVE-2020-0001", 22)));
      ImportResult nmap = scan(db, "Nmap", List.of(a), List.of());
      assertThat(nmap.exposuresFixed()).isZero();
      assertThat(statusOf(db, "CVE-2020-0001")).isEqualTo("OPEN");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void failingSourceLeavesTheStoreUntouched(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      AssetRef a = host("10.0.0.1", null);
      scan(db, "Nessus", List.of(a), List.of(finding(a, "CVE-2020-0001", 22)));
      Map<String, Long> before = TestDatabases.rowCounts(db);
      ImportRequest r = new ImportRequest("broken", "test", "Nessus", "broken-sha", "tester", Instant.now());
      List<Observation> many = new ArrayList<>();
      for (int i = 0; i < ImportSession.BATCH + 10; i++) {
        many.add(finding(host("10.1." + (i / 250) + "." + (i % 250), null), "CVE-2019-" + (1000 + i), 80));
      }
      // More than one batch is written before the failure, so the rollback is what keeps the store clean.
      assertThatThrownBy(() -> new Importer(db).run(r, sink -> {
        many.forEach(sink::observation);
        throw new IllegalStateException("parse error at the end");
      })).hasMessageContaining("parse error at the end");
      assertThat(TestDatabases.rowCounts(db)).isEqualTo(before);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aChangedSightingKeepsTheAttackPathPositionInItsScore(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      AssetRef a = host("10.0.0.1", null);
      scan(db, "Nessus", List.of(a), List.of(finding(a, "CVE-2020-0001", 22)));
      // As the attack graph would have marked it.
      try (var c = db.connection(); var st = c.createStatement()) {
        st.executeUpdate("UPDATE exposure SET on_attack_path = TRUE, choke_point = TRUE");
      }
      Observation changed = finding(a, "CVE-2020-0001", 22);
      changed = new Observation(changed.asset(), changed.weakness(), changed.location(), Severity.CRITICAL, "Critical",
          changed.cvss(), changed.description(), changed.solution(), changed.evidence(), null);
      scan(db, "Nessus", List.of(a), List.of(changed));
      long id = TestDatabases.scalar(db, "SELECT id FROM exposure");
      var explained = new vigil.store.risk.Rescorer(db).explain(List.of(id)).get(id);
      assertThat(explained.factors()).extracting(f -> f.name()).contains("attack path");
      // The score the import wrote is the one the explanation gives: the position was not dropped.
      assertThat(TestDatabases.scalar(db, "SELECT ROUND(risk_score * 10) FROM exposure"))
          .isEqualTo(Math.round(explained.score() * 10));
    }
  }

  private static String statusOf(Database db, String cve) {
    try (var c = db.connection();
        var ps = c.prepareStatement("SELECT e.status FROM exposure e JOIN weakness w ON w.id = e.weakness_id"
            + " WHERE w.weakness_key = ?")) {
      ps.setString(1, cve);
      try (var rs = ps.executeQuery()) {
        rs.next();
        return rs.getString(1);
      }
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
