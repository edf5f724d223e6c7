package vigil.store.mobilise;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.engine.mobilise.SlaPolicy;
import vigil.integrations.Settings;
import vigil.integrations.delivery.Dispatcher;
import vigil.integrations.delivery.RetryPolicy;
import vigil.integrations.delivery.Targets;
import vigil.integrations.ticket.TicketDraft;
import vigil.integrations.ticket.TicketRef;
import vigil.integrations.ticket.TicketState;
import vigil.integrations.ticket.TicketStatus;
import vigil.integrations.ticket.TicketSystem;
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
import vigil.store.security.Visibility;

/**
 * Fix group tracking, verification, SLA notices and outbox delivery, on H2 and PostgreSQL, with a
 * webhook receiver on loopback that is down first and back later.
 */
class MobilisationCycleTest {
  private static final AtomicInteger FILES = new AtomicInteger();
  private static final AssetRef A = AssetRef.builder(AssetKind.HOST).host("10.0.0.1").build();
  private static final AssetRef B = AssetRef.builder(AssetKind.HOST).host("10.0.0.2").build();
  private static final String OPENSSL = "upgrade:openssl@1.1.1w";

  static List<String> engines() {
    return TestDatabases.engines();
  }

  private static Observation upgrade(AssetRef asset, String cve, String component, String fixed) {
    Weakness w = new Weakness(WeaknessKind.VULNERABILITY, cve, "Issue " + cve, List.of(cve), List.of());
    return new Observation(asset, w, Location.component(component, "1.0", fixed, null), Severity.HIGH, "High",
        Cvss.NONE, "description", null, "evidence", null);
  }

  private static final List<Observation> WITH_OPENSSL = List.of(upgrade(A, "CVE-2023-0001", "openssl", "1.1.1w"),
      upgrade(B, "CVE-2023-0001", "openssl", "1.1.1w"), upgrade(B, "CVE-2023-0003", "zlib", "1.3"));
  private static final List<Observation> WITHOUT_OPENSSL = List.of(upgrade(B, "CVE-2023-0003", "zlib", "1.3"));

  private static void scan(Database db, List<Observation> found) throws Exception {
    String name = "scan-" + FILES.incrementAndGet();
    new Importer(db).run(new ImportRequest(name, "test", "Trivy", name + "-sha", "tester", Instant.now()), sink -> {
      sink.covered(A);
      sink.covered(B);
      found.forEach(sink::observation);
    });
  }

  private static long count(Database db, String where) {
    return TestDatabases.scalar(db, "SELECT COUNT(*) FROM " + where);
  }

  private static String errors(Database db) {
    try (var c = db.connection(); var st = c.createStatement();
        var rs = st.executeQuery("SELECT status, CAST(next_attempt_at AS VARCHAR(64)) || ' ' || COALESCE(last_error, '-') FROM outbox")) {
      StringBuilder sb = new StringBuilder();
      while (rs.next()) {
        sb.append(rs.getString(1)).append(": ").append(rs.getString(2)).append('\n');
      }
      return sb.toString();
    } catch (java.sql.SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private static NotificationRules rules(String... lines) {
    Properties p = new Properties();
    for (String l : lines) {
      String[] kv = l.split("=", 2);
      p.setProperty(kv[0], kv[1]);
    }
    return NotificationRules.fromProperties(p, "test rules");
  }

  @ParameterizedTest
  @MethodSource("engines")
  void verifiedFixGroupIsDeliveredOnceTheReceiverIsBackAndReappearanceReopensIt(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      int port = freePort();
      Targets targets = Targets.fromSettings(Settings.of(Map.of(
          "webhook.siem.url", "http://127.0.0.1:" + port + "/hook", "webhook.siem.secret", "k3y")), Clock.systemUTC());
      Dispatcher dispatcher = Dispatcher.of(targets, RetryPolicy.DEFAULT);
      MobilisationCycle cycle = new MobilisationCycle(db, new Slas(db, SlaPolicy.defaults()),
          rules("vigil.notify.fix.verified=webhook:siem"));
      Outbox outbox = new Outbox(db);
      Instant now = Instant.now();

      scan(db, WITH_OPENSSL);
      assertThat(cycle.run(now).messagesQueued()).isZero();
      assertThat(count(db, "fix_group WHERE status = 'OPEN'")).isEqualTo(2);

      scan(db, WITHOUT_OPENSSL);
      MobilisationCycle.Result verified = cycle.run(now);
      assertThat(verified.groupsVerified()).containsExactly(OPENSSL);
      assertThat(verified.messagesQueued()).isEqualTo(1);
      assertThat(count(db, "fix_group_event WHERE to_status = 'VERIFIED' AND group_key = '" + OPENSSL + "'")).isEqualTo(1);
      assertThat(count(db, "outbox WHERE status = 'PENDING' AND event = 'fix.verified'")).isEqualTo(1);
      assertThat(cycle.run(now).messagesQueued()).as("nothing new to say").isZero();

      // The receiver is down: the message stays, due later, with the reason.
      Outbox.Delivery down = outbox.deliverDue(dispatcher, now, 10);
      assertThat(down.retried()).isEqualTo(1);
      assertThat(count(db, "outbox WHERE status = 'PENDING' AND attempt = 1 AND last_error IS NOT NULL")).isEqualTo(1);
      assertThat(outbox.deliverDue(dispatcher, now, 10).retried()).as("not due yet").isZero();

      List<String> received = new CopyOnWriteArrayList<>();
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      server.createContext("/hook", ex -> {
        received.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
        ex.sendResponseHeaders(204, -1);
        ex.close();
      });
      server.start();
      try {
        Outbox.Delivery back = outbox.deliverDue(dispatcher, now.plus(Duration.ofDays(1)), 10);
        assertThat(back.delivered()).isEqualTo(1);
      } finally {
        server.stop(0);
      }
      assertThat(received).hasSize(1);
      assertThat(received.get(0)).contains("Upgrade openssl to 1.1.1w");
      assertThat(count(db, "outbox WHERE status = 'DELIVERED' AND delivered_at IS NOT NULL")).isEqualTo(1);

      scan(db, WITH_OPENSSL);
      assertThat(cycle.run(now).groupsReopened()).containsExactly(OPENSSL);
      assertThat(count(db, "fix_group WHERE status = 'OPEN'")).isEqualTo(2);
      assertThat(count(db, "fix_group_event WHERE from_status = 'VERIFIED' AND to_status = 'OPEN'")).isEqualTo(1);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void ticketPerFixGroupIsLinkedThenClosedOnVerificationAndBreachesAreQueuedOnce(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      MemoryTickets jira = new MemoryTickets();
      Targets targets = Targets.builder().add("sec", jira, List.of()).build();
      Dispatcher dispatcher = Dispatcher.of(targets, RetryPolicy.DEFAULT);
      MobilisationCycle cycle = new MobilisationCycle(db, new Slas(db, SlaPolicy.defaults()),
          rules("vigil.tickets=jira:sec", "vigil.tickets.min-priority=P4", "vigil.notify.sla.breach=webhook:siem"));
      Outbox outbox = new Outbox(db);
      Instant now = Instant.now();

      scan(db, WITH_OPENSSL);
      assertThat(cycle.run(now).messagesQueued()).isEqualTo(2);
      assertThat(outbox.deliverDue(dispatcher, now, 10).delivered()).as(() -> now + "\n" + errors(db)).isEqualTo(2);
      assertThat(jira.created).hasSize(2);
      assertThat(count(db, "fix_group_ticket WHERE group_key = '" + OPENSSL + "'")).isEqualTo(1);

      scan(db, WITHOUT_OPENSSL);
      cycle.run(now);
      assertThat(outbox.deliverDue(dispatcher, now, 10).delivered()).isEqualTo(1);
      assertThat(jira.transitions).containsExactly("close " + jira.created.get(OPENSSL_TICKET_ID));

      // A year on, zlib's group is past its SLA: one breach message however often the pass runs.
      Instant later = now.plus(Duration.ofDays(400));
      assertThat(cycle.run(later).messagesQueued()).isEqualTo(1);
      assertThat(cycle.run(later).messagesQueued()).isZero();
      assertThat(count(db, "outbox WHERE event = 'sla.breach' AND status = 'PENDING'")).isEqualTo(1);
    }
  }

  private static final String OPENSSL_TICKET_ID = MobilisationCycle.ticketId(OPENSSL);

  @ParameterizedTest
  @MethodSource("engines")
  void newP1NotificationCarriesTheRiskScoreAndItsExplanation(String engine) throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      new vigil.store.imports.FileImporter(db).importFile(
          vigil.ingest.ScanFile.of(vigil.store.TestFiles.corpus("cyclonedx/log4j.json")), null, "tester");
      new vigil.store.intel.FeedImporter(db, new vigil.store.risk.Rescorer(db)).importFile(vigil.intel.feeds.FeedKind.KEV,
          vigil.store.TestFiles.data("kev/known_exploited_vulnerabilities.json"), "tester");
      Slas slas = new Slas(db, SlaPolicy.defaults());
      List<SlaStatus> p1 = slas.all(Visibility.everything(), Instant.now()).stream().filter(x -> x.priority() == vigil.engine.risk.Priority.P1).toList();
      assertThat(p1).isNotEmpty();
      MobilisationCycle cycle = new MobilisationCycle(db, slas, rules("vigil.notify.exposure.p1=webhook:siem"));
      assertThat(cycle.run(Instant.now()).messagesQueued()).isEqualTo(p1.size());
      assertThat(cycle.run(Instant.now()).messagesQueued()).as("once per exposure and target").isZero();
      long id = p1.get(0).exposureId();
      vigil.engine.risk.RiskScore score = new vigil.store.risk.Rescorer(db).explain(List.of(id)).get(id);
      assertThat(score.summary()).isNotBlank();
      String payload;
      try (var c = db.connection(); var ps = c.prepareStatement("SELECT payload FROM outbox WHERE dedup_key = ?")) {
        ps.setString(1, "exposure.p1:webhook.siem:" + id);
        try (var rs = ps.executeQuery()) {
          assertThat(rs.next()).isTrue();
          payload = rs.getString(1);
        }
      }
      assertThat(payload).contains(String.valueOf(score.score()));
      assertThat(payload).contains(score.summary().substring(0, Math.min(40, score.summary().length())));
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void ticketClosedByThemAwaitsVerificationIsReopenedWhileStillSeenAndClosedByVerification(String engine)
      throws Exception {
    try (Database db = TestDatabases.open(engine)) {
      MemoryTickets jira = new MemoryTickets();
      Targets targets = Targets.builder().add("sec", jira, List.of()).build();
      Dispatcher dispatcher = Dispatcher.of(targets, RetryPolicy.DEFAULT);
      MobilisationCycle cycle = new MobilisationCycle(db, new Slas(db, SlaPolicy.defaults()),
          rules("vigil.tickets=jira:sec", "vigil.tickets.min-priority=P4"), targets);
      Outbox outbox = new Outbox(db);
      String flagged = "fix_group WHERE ticket_closed_at IS NOT NULL AND group_key = '" + OPENSSL + "'";

      scan(db, WITH_OPENSSL);
      Instant start = Instant.now();
      assertThat(cycle.run(start).messagesQueued()).isEqualTo(2);
      assertThat(outbox.deliverDue(dispatcher, start, 10).delivered()).isEqualTo(2);
      String key = jira.created.get(OPENSSL_TICKET_ID);

      jira.down = true;
      MobilisationCycle.Result failed = cycle.run(start);
      assertThat(failed.ticketSyncFailures()).as("failed reads are counted, the pass goes on").isEqualTo(2);
      assertThat(failed.ticketsClosedByThem()).isEmpty();
      jira.down = false;

      // Someone closes the openssl ticket in Jira; Vigil has not seen a scan since.
      jira.states.put(key, TicketState.CLOSED);
      Thread.sleep(5);
      Instant closedSeen = Instant.now();
      MobilisationCycle.Result synced = cycle.run(closedSeen);
      assertThat(synced.ticketsClosedByThem()).containsExactly(OPENSSL);
      assertThat(synced.ticketsReopened()).isEmpty();
      assertThat(synced.messagesQueued()).as("nothing else is queued").isZero();
      assertThat(count(db, flagged)).isEqualTo(1);
      assertThat(count(db, "fix_group WHERE status = 'OPEN' AND group_key = '" + OPENSSL + "'")).isEqualTo(1);
      assertThat(count(db, "fix_group_event WHERE reason = 'ticket closed in jira by them: awaiting verification'"
          + " AND group_key = '" + OPENSSL + "'")).isEqualTo(1);
      int reads = jira.reads.get();
      assertThat(cycle.syncTickets(Instant.now()).closedByThem()).as("recorded once").isEmpty();
      assertThat(jira.reads.get() - reads).as("only the zlib ticket is read again").isEqualTo(1);

      // The next covering scan still sees openssl: the ticket is reopened, with a comment.
      Thread.sleep(5);
      scan(db, WITH_OPENSSL);
      Instant later = Instant.now();
      MobilisationCycle.Result reopened = cycle.run(later);
      assertThat(reopened.ticketsReopened()).containsExactly(OPENSSL);
      assertThat(reopened.messagesQueued()).isEqualTo(2);
      assertThat(count(db, flagged)).isZero();
      assertThat(outbox.deliverDue(dispatcher, later, 10).delivered()).as(() -> errors(db)).isEqualTo(2);
      assertThat(jira.transitions).containsExactly("reopen " + key);
      assertThat(jira.comments).singleElement().asString().startsWith(key + ": Vigil still sees 2 exposure(s) on 2 asset(s)");
      assertThat(cycle.run(Instant.now()).messagesQueued()).as("reopened once").isZero();

      // Closed by them again; this time the fix is real: verification takes the usual close path.
      jira.states.put(key, TicketState.CLOSED);
      assertThat(cycle.syncTickets(Instant.now()).closedByThem()).containsExactly(OPENSSL);
      Thread.sleep(5);
      scan(db, WITHOUT_OPENSSL);
      Instant fixed = Instant.now();
      MobilisationCycle.Result verified = cycle.run(fixed);
      assertThat(verified.groupsVerified()).containsExactly(OPENSSL);
      assertThat(verified.ticketsReopened()).isEmpty();
      assertThat(count(db, flagged)).isZero();
      assertThat(outbox.deliverDue(dispatcher, fixed, 10).delivered()).isEqualTo(1);
      assertThat(jira.transitions).containsExactly("reopen " + key, "close " + key);
      assertThat(jira.comments).hasSize(1);
    }
  }

  /** A ticket system in memory: what was created and which transitions were asked for. */
  static final class MemoryTickets implements TicketSystem {
    final Map<String, String> created = new java.util.concurrent.ConcurrentHashMap<>();
    final List<String> transitions = new CopyOnWriteArrayList<>();
    final List<String> comments = new CopyOnWriteArrayList<>();
    /** Their side's state per ticket key; OPEN unless a test closes it. */
    final Map<String, TicketState> states = new java.util.concurrent.ConcurrentHashMap<>();
    final AtomicInteger reads = new AtomicInteger();
    volatile boolean down;

    @Override
    public String system() {
      return "jira";
    }

    @Override
    public TicketRef create(TicketDraft draft) {
      String key = "SEC-" + (created.size() + 1);
      created.put(draft.correlationId(), key);
      return new TicketRef("jira", "id-" + key, key, URI.create("https://jira.example/browse/" + key));
    }

    @Override
    public void update(TicketRef ticket, TicketDraft draft) {}

    @Override
    public void transition(TicketRef ticket, String state) {
      transitions.add(state + " " + ticket.key());
      states.put(ticket.key(), state.equals(REOPEN) ? TicketState.OPEN : TicketState.CLOSED);
    }

    @Override
    public void comment(TicketRef ticket, String text) {
      comments.add(ticket.key() + ": " + text);
    }

    @Override
    public TicketStatus fetchState(TicketRef ticket) {
      reads.incrementAndGet();
      if (down) {
        throw new IllegalStateException("ticket system down");
      }
      TicketState s = states.getOrDefault(ticket.key(), TicketState.OPEN);
      return new TicketStatus(s, s == TicketState.CLOSED ? "Done" : "To Do", Optional.empty());
    }

    @Override
    public Optional<TicketRef> find(String correlationId) {
      return Optional.empty();
    }
  }
}
