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

  /** A ticket system in memory: what was created and which transitions were asked for. */
  static final class MemoryTickets implements TicketSystem {
    final Map<String, String> created = new java.util.concurrent.ConcurrentHashMap<>();
    final List<String> transitions = new CopyOnWriteArrayList<>();

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
    }

    @Override
    public void comment(TicketRef ticket, String text) {}

    @Override
    public TicketStatus fetchState(TicketRef ticket) {
      throw new UnsupportedOperationException("not needed");
    }

    @Override
    public Optional<TicketRef> find(String correlationId) {
      return Optional.empty();
    }
  }
}
