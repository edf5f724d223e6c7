package vigil.store.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.engine.graph.AttackGraph;
import vigil.engine.graph.AttackPath;
import vigil.engine.graph.DefinitionException;
import vigil.engine.graph.WhatIf;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
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
import vigil.store.TestFiles;
import vigil.store.imports.ImportRequest;
import vigil.store.imports.Importer;
import vigil.store.risk.Rescorer;
import vigil.store.scope.ScopeStore;

/** The attack graph of stored facts, on H2 and PostgreSQL: identities, topology, paths, positions. */
class GraphServiceTest {
  static final String FULL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  static final String TOPOLOGY = """
      zones:
        - id: internet
          internet: true
        - id: dmz
          cidrs: [203.0.113.0/24]
        - id: databases
          cidrs: [10.20.50.0/24]
      flows:
        - id: internet-to-dmz
          from: internet
          to: dmz
          ports: [tcp/443]
        - id: dmz-to-db
          from: dmz
          to: databases
          ports: [tcp/5432]
      entry_points:
        - id: internet
          kind: internet
          zone: internet
      """;
  static final String SCOPE = """
      version: 1
      services:
        - name: payroll
          criticality: 5
          crownJewel: true
          include:
            - cidr: 10.20.50.0/24
        - name: web
          criticality: 3
          include:
            - cidr: 203.0.113.0/24
      """;

  static List<String> engines() {
    return TestDatabases.engines();
  }

  /** web01 in the DMZ (CVE-2099-0001 on tcp/443), db01 behind it (CVE-2099-0002 on tcp/5432). */
  static void importDmzScan(Database db) throws Exception {
    AssetRef web = AssetRef.builder(AssetKind.HOST).host("203.0.113.10").host("web01.corp.example").build();
    AssetRef dbHost = AssetRef.builder(AssetKind.HOST).host("10.20.50.5").host("10.20.50.5").build();
    ImportRequest r = new ImportRequest("dmz-scan", "test", "Nessus", "dmz-scan-sha", "tester", Instant.now());
    new Importer(db).run(r, sink -> {
      sink.observation(finding(web, "CVE-2099-0001", 443));
      sink.observation(finding(dbHost, "CVE-2099-0002", 5432));
    });
  }

  private static Observation finding(AssetRef asset, String cve, int port) {
    Weakness w = new Weakness(WeaknessKind.VULNERABILITY, "scanner:" + cve, "Issue " + cve, List.of(cve), List.of());
    return new Observation(asset, w, Location.port(port, "tcp", null), Severity.HIGH, "High",
        new Cvss(null, null, FULL, 9.8, null, null), "description of " + cve, "patch", "evidence " + cve, null);
  }

  static long exposureOf(Database db, String cve) {
    return TestDatabases.scalar(db, "SELECT e.id FROM exposure e JOIN weakness_cve wc ON wc.weakness_id = e.weakness_id"
        + " WHERE wc.cve = '" + cve + "'");
  }

  static void applyAll(Database db) throws Exception {
    importDmzScan(db);
    new ScopeStore(db, new Rescorer(db)).apply(SCOPE, "scope.yaml", "tester", false, false);
    new TopologyStore(db).apply(TOPOLOGY, "topology.yaml", "tester");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void pathRunsThroughBothStoredExposuresToTheScopesCrownJewel(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      applyAll(db);
      long web = exposureOf(db, "CVE-2099-0001");
      long dbExposure = exposureOf(db, "CVE-2099-0002");
      AttackGraph graph = new GraphService(db, new Rescorer(db)).graph();

      assertThat(graph.crownJewels()).containsExactly("10.20.50.5");
      List<AttackPath> paths = graph.paths(3);
      assertThat(paths).isNotEmpty().allSatisfy(p -> assertThat(p.crownJewel()).isEqualTo("10.20.50.5"));
      assertThat(paths.get(0).entryPoint()).isEqualTo("internet");
      // web01's public address makes the scope mark it internet-facing: reached without the declared flow.
      assertThat(paths.get(0).fixIds()).containsExactly(String.valueOf(web), "dmz-to-db",
          String.valueOf(dbExposure));

      WhatIf fixed = graph.whatIf(Set.of(String.valueOf(web)), Set.of());
      assertThat(fixed.crownJewelsCut()).containsExactly("10.20.50.5");
      assertThat(fixed.unknown()).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void buildingStoresAttackPathPositionsAndRaisesTheirRisk(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      applyAll(db);
      long web = exposureOf(db, "CVE-2099-0001");
      double before = riskOf(db, web);

      new GraphService(db, new Rescorer(db)).graph();

      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM exposure WHERE on_attack_path")).isEqualTo(2);
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM exposure WHERE choke_point AND id = " + web))
          .isEqualTo(1);
      assertThat(riskOf(db, web)).isGreaterThan(before);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void graphIsCachedUntilAFactChanges(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      applyAll(db);
      GraphService service = new GraphService(db, new Rescorer(db));
      AttackGraph first = service.graph();
      assertThat(service.graph()).isSameAs(first);

      new TopologyStore(db).apply(TOPOLOGY.replace("tcp/5432]", "tcp/5433]"), "topology.yaml", "tester");
      AttackGraph second = service.graph();
      assertThat(second).isNotSameAs(first);
      assertThat(second.reachableCrownJewels()).isEmpty();
      // Off the path again: the flags are cleared.
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM exposure WHERE on_attack_path OR choke_point")).isZero();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void topologyApplyIsVersionedIdempotentAndRefusesBadFiles(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      TopologyStore store = new TopologyStore(db);
      TopologyStore.Applied first = store.apply(TOPOLOGY, "topology.yaml", "tester");
      TopologyStore.Applied again = store.apply(TOPOLOGY, "topology.yaml", "tester");
      assertThat(first.changed()).isTrue();
      assertThat(again.changed()).isFalse();
      assertThat(again.version()).isEqualTo(first.version());
      assertThat(first.flows()).isEqualTo(2);

      assertThatThrownBy(() -> store.apply("flows:\n  - id: x\n    from: nowhere\n    to: dmz\n", "bad.yaml", "t"))
          .isInstanceOf(DefinitionException.class).hasMessageContaining("bad.yaml");
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM topology_version")).isEqualTo(1);
      assertThat(store.export()).isEqualTo(TOPOLOGY);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void sharpHoundImportIsIdempotentAndABadFileStoresNothing(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      IdentityStore store = new IdentityStore(db);
      ScanFile bad = ScanFile.of("not-sharphound.json",
          "{\"data\": [{\"name\": 1}], \"meta\": {\"type\": \"computers\"}}".getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> store.importFile(bad, "tester")).isInstanceOf(ParseException.class)
          .hasMessageContaining("not-sharphound.json");
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM identity_import")).isZero();
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM identity_principal")).isZero();

      ScanFile computers = ScanFile.of(TestFiles.corpus("sharphound/v6_computers.json"));
      IdentityImportResult first = store.importFile(computers, "tester");
      IdentityImportResult again = store.importFile(computers, "tester");
      assertThat(first.duplicate()).isFalse();
      assertThat(first.principals()).isPositive();
      assertThat(first.edges()).isPositive();
      assertThat(again.duplicate()).isTrue();
      assertThat(again.importId()).isEqualTo(first.importId());
      long principals = TestDatabases.scalar(db, "SELECT COUNT(*) FROM identity_principal");
      assertThat(principals).isPositive().isLessThanOrEqualTo(first.principals());
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM identity_edge")).isPositive()
          .isLessThanOrEqualTo(first.edges());
      // Stored identities reach the graph's facts.
      assertThat(new GraphService(db, new Rescorer(db)).graph().stats().principals()).isGreaterThanOrEqualTo((int) principals);
    }
  }

  private static double riskOf(Database db, long exposure) throws Exception {
    try (var c = db.connection(); var s = c.createStatement();
        var rs = s.executeQuery("SELECT risk_score FROM exposure WHERE id = " + exposure)) {
      rs.next();
      return rs.getDouble(1);
    }
  }
}
