package vigil.store.mobilise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.engine.mobilise.FixKind;
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
import vigil.store.imports.ImportRequest;
import vigil.store.imports.Importer;
import vigil.store.security.Actor;
import vigil.store.security.Visibility;

/** Fix groups, SLAs, risk acceptance and false positives on H2 and PostgreSQL, with synthetic scans. */
class MobilisationTest {
  private static final Actor CLI = Actor.system("cli");
  private static final Visibility ALL = Visibility.everything();
  private static final AtomicInteger FILES = new AtomicInteger();
  private static final AssetRef A = AssetRef.builder(AssetKind.HOST).host("10.0.0.1").build();
  private static final AssetRef B = AssetRef.builder(AssetKind.HOST).host("10.0.0.2").build();

  static List<String> engines() {
    return TestDatabases.engines();
  }

  private static Observation upgrade(AssetRef asset, String cve, String component, String fixed) {
    Weakness w = new Weakness(WeaknessKind.VULNERABILITY, cve, "Issue " + cve, List.of(cve), List.of());
    return new Observation(asset, w, Location.component(component, "1.0", fixed, null), Severity.HIGH, "High",
        Cvss.NONE, "description", null, "evidence", null);
  }

  private static Observation config(AssetRef asset, String check) {
    Weakness w = new Weakness(WeaknessKind.MISCONFIGURATION, check, "Setting " + check, List.of(), List.of());
    return new Observation(asset, w, Location.port(443, "tcp", null), Severity.MEDIUM, "Medium", Cvss.NONE,
        "description", "Turn it off", "evidence", null);
  }

  private static final List<Observation> SCAN = List.of(
      upgrade(A, "CVE-2023-0001", "openssl", "1.1.1w"), upgrade(A, "CVE-2023-0002", "openssl", "1.1.1w"),
      upgrade(B, "CVE-2023-0001", "openssl", "1.1.1w"), upgrade(B, "CVE-2023-0003", "zlib", "1.3"),
      config(A, "tls-weak-ciphers"), config(B, "tls-weak-ciphers"));

  private static void scan(Database db, List<Observation> found) throws Exception {
    String name = "scan-" + FILES.incrementAndGet();
    new Importer(db).run(new ImportRequest(name, "test", "Trivy", name + "-sha", "tester", Instant.now()), sink -> {
      sink.covered(A);
      sink.covered(B);
      found.forEach(sink::observation);
    });
  }

  private static long exposureOf(Database db, String checkId, String ip) {
    return TestDatabases.scalar(db, "SELECT e.id FROM exposure e JOIN weakness w ON w.id = e.weakness_id"
        + " JOIN asset_key k ON k.asset_id = e.asset_id WHERE w.check_id = '" + checkId + "' AND k.key_value = '" + ip + "'");
  }

  private static long count(Database db, String where) {
    return TestDatabases.scalar(db, "SELECT COUNT(*) FROM " + where);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void exposuresOneActionClosesAreOneGroupSortedByRiskRemoved(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      scan(db, SCAN);
      List<FixGroup> groups = new FixGroups(db, new Slas(db, SlaPolicy.defaults())).list(ALL, Instant.now());
      assertThat(groups).extracting(FixGroup::title)
          .containsExactly("Upgrade openssl to 1.1.1w", "Fix configuration: Setting tls-weak-ciphers", "Upgrade zlib to 1.3");
      FixGroup openssl = groups.get(0);
      assertThat(openssl.kind()).isEqualTo(FixKind.UPGRADE);
      assertThat(openssl.exposures()).isEqualTo(3);
      assertThat(openssl.assets()).isEqualTo(2);
      assertThat(openssl.owners()).containsExactly("unassigned");
      assertThat(openssl.riskRemoved()).isEqualTo(TestDatabases.scalar(db,
          "SELECT ROUND(SUM(risk_score) * 100) FROM exposure WHERE component = 'openssl'") / 100.0);
      assertThat(groups.get(1).kind()).isEqualTo(FixKind.CONFIGURATION);
      assertThat(groups.get(1).exposures()).isEqualTo(2);
      assertThat(openssl.slaDue()).isEqualTo(new Slas(db, SlaPolicy.defaults()).all(ALL, Instant.now()).stream()
          .filter(s -> openssl.exposureIds().contains(s.exposureId())).map(SlaStatus::due).min(Instant::compareTo).get());
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void ownerComesFromTheAssetsScopeElseItsBusinessService(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      scan(db, SCAN);
      long a = TestDatabases.scalar(db, "SELECT asset_id FROM asset_key WHERE key_value = '10.0.0.1'");
      long b = TestDatabases.scalar(db, "SELECT asset_id FROM asset_key WHERE key_value = '10.0.0.2'");
      try (var c = db.connection(); var s = c.createStatement()) {
        s.execute("UPDATE asset_scope SET owner = 'team-web' WHERE asset_id = " + a);
        s.execute("UPDATE asset_scope SET owner = NULL WHERE asset_id = " + b);
        s.execute("INSERT INTO business_service (name, owner, criticality, crown_jewel) VALUES ('shop', 'team-shop', 3, FALSE)");
        s.execute("INSERT INTO asset_service (asset_id, service, rule) VALUES (" + b + ", 'shop', 'test')");
      }
      FixGroup openssl = new FixGroups(db, new Slas(db, SlaPolicy.defaults())).list(ALL, Instant.now()).get(0);
      assertThat(openssl.owners()).containsExactly("team-shop", "team-web");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void slaBreachesAndNearBreachesFollowThePriorityClass(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      scan(db, SCAN);
      Slas slas = new Slas(db, SlaPolicy.defaults());
      Instant now = Instant.now();
      assertThat(slas.breached(ALL, now)).isEmpty();
      SlaStatus any = slas.all(ALL, now).get(0);
      long days = switch (any.priority()) { case P1 -> 7; case P2 -> 30; case P3 -> 90; case P4 -> 180; };
      assertThat(any.due()).isEqualTo(any.firstSeen().plus(Duration.ofDays(days)));
      Instant later = any.firstSeen().plus(Duration.ofDays(days));
      assertThat(slas.breached(ALL, later)).extracting(SlaStatus::exposureId).contains(any.exposureId());
      assertThat(slas.dueWithin(ALL, Duration.ofDays(1), later.minus(Duration.ofHours(1))))
          .extracting(SlaStatus::exposureId).contains(any.exposureId());
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void acceptanceNeedsASecondPersonAndExpiresBackToOpenWithEvents(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      scan(db, SCAN);
      long id = exposureOf(db, "CVE-2023-0003", "10.0.0.2");
      Decisions decisions = new Decisions(db);
      Instant now = Instant.now();
      LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
      assertThatThrownBy(() -> new Acceptance("legacy", "alice", "Alice", today.plusDays(30)))
          .hasMessageContaining("someone other");
      assertThatThrownBy(() -> decisions.accept(id, new Acceptance("legacy", "alice", "bob", today), CLI, now))
          .hasMessageContaining("future date");

      decisions.accept(id, new Acceptance("compensating WAF rule", "alice", "bob", today.plusDays(30)), CLI, now);
      assertThat(count(db, "exposure WHERE status = 'ACCEPTED' AND id = " + id)).isEqualTo(1);
      assertThat(count(db, "exposure_event WHERE to_status = 'ACCEPTED' AND actor = 'bob'"
          + " AND reason LIKE '%compensating WAF rule%' AND exposure_id = " + id)).isEqualTo(1);
      assertThatThrownBy(() -> decisions.accept(id, new Acceptance("again", "alice", "bob", today.plusDays(30)), CLI, now))
          .hasMessageContaining("accepted");

      // A re-import of the same findings keeps the decision; the SLA clock is paused.
      scan(db, SCAN);
      assertThat(count(db, "exposure WHERE status = 'ACCEPTED' AND id = " + id)).isEqualTo(1);
      assertThat(new Slas(db, SlaPolicy.defaults()).all(ALL, now)).extracting(SlaStatus::exposureId).doesNotContain(id);

      assertThat(decisions.expire(today.plusDays(30), now)).isEmpty();
      assertThat(decisions.expire(today.plusDays(31), now)).containsExactly(id);
      assertThat(count(db, "exposure WHERE status = 'OPEN' AND id = " + id)).isEqualTo(1);
      assertThat(count(db, "exposure_event WHERE from_status = 'ACCEPTED' AND to_status = 'OPEN' AND actor = '"
          + Decisions.EXPIRY_ACTOR + "' AND exposure_id = " + id)).isEqualTo(1);
      assertThat(decisions.expire(today.plusDays(31), now)).isEmpty();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void acceptingAFixGroupAcceptsAllItsExposuresOrNone(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      scan(db, SCAN);
      FixGroups groups = new FixGroups(db, new Slas(db, SlaPolicy.defaults()));
      FixGroup openssl = groups.list(ALL, Instant.now()).get(0);
      LocalDate until = LocalDate.now(ZoneOffset.UTC).plusDays(10);
      Decisions decisions = new Decisions(db);
      decisions.falsePositive(openssl.exposureIds().get(2), "not installed", Actor.system("carol"), Instant.now());
      assertThatThrownBy(() -> decisions.acceptFixGroup(openssl, new Acceptance("later", "alice", "bob", until), CLI, Instant.now()))
          .hasMessageContaining("false-positive");
      assertThat(count(db, "exposure WHERE status = 'ACCEPTED'")).isZero();
      FixGroup now = groups.list(ALL, Instant.now()).get(0);
      assertThat(decisions.acceptFixGroup(now, new Acceptance("later", "alice", "bob", until), CLI, Instant.now())).isEqualTo(2);
      assertThat(count(db, "exposure WHERE status = 'ACCEPTED'")).isEqualTo(2);
      assertThat(count(db, "risk_acceptance")).isEqualTo(2);
      assertThat(groups.list(ALL, Instant.now())).extracting(FixGroup::title).doesNotContain("Upgrade openssl to 1.1.1w");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void falsePositiveSurvivesReimportAndIsRecorded(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      scan(db, SCAN);
      long id = exposureOf(db, "tls-weak-ciphers", "10.0.0.1");
      new Decisions(db).falsePositive(id, "ciphers disabled at the load balancer", Actor.system("carol"), Instant.now());
      scan(db, SCAN);
      scan(db, List.of());
      scan(db, SCAN);
      assertThat(count(db, "exposure WHERE status = 'FALSE_POSITIVE' AND id = " + id)).isEqualTo(1);
      assertThat(count(db, "exposure_event WHERE to_status = 'FALSE_POSITIVE' AND actor = 'carol'"
          + " AND reason LIKE '%load balancer%' AND exposure_id = " + id)).isEqualTo(1);
      assertThatThrownBy(() -> new Decisions(db).falsePositive(id, " ", Actor.system("carol"), Instant.now())).hasMessageContaining("reason");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void dailySnapshotCountsOpenFixedMttrAndAttackSurfaceAndRetakingReplacesIt(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      scan(db, SCAN);
      scan(db, List.of(upgrade(B, "CVE-2023-0003", "zlib", "1.3"), config(A, "tls-weak-ciphers"), config(B, "tls-weak-ciphers")));
      Metrics metrics = new Metrics(db, new Slas(db, SlaPolicy.defaults()));
      Instant now = Instant.now();
      LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
      List<Metrics.Point> points = metrics.snapshot(today, now);
      java.util.function.BiFunction<String, String, Double> value = (name, dim) -> points.stream()
          .filter(p -> p.name().equals(name) && p.dimension().equals(dim)).findFirst().orElseThrow().value();
      assertThat(value.apply("open_exposures", "all")).isEqualTo(3.0);
      assertThat(value.apply("opened", "all")).isEqualTo(6.0);
      assertThat(value.apply("fixed", "all")).isEqualTo(3.0);
      assertThat(value.apply("sla_compliance_pct", "all")).isEqualTo(100.0);
      assertThat(value.apply("assets", "all")).isEqualTo(2.0);
      assertThat(points).anyMatch(p -> p.name().equals("mttr_days") && p.value() >= 0);
      metrics.snapshot(today, now);
      assertThat(count(db, "metric_snapshot")).isEqualTo(points.size());
      assertThat(metrics.series()).hasSize(points.size());
    }
  }
}
