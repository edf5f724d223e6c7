package vigil.store.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.engine.graph.AttackPath;
import vigil.engine.graph.ChokePoint;
import vigil.engine.graph.WhatIf;
import vigil.engine.mobilise.SlaPolicy;
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
import vigil.store.graph.GraphService;
import vigil.store.graph.TopologyStore;
import vigil.store.imports.ImportRequest;
import vigil.store.imports.Importer;
import vigil.store.mobilise.Acceptance;
import vigil.store.mobilise.Decisions;
import vigil.store.mobilise.FixGroup;
import vigil.store.mobilise.FixGroups;
import vigil.store.mobilise.Metrics;
import vigil.store.mobilise.SlaStatus;
import vigil.store.mobilise.Slas;
import vigil.store.query.AssetQueries;
import vigil.store.query.AssetView;
import vigil.store.query.ExposureFilter;
import vigil.store.query.ExposureQueries;
import vigil.store.query.ExposureView;
import vigil.store.query.ImportQueries;
import vigil.store.query.ImportView;
import vigil.store.risk.Rescorer;
import vigil.store.scope.ScopeStore;

/**
 * Every read the API exposes, and every decision, within a team's visibility, on H2 and
 * PostgreSQL. The estate: a web server (service "shop", owned by olga) in front of a database
 * (service "ledger", team ledger's), and one asset in no service.
 */
class VisibilityQueriesTest {
  private static final String FULL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  private static final AssetRef WEB = AssetRef.builder(AssetKind.HOST).host("10.1.0.10").build();
  private static final AssetRef DB = AssetRef.builder(AssetKind.HOST).host("10.20.50.5").build();
  private static final AssetRef STRAY = AssetRef.builder(AssetKind.HOST).host("10.9.9.9").build();
  private static final Actor ADMIN = Actor.system("test");
  private static final String SCOPE = """
      version: 1
      owners:
        - team: olga
        - team: ledger-team
      services:
        - name: shop
          owner: olga
          criticality: 3
          include:
            - cidr: 10.1.0.10/32
        - name: ledger
          owner: ledger-team
          criticality: 5
          include:
            - cidr: 10.20.50.5/32
      """;
  private static final String TOPOLOGY = """
      zones:
        - id: internet
          internet: true
        - id: dmz
          cidrs: [10.1.0.0/24]
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
      crown_jewels: [10.20.50.5]
      """;

  static List<String> engines() {
    return TestDatabases.engines();
  }

  private static Observation finding(AssetRef asset, String cve, int port, String component) {
    Weakness w = new Weakness(WeaknessKind.VULNERABILITY, "scanner:" + cve, "Issue " + cve, List.of(cve), List.of());
    Location where = component == null ? Location.port(port, "tcp", null) : Location.component(component, "1.0", "1.1", null);
    return new Observation(asset, w, where, Severity.HIGH, "High", new Cvss(null, null, FULL, 9.8, null, null), "d",
        "apply the vendor patch for " + cve, "evidence " + cve, null);
  }

  private static long importOf(Database db, String name, Long teamId, AssetRef asset, Observation... found)
      throws Exception {
    return new Importer(db).run(new ImportRequest(name, "test", "Nessus", name + "-sha", "tester", Instant.now(), teamId),
        sink -> {
          sink.covered(asset);
          for (Observation o : found) {
            sink.observation(o);
          }
        }).importId();
  }

  /** A fresh estate with its people: analyst lena (team ledger, granted "ledger"), owner olga (no team), viewer nils (nothing). */
  private record Estate(Database db, long web, long dbAsset, long stray, long webVuln, long webLib, long dbVuln,
      long dbLib, Actor lena, Actor olga, Actor nils, long ledgerTeam, Accounts accounts) {}

  private static Estate estate(Database db) throws Exception {
    new ScopeStore(db, new Rescorer(db)).apply(SCOPE, "scope.yaml", "test", false, false);
    Accounts accounts = new Accounts(db);
    Instant now = Instant.now();
    long ledgerTeam = accounts.createTeam("ledger", null, ADMIN, now).id();
    accounts.grant("ledger", "ledger", ADMIN, now);
    Account lena = accounts.create(new Accounts.NewAccount("lena", null, null, Role.ANALYST, null, null, null, false),
        ADMIN, now);
    accounts.addMember("ledger", "lena", ADMIN, now);
    Account olga = accounts.create(new Accounts.NewAccount("olga", null, "olga@example.org", Role.OWNER, null, null,
        null, false), ADMIN, now);
    Account nils = accounts.create(new Accounts.NewAccount("nils", null, null, Role.VIEWER, null, null, null, false),
        ADMIN, now);
    importOf(db, "web-scan", null, WEB, finding(WEB, "CVE-2099-0001", 443, null),
        finding(WEB, "CVE-2099-0011", 0, "openssl"));
    importOf(db, "db-scan", null, DB, finding(DB, "CVE-2099-0002", 5432, null),
        finding(DB, "CVE-2099-0011", 0, "openssl"));
    importOf(db, "stray-scan", ledgerTeam, STRAY, finding(STRAY, "CVE-2099-0003", 22, null));
    return new Estate(db, asset(db, "10.1.0.10"), asset(db, "10.20.50.5"), asset(db, "10.9.9.9"),
        exposure(db, "10.1.0.10", "CVE-2099-0001"), exposure(db, "10.1.0.10", "CVE-2099-0011"),
        exposure(db, "10.20.50.5", "CVE-2099-0002"), exposure(db, "10.20.50.5", "CVE-2099-0011"),
        accounts.actor(lena, null, null), accounts.actor(olga, null, null), accounts.actor(nils, null, null), ledgerTeam,
        accounts);
  }

  private static long asset(Database db, String ip) {
    return TestDatabases.scalar(db, "SELECT asset_id FROM asset_key WHERE key_value = '" + ip + "'");
  }

  private static long exposure(Database db, String ip, String cve) {
    return TestDatabases.scalar(db, "SELECT e.id FROM exposure e JOIN weakness w ON w.id = e.weakness_id"
        + " JOIN asset_key k ON k.asset_id = e.asset_id WHERE w.check_id = 'scanner:" + cve + "' AND k.key_value = '"
        + ip + "'");
  }

  private static List<Long> assetIds(Database db, Visibility v) {
    return new AssetQueries(db).list(v, null, null, null, "id", 100, 0).items().stream().map(AssetView::id).toList();
  }

  private static List<Long> exposureIds(Database db, Visibility v, Long asset) {
    return new ExposureQueries(db).list(v, ExposureFilter.fromLabels(null, null, asset, null, null, null, "id", 100, 0))
        .items().stream().map(ExposureView::id).toList();
  }

  @ParameterizedTest
  @MethodSource("engines")
  void assetsAndTheirTrailAreThoseOfTheGrantedServicesOrOwnedAssets(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      Estate e = estate(db);
      assertThat(assetIds(db, Visibility.everything())).containsExactlyInAnyOrder(e.web, e.dbAsset, e.stray);
      assertThat(assetIds(db, e.lena.visibility())).containsExactly(e.dbAsset);
      assertThat(assetIds(db, e.olga.visibility())).containsExactly(e.web);
      assertThat(assetIds(db, e.nils.visibility())).isEmpty();
      AssetQueries q = new AssetQueries(db);
      assertThat(q.merges(e.lena.visibility(), e.web)).isEmpty();
      assertThat(q.merges(e.lena.visibility(), e.dbAsset)).isNotEmpty();
      assertThat(q.merges(Visibility.everything(), e.web)).isNotEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void exposuresAreThoseOfVisibleAssetsWhateverTheFilter(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      Estate e = estate(db);
      assertThat(exposureIds(db, e.lena.visibility(), null)).containsExactlyInAnyOrder(e.dbVuln, e.dbLib);
      assertThat(exposureIds(db, e.lena.visibility(), e.web)).isEmpty();
      assertThat(exposureIds(db, e.olga.visibility(), null)).containsExactlyInAnyOrder(e.webVuln, e.webLib);
      assertThat(exposureIds(db, e.nils.visibility(), null)).isEmpty();
      assertThat(exposureIds(db, Visibility.everything(), null)).hasSize(5);
      assertThat(new ExposureQueries(db).visible(e.lena.visibility(), List.of(e.webVuln, e.dbVuln, 999_999L)))
          .containsExactly(e.dbVuln);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void importsAreThoseOfTheTeamOrThatTouchedAVisibleAsset(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      Estate e = estate(db);
      ImportQueries q = new ImportQueries(db);
      assertThat(q.list(e.lena, 50, 0).items()).extracting(ImportView::file)
          .containsExactlyInAnyOrder("db-scan", "stray-scan");
      assertThat(q.list(e.lena, 50, 0).total()).isEqualTo(2);
      assertThat(q.list(e.olga, 50, 0).items()).extracting(ImportView::file).containsExactly("web-scan");
      assertThat(q.list(e.nils, 50, 0).items()).isEmpty();
      assertThat(q.list(ADMIN, 50, 0).total()).isEqualTo(3);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void fixGroupsSlasAndMetricsCountOnlyVisibleExposures(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      Estate e = estate(db);
      Slas slas = new Slas(db, SlaPolicy.defaults());
      FixGroups groups = new FixGroups(db, slas);
      Instant now = Instant.now();
      FixGroup openssl = groups.list(Visibility.everything(), now).stream()
          .filter(g -> g.exposureIds().contains(e.webLib)).findFirst().orElseThrow();
      assertThat(openssl.exposureIds()).containsExactlyInAnyOrder(e.webLib, e.dbLib);
      List<FixGroup> seen = groups.list(e.lena.visibility(), now);
      assertThat(seen).flatExtracting(FixGroup::exposureIds).containsExactlyInAnyOrder(e.dbVuln, e.dbLib);
      assertThat(groups.find(e.lena.visibility(), openssl.key(), now).orElseThrow().exposureIds())
          .containsExactly(e.dbLib);
      String webOnly = groups.list(Visibility.everything(), now).stream()
          .filter(g -> g.exposureIds().equals(List.of(e.webVuln))).findFirst().orElseThrow().key();
      assertThat(groups.find(e.lena.visibility(), webOnly, now)).isEmpty();
      assertThat(groups.list(e.nils.visibility(), now)).isEmpty();
      assertThat(groups.visibleKeys(e.lena.visibility(), List.of(webOnly, openssl.key()))).containsExactly(openssl.key());

      assertThat(slas.all(e.lena.visibility(), now)).extracting(SlaStatus::exposureId)
          .containsExactlyInAnyOrder(e.dbVuln, e.dbLib);
      assertThat(slas.all(e.nils.visibility(), now)).isEmpty();

      LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
      Metrics metrics = new Metrics(db, slas);
      assertThat(value(metrics.today(e.lena.visibility(), today, now), "open_exposures")).isEqualTo(2);
      assertThat(value(metrics.today(e.lena.visibility(), today, now), "assets")).isEqualTo(1);
      assertThat(value(metrics.today(e.lena.visibility(), today, now), "opened")).isEqualTo(2);
      assertThat(value(metrics.today(e.nils.visibility(), today, now), "assets")).isZero();
      assertThat(value(metrics.snapshot(today, now), "open_exposures")).isEqualTo(5);
      assertThat(value(metrics.snapshot(today, now), "assets")).isEqualTo(3);
    }
  }

  private static double value(List<Metrics.Point> points, String name) {
    return points.stream().filter(p -> p.name().equals(name) && p.dimension().equals("all")).findFirst().orElseThrow()
        .value();
  }

  @ParameterizedTest
  @MethodSource("engines")
  void decisionsOnExposuresOutOfSightAreNotFoundAndOwnersDecideOnlyOnTheirOwn(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      Estate e = estate(db);
      Decisions decisions = new Decisions(db);
      Instant now = Instant.now();
      LocalDate until = LocalDate.ofInstant(now, ZoneOffset.UTC).plusDays(30);
      Acceptance byLena = new Acceptance("compensating control", "lena", "boss", until);
      assertThatThrownBy(() -> decisions.accept(e.webVuln, byLena, e.lena, now))
          .isInstanceOf(Decisions.NotFound.class).hasMessage("no exposure " + e.webVuln);
      assertThatThrownBy(() -> decisions.accept(999_999L, byLena, e.lena, now))
          .isInstanceOf(Decisions.NotFound.class).hasMessage("no exposure 999999");
      assertThatThrownBy(() -> decisions.falsePositive(e.webLib, "not installed", e.lena, now))
          .isInstanceOf(Decisions.NotFound.class);
      assertThatThrownBy(() -> decisions.falsePositive(e.dbVuln, "no", e.nils, now))
          .isInstanceOf(Decisions.NotFound.class);
      decisions.accept(e.dbVuln, byLena, e.lena, now);
      assertThat(status(db, e.dbVuln)).isEqualTo("ACCEPTED");
      assertThat(status(db, e.webVuln)).isEqualTo("OPEN");

      Acceptance byOlga = new Acceptance("fixed next sprint", "olga", "boss", until);
      assertThatThrownBy(() -> decisions.accept(e.dbLib, byOlga, e.olga, now)).isInstanceOf(Decisions.NotFound.class);
      decisions.accept(e.webVuln, byOlga, e.olga, now);
      assertThat(status(db, e.webVuln)).isEqualTo("ACCEPTED");

      // An owner who also sees a team's service reads it, but decides only on the assets they own.
      e.accounts.addMember("ledger", "olga", ADMIN, now);
      Actor olgaInTeam = e.accounts.actor(e.accounts.find("olga").orElseThrow(), null, null);
      assertThat(exposureIds(db, olgaInTeam.visibility(), null)).contains(e.dbLib, e.webLib);
      assertThatThrownBy(() -> decisions.falsePositive(e.dbLib, "not installed", olgaInTeam, now))
          .isInstanceOf(Actor.Forbidden.class).hasMessageContaining("own");
      decisions.falsePositive(e.webLib, "not installed", olgaInTeam, now);
      assertThat(status(db, e.webLib)).isEqualTo("FALSE_POSITIVE");
      assertThat(status(db, e.dbLib)).isEqualTo("OPEN");
    }
  }

  private static String status(Database db, long exposureId) {
    return db.read("status", c -> {
      try (var ps = c.prepareStatement("SELECT status FROM exposure WHERE id = ?")) {
        ps.setLong(1, exposureId);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
  }

  @SuppressWarnings("unchecked")
  @ParameterizedTest
  @MethodSource("engines")
  void graphReportsHoldOnlyPathsThroughVisibleAssetsToVisibleCrownJewels(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      Estate e = estate(db);
      new TopologyStore(db).apply(TOPOLOGY, "topology.yaml", "test");
      GraphService graph = new GraphService(db, new Rescorer(db));

      List<AttackPath> all = (List<AttackPath>) graph.pathsReport(Visibility.everything(), 3).get("paths");
      assertThat(all).isNotEmpty();
      assertThat(all.get(0).fixIds()).contains(String.valueOf(e.webVuln), String.valueOf(e.dbVuln));

      // The ledger team sees its crown jewel, but every path to it runs through the shop's web server.
      Map<String, Object> ledger = graph.pathsReport(e.lena.visibility(), 3);
      assertThat((List<String>) ledger.get("crownJewels")).containsExactly("10.20.50.5");
      assertThat((List<AttackPath>) ledger.get("paths")).isEmpty();
      assertThat(ledger.toString()).doesNotContain("10.1.0.10");
      Map<String, Object> chokes = graph.chokePointsReport(e.lena.visibility(), 10);
      assertThat((List<ChokePoint>) chokes.get("chokePoints")).extracting(ChokePoint::id)
          .doesNotContain(String.valueOf(e.webVuln));
      assertThat(chokes.toString()).doesNotContain("10.1.0.10");
      assertThatThrownBy(() -> graph.blastReport(e.lena.visibility(), "10.1.0.10", 50))
          .isInstanceOf(IllegalArgumentException.class);
      Map<String, Object> whatIf = graph.whatIfReport(e.lena.visibility(), List.of(String.valueOf(e.webVuln)), List.of());
      assertThat(whatIf.toString()).doesNotContain("10.1.0.10");
      assertThat(((WhatIf) whatIf.get("whatIf")).unknown()).containsExactly(String.valueOf(e.webVuln));

      // The shop's owner sees the web server, not the ledger's crown jewel.
      Map<String, Object> shop = graph.pathsReport(e.olga.visibility(), 3);
      assertThat((List<String>) shop.get("crownJewels")).isEmpty();
      assertThat(shop.toString()).doesNotContain("10.20.50.5");
      assertThat(graph.blastReport(e.olga.visibility(), "10.1.0.10", 50).toString()).doesNotContain("10.20.50.5");
      assertThat(graph.blastReport(Visibility.everything(), "10.1.0.10", 50).toString()).contains("10.20.50.5");
    }
  }
}
