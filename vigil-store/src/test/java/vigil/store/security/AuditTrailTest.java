package vigil.store.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vigil.engine.mobilise.SlaPolicy;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.intel.feeds.FeedKind;
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
import vigil.store.graph.IdentityImportResult;
import vigil.store.graph.IdentityStore;
import vigil.store.graph.TopologyStore;
import vigil.store.imports.FileImporter;
import vigil.store.imports.ImportRequest;
import vigil.store.imports.ImportResult;
import vigil.store.imports.Importer;
import vigil.store.intel.FeedImporter;
import vigil.store.mobilise.Acceptance;
import vigil.store.mobilise.Decisions;
import vigil.store.mobilise.FixGroup;
import vigil.store.mobilise.FixGroups;
import vigil.store.mobilise.MobilisationCycle;
import vigil.store.mobilise.NotificationRules;
import vigil.store.mobilise.Slas;
import vigil.store.risk.Rescorer;
import vigil.store.scope.ScopeApplyResult;
import vigil.store.scope.ScopeStore;

/**
 * The audit trail of every state change outside accounts and secrets, on H2 and PostgreSQL: who,
 * what, on which target, the state before and after; one event per change, none for what changes
 * nothing or rolls back.
 */
class AuditTrailTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
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

  private static final List<Observation> THREE = List.of(upgrade(A, "CVE-2023-0001", "openssl", "1.1.1w"),
      upgrade(B, "CVE-2023-0001", "openssl", "1.1.1w"), upgrade(B, "CVE-2023-0003", "zlib", "1.3"));
  private static final List<Observation> ZLIB_ONLY = List.of(upgrade(B, "CVE-2023-0003", "zlib", "1.3"));

  private static ImportResult scan(Database db, String actor, List<Observation> found) throws Exception {
    String name = "scan-" + FILES.incrementAndGet() + ".json";
    return new Importer(db).run(new ImportRequest(name, "trivy", "Trivy", name + "-sha", actor, Instant.now()),
        sink -> {
          sink.covered(A);
          sink.covered(B);
          found.forEach(sink::observation);
        });
  }

  private static List<AuditLog.Event> events(Database db, String action) {
    return new AuditLog(db).find(new AuditLog.Query(null, null, null, action, null, null, 0, 1000));
  }

  private static AuditLog.Event only(Database db, String action) {
    List<AuditLog.Event> e = events(db, action);
    assertThat(e).as(action).hasSize(1);
    return e.get(0);
  }

  private static JsonNode json(String text) {
    return text == null ? null : JSON.readTree(text);
  }

  private static long exposureId(Database db, String component, String ip) {
    return TestDatabases.scalar(db, "SELECT e.id FROM exposure e JOIN asset_key k ON k.asset_id = e.asset_id"
        + " WHERE e.component = '" + component + "' AND k.key_value = '" + ip + "'");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void eachImportIsOneEventWithFileHashCountsAndActor(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      ImportResult first = scan(db, "alice", THREE);
      ImportResult second = scan(db, "bob", ZLIB_ONLY);
      ImportResult third = scan(db, "bob", THREE);

      List<AuditLog.Event> imports = events(db, "import.create");
      assertThat(imports).extracting(AuditLog.Event::targetId).containsExactly(String.valueOf(first.importId()),
          String.valueOf(second.importId()), String.valueOf(third.importId()));
      AuditLog.Event e = imports.get(0);
      assertThat(e.actor()).isEqualTo("alice");
      assertThat(e.targetType()).isEqualTo("import");
      assertThat(e.before()).isNull();
      JsonNode after = json(e.after());
      assertThat(after.get("file").asString()).isEqualTo(first.file());
      assertThat(after.get("format").asString()).isEqualTo("trivy");
      assertThat(after.get("sha256").asString()).isEqualTo(first.file() + "-sha");
      assertThat(after.get("observations").asLong()).isEqualTo(3);
      assertThat(after.get("exposures").get("new").asInt()).isEqualTo(3);

      JsonNode fixed = json(imports.get(1).after()).get("exposures");
      assertThat(imports.get(1).actor()).isEqualTo("bob");
      assertThat(fixed.get("unchanged").asInt()).isEqualTo(1);
      assertThat(fixed.get("fixed").asInt()).isEqualTo(2);
      assertThat(json(imports.get(2).after()).get("exposures").get("reopened").asInt()).isEqualTo(2);

      // The same bytes again change nothing, so they record nothing.
      ImportRequest again = new ImportRequest(first.file(), "trivy", "Trivy", first.file() + "-sha", "carol",
          Instant.now());
      assertThat(new Importer(db).run(again, sink -> {}).duplicate()).isTrue();
      assertThat(events(db, "import.")).hasSize(3);
      assertThat(new AuditLog(db).verify().intact()).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aFailedImportRollsBackWithNoAuditEvent(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      ImportRequest r = new ImportRequest("broken.json", "trivy", "Trivy", "broken-sha", "alice", Instant.now());
      assertThatThrownBy(() -> new Importer(db).run(r, sink -> {
        sink.covered(A);
        THREE.forEach(sink::observation);
        throw new IllegalStateException("the disk went away");
      })).hasMessageContaining("the disk went away");
      assertThat(TestDatabases.rowCounts(db).values()).allMatch(n -> n == 0);
      assertThat(events(db, "import.")).isEmpty();
      assertThat(TestDatabases.scalar(db, "SELECT seq FROM audit_head WHERE id = 1")).isZero();
      assertThat(new AuditLog(db).verify().intact()).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aRefusedFileIsRecordedApartAndStoresNothingElse(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      ScanFile bad = ScanFile.of("truncated.nessus",
          "<?xml version=\"1.0\"?><NessusClientData_v2><Report name=\"x\"><ReportHost name=\"10.0.0.1\">"
              .getBytes(StandardCharsets.UTF_8));
      assertThatThrownBy(() -> new FileImporter(db).importFile(bad, null, "mallory")).isInstanceOf(ParseException.class);
      assertThat(TestDatabases.rowCounts(db).values()).allMatch(n -> n == 0);
      assertThat(events(db, "import.create")).isEmpty();
      AuditLog.Event e = only(db, "import.refused");
      assertThat(e.actor()).isEqualTo("mallory");
      JsonNode after = json(e.after());
      assertThat(after.get("file").asString()).isEqualTo("truncated.nessus");
      assertThat(after.get("sha256").asString()).hasSize(64);
      assertThat(after.get("problem").asString()).isNotBlank();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void decisionsRecordTheStatusBeforeAndAfter(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      scan(db, "alice", THREE);
      Instant now = Instant.now();
      LocalDate today = LocalDate.ofInstant(now, ZoneOffset.UTC);
      Decisions decisions = new Decisions(db);
      long zlib = exposureId(db, "zlib", "10.0.0.2");
      long opensslA = exposureId(db, "openssl", "10.0.0.1");

      decisions.accept(zlib, new Acceptance("WAF rule", "alice", "bob", today.plusDays(1)), Actor.system("bob"), now);
      AuditLog.Event accepted = only(db, "exposure.accept");
      assertThat(accepted.actor()).isEqualTo("bob");
      assertThat(accepted.targetType()).isEqualTo("exposure");
      assertThat(accepted.targetId()).isEqualTo(String.valueOf(zlib));
      assertThat(json(accepted.before()).get("exposures").get(String.valueOf(zlib)).asString()).isEqualTo("OPEN");
      JsonNode after = json(accepted.after());
      assertThat(after.get("exposures").get(String.valueOf(zlib)).asString()).isEqualTo("ACCEPTED");
      assertThat(after.get("until").asString()).isEqualTo(today.plusDays(1).toString());
      assertThat(after.get("requestedBy").asString()).isEqualTo("alice");
      assertThat(after.get("justification").asString()).isEqualTo("WAF rule");

      decisions.falsePositive(opensslA, "not shipped", Actor.system("carol"), now);
      AuditLog.Event fp = only(db, "exposure.false-positive");
      assertThat(fp.actor()).isEqualTo("carol");
      assertThat(json(fp.before()).get("status").asString()).isEqualTo("OPEN");
      assertThat(json(fp.after()).get("status").asString()).isEqualTo("FALSE_POSITIVE");
      assertThat(json(fp.after()).get("reason").asString()).isEqualTo("not shipped");

      FixGroup openssl = new FixGroups(db, new Slas(db, SlaPolicy.defaults())).list(Visibility.everything(), now).stream()
          .filter(g -> g.key().contains("openssl")).findFirst().orElseThrow();
      decisions.acceptFixGroup(openssl, new Acceptance("vendor patch", "alice", "dave", today.plusDays(30)),
          Actor.system("dave"), now);
      AuditLog.Event group = only(db, "fixgroup.accept");
      assertThat(group.actor()).isEqualTo("dave");
      assertThat(group.targetType()).isEqualTo("fix_group");
      assertThat(group.targetId()).isEqualTo(openssl.key());
      assertThat(json(group.before()).get("exposures").size()).isEqualTo(openssl.exposureIds().size());

      // A refused decision changes nothing and records nothing.
      assertThatThrownBy(() -> decisions.accept(zlib, new Acceptance("again", "alice", "bob", today.plusDays(2)),
          Actor.system("bob"), now))
          .hasMessageContaining("only open or reopened");
      assertThat(events(db, "exposure.accept")).hasSize(1);

      List<Long> expired = decisions.expire(today.plusDays(2), "cli:ops", now);
      assertThat(expired).containsExactly(zlib);
      AuditLog.Event expiry = only(db, "acceptance.expire");
      assertThat(expiry.actor()).isEqualTo("cli:ops");
      assertThat(json(expiry.before()).get("exposures").get(String.valueOf(zlib)).asString()).isEqualTo("ACCEPTED");
      assertThat(json(expiry.after()).get("exposures").get(String.valueOf(zlib)).asString()).isEqualTo("OPEN");
      assertThat(json(expiry.after()).get("acceptancesEnded")).hasSize(1);
      assertThat(decisions.expire(today.plusDays(2), "cli:ops", now)).isEmpty();
      assertThat(events(db, "acceptance.expire")).as("nothing due: nothing recorded").hasSize(1);
      assertThat(new AuditLog(db).verify().intact()).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void scopeApplyRecordsVersionsAndChangesButNotDryRunsOrRepeats(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      ScopeStore scope = new ScopeStore(db, new Rescorer(db));
      String yaml = Files.readString(Paths.get("../examples/scope.yaml"));
      ScopeApplyResult dry = scope.apply(yaml, "scope.yaml", "alice", true, false);
      assertThat(dry.changes()).isNotEmpty();
      assertThat(events(db, "scope.")).isEmpty();

      ScopeApplyResult applied = scope.apply(yaml, "scope.yaml", "alice", false, false);
      AuditLog.Event e = only(db, "scope.apply");
      assertThat(e.actor()).isEqualTo("alice");
      assertThat(e.targetType()).isEqualTo("scope");
      assertThat(e.targetId()).isEqualTo(String.valueOf(applied.version()));
      assertThat(json(e.before()).get("version").asLong()).isZero();
      JsonNode after = json(e.after());
      assertThat(after.get("version").asLong()).isEqualTo(applied.version());
      assertThat(after.get("changes").findValuesAsString("description"))
          .containsExactlyElementsOf(applied.changes().stream().map(c -> c.description()).toList());

      scope.apply(yaml, "scope.yaml", "alice", false, false);
      assertThat(events(db, "scope.")).as("the same file changes nothing").hasSize(1);

      String edited = yaml.replaceFirst("criticality: 5", "criticality: 4");
      assertThat(edited).isNotEqualTo(yaml);
      ScopeApplyResult second = scope.apply(edited, "scope.yaml", "bob", false, false);
      AuditLog.Event change = events(db, "scope.apply").get(1);
      assertThat(change.actor()).isEqualTo("bob");
      assertThat(json(change.before()).get("version").asLong()).isEqualTo(applied.version());
      assertThat(json(change.after()).get("changes").findValuesAsString("action")).containsOnly("update");
      assertThat(json(change.after()).get("changes")).hasSize(second.changes().size());
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void topologyIdentityAndFeedImportsAreRecordedOnce(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      String topology = """
          zones:
            - id: internet
              internet: true
            - id: dmz
              cidrs: [203.0.113.0/24]
          flows:
            - id: internet-to-dmz
              from: internet
              to: dmz
              ports: [tcp/443]
          entry_points:
            - id: internet
              kind: internet
              zone: internet
          """;
      TopologyStore topologies = new TopologyStore(db);
      TopologyStore.Applied first = topologies.apply(topology, "topology.yaml", "alice");
      topologies.apply(topology, "topology.yaml", "alice");
      TopologyStore.Applied second = topologies.apply(topology.replace("tcp/443", "tcp/8443"), "topology.yaml", "bob");
      List<AuditLog.Event> applies = events(db, "topology.apply");
      assertThat(applies).extracting(AuditLog.Event::actor).containsExactly("alice", "bob");
      assertThat(json(applies.get(0).before()).get("version").asLong()).isZero();
      assertThat(json(applies.get(0).after()).get("zones").asInt()).isEqualTo(2);
      assertThat(json(applies.get(1).before()).get("version").asLong()).isEqualTo(first.version());
      assertThat(applies.get(1).targetId()).isEqualTo(String.valueOf(second.version()));

      IdentityStore identities = new IdentityStore(db);
      ScanFile computers = ScanFile.of(TestFiles.corpus("sharphound/v6_computers.json"));
      IdentityImportResult ids = identities.importFile(computers, "carol");
      identities.importFile(computers, "carol");
      AuditLog.Event identity = only(db, "identities.import");
      assertThat(identity.actor()).isEqualTo("carol");
      assertThat(identity.targetId()).isEqualTo(String.valueOf(ids.importId()));
      assertThat(json(identity.after()).get("principals").asInt()).isEqualTo(ids.principals());
      assertThat(json(identity.after()).get("file").asString()).isEqualTo(computers.name());

      FeedImporter feeds = new FeedImporter(db, new Rescorer(db));
      var kev = feeds.importFile(FeedKind.KEV, TestFiles.data("kev/known_exploited_vulnerabilities-2025.08.25.json"),
          "dave");
      feeds.importFile(FeedKind.KEV, TestFiles.data("kev/known_exploited_vulnerabilities-2025.08.25.json"), "dave");
      var newer = feeds.importFile(FeedKind.KEV, TestFiles.data("kev/known_exploited_vulnerabilities.json"), "erin");
      List<AuditLog.Event> feedEvents = events(db, "feed.import");
      assertThat(feedEvents).extracting(AuditLog.Event::actor).containsExactly("dave", "erin");
      assertThat(feedEvents).extracting(AuditLog.Event::targetId).containsOnly("kev");
      assertThat(feedEvents.get(0).before()).isNull();
      assertThat(json(feedEvents.get(0).after()).get("records").asLong()).isEqualTo(kev.records());
      assertThat(json(feedEvents.get(1).before()).get("version").asString()).isEqualTo(kev.version());
      assertThat(json(feedEvents.get(1).after()).get("version").asString()).isEqualTo(newer.version());
      assertThat(json(feedEvents.get(1).after()).get("records").asLong()).isEqualTo(newer.records());
      assertThat(new AuditLog(db).verify().intact()).isTrue();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void aMobilisationPassThatChangesFixGroupsIsOneEvent(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      MobilisationCycle cycle = new MobilisationCycle(db, new Slas(db, SlaPolicy.defaults()), NotificationRules.none());
      Instant now = Instant.now();
      scan(db, "alice", THREE);
      MobilisationCycle.Result tracked = cycle.run("ops", now);
      AuditLog.Event first = only(db, "mobilise.pass");
      assertThat(first.actor()).isEqualTo("ops");
      assertThat(json(first.after()).get("created")).hasSize(2);
      assertThat(json(first.after()).get("fixGroups").properties()).allSatisfy(g ->
          assertThat(g.getValue().asString()).isEqualTo("OPEN"));
      assertThat(json(first.before()).get("fixGroups").properties()).allSatisfy(g ->
          assertThat(g.getValue().isNull()).isTrue());
      assertThat(tracked.groupsVerified()).isEmpty();

      cycle.run("ops", now);
      assertThat(events(db, "mobilise.")).as("a pass that changes nothing records nothing").hasSize(1);

      scan(db, "alice", ZLIB_ONLY);
      MobilisationCycle.Result verified = cycle.run(now.plus(Duration.ofMinutes(1)));
      assertThat(verified.groupsVerified()).hasSize(1);
      String key = verified.groupsVerified().get(0);
      AuditLog.Event second = events(db, "mobilise.pass").get(1);
      assertThat(second.actor()).isEqualTo(MobilisationCycle.SCHEDULE_ACTOR);
      assertThat(json(second.before()).get("fixGroups").get(key).asString()).isEqualTo("OPEN");
      assertThat(json(second.after()).get("fixGroups").get(key).asString()).isEqualTo("VERIFIED");
      assertThat(json(second.after()).get("verified").get(0).asString()).isEqualTo(key);

      scan(db, "alice", THREE);
      cycle.run("ops", now.plus(Duration.ofMinutes(2)));
      AuditLog.Event third = events(db, "mobilise.pass").get(2);
      assertThat(json(third.before()).get("fixGroups").get(key).asString()).isEqualTo("VERIFIED");
      assertThat(json(third.after()).get("reopened").get(0).asString()).isEqualTo(key);
    }
  }
}
