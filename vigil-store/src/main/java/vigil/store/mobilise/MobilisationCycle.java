package vigil.store.mobilise;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vigil.engine.lifecycle.ExposureStatus;
import vigil.engine.risk.Priority;
import vigil.engine.risk.RiskScore;
import vigil.integrations.IntegrationException;
import vigil.integrations.delivery.Channel;
import vigil.integrations.delivery.OutboxMessage;
import vigil.integrations.delivery.Targets;
import vigil.integrations.delivery.TicketCommand;
import vigil.integrations.notify.Notification;
import vigil.integrations.notify.NotificationEvent;
import vigil.integrations.ticket.TicketDraft;
import vigil.integrations.ticket.TicketRef;
import vigil.integrations.ticket.TicketState;
import vigil.integrations.ticket.TicketSystem;
import vigil.store.Database;
import vigil.store.Sql;
import vigil.store.StoreException;
import vigil.store.risk.Rescorer;
import vigil.store.security.AuditLog;
import vigil.store.security.Visibility;

/**
 * One pass of mobilisation after imports or on a schedule: expires risk acceptances, tracks fix
 * groups (new → ticket; all exposures fixed → verified, ticket closed; back again → reopened),
 * and queues the notifications the rules ask for (new P1 exposure, SLA breach and near-breach,
 * acceptance expiring soon, fix verified). With targets it also syncs tickets both ways: a ticket
 * closed on their side marks its group as awaiting verification, and a later scan that still sees
 * the group's exposures reopens the ticket with a comment (ADR 008, V7). Outbox rows are written in the same transaction as the
 * fix group changes they report; recurring checks are de-duplicated by key.
 */
public final class MobilisationCycle {
  static final String OPEN = "OPEN";
  static final String VERIFIED = "VERIFIED";
  /** The audit trail's actor of passes nobody asked for (the server's schedule). */
  public static final String SCHEDULE_ACTOR = "vigil:mobilisation";

  private final Database db;
  private final AuditLog audit;
  private final FixGroups fixGroups;
  private final Slas slas;
  private final NotificationRules rules;
  private final Optional<Targets> targets;

  public MobilisationCycle(Database db, Slas slas, NotificationRules rules) {
    this(db, slas, rules, null);
  }

  /**
   * With {@code targets} (may be null) the pass also syncs tickets both ways: it reads the state of
   * every linked ticket of an unverified fix group from the ticket system behind its target.
   */
  public MobilisationCycle(Database db, Slas slas, NotificationRules rules, Targets targets) {
    this.db = Objects.requireNonNull(db, "db");
    this.audit = new AuditLog(db);
    this.slas = Objects.requireNonNull(slas, "slas");
    this.fixGroups = new FixGroups(db, slas);
    this.rules = Objects.requireNonNull(rules, "rules");
    this.targets = Optional.ofNullable(targets);
  }

  /**
   * What one pass did. {@code ticketsClosedByThem}: groups whose ticket people closed on their side
   * (now awaiting verification); {@code ticketsReopened}: groups whose such ticket was reopened
   * because a later scan still saw exposures.
   */
  public record Result(List<Long> acceptancesExpired, List<String> groupsVerified, List<String> groupsReopened,
      int messagesQueued, List<String> ticketsClosedByThem, List<String> ticketsReopened, int ticketSyncFailures) {
    public Result(List<Long> acceptancesExpired, List<String> groupsVerified, List<String> groupsReopened,
        int messagesQueued) {
      this(acceptancesExpired, groupsVerified, groupsReopened, messagesQueued, List.of(), List.of(), 0);
    }
  }

  /** What a ticket sync did: groups whose ticket was found closed on their side, and failed reads. */
  public record SyncResult(List<String> closedByThem, int checked, int failures) {}

  /**
   * Two-way ticket sync on its own: for each unverified fix group with a linked ticket that is not
   * already awaiting verification, reads the ticket's state; a ticket closed on their side is
   * recorded (fix_group_event, ticket_closed_at) and nothing is queued. Reads happen outside any
   * transaction; a failed read is counted and retried on the next pass. Without targets, a no-op.
   * As the schedule ({@value #SCHEDULE_ACTOR}).
   */
  public SyncResult syncTickets(Instant now) {
    return syncTickets(SCHEDULE_ACTOR, now);
  }

  /**
   * Two-way ticket sync on its own (see {@link #syncTickets(Instant)}); tickets found closed on
   * their side are recorded in the audit trail as one event by {@code actor}.
   */
  public SyncResult syncTickets(String actor, Instant now) {
    if (targets.isEmpty()) {
      return new SyncResult(List.of(), 0, 0);
    }
    record Linked(String key, Channel channel, String target, TicketRef ref) {}
    List<Linked> linked = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT t.group_key, t.channel, t.target, t.system, t.ticket_id,"
            + " t.ticket_key, t.url FROM fix_group_ticket t JOIN fix_group g ON g.group_key = t.group_key"
            + " WHERE g.status = ? AND g.ticket_closed_at IS NULL ORDER BY t.group_key")) {
      ps.setString(1, OPEN);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Optional<Channel> ch = Channel.ofKey(rs.getString(2));
          if (ch.isEmpty()) {
            continue;
          }
          linked.add(new Linked(rs.getString(1), ch.get(), rs.getString(3), new TicketRef(rs.getString(4),
              rs.getString(5), rs.getString(6), URI.create(rs.getString(7)))));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the linked tickets", e);
    }
    List<Linked> closed = new ArrayList<>();
    int failures = 0;
    for (Linked l : linked) {
      Optional<TicketSystem> system = targets.get().ticketSystem(l.channel(), l.target());
      if (system.isEmpty()) {
        failures++;
        continue;
      }
      try {
        if (system.get().fetchState(l.ref()).state() == TicketState.CLOSED) {
          closed.add(l);
        }
      } catch (IntegrationException e) {
        failures++;
      } catch (RuntimeException e) {
        // A broken ticket client must not stop the pass's notifications: count it, retry next pass.
        failures++;
      }
    }
    List<String> recorded = new ArrayList<>();
    if (!closed.isEmpty()) {
      try (Connection c = db.connection()) {
        c.setAutoCommit(false);
        try {
          for (Linked l : closed) {
            // Only a group still OPEN and not yet flagged: a concurrent pass may have verified it meanwhile.
            try (PreparedStatement ps = c.prepareStatement("UPDATE fix_group SET ticket_closed_at = ?"
                + " WHERE group_key = ? AND status = ? AND ticket_closed_at IS NULL")) {
              Sql.setInstant(ps, 1, now);
              ps.setString(2, l.key());
              ps.setString(3, OPEN);
              if (ps.executeUpdate() == 0) {
                continue;
              }
            }
            insertEvent(c, l.key(), OPEN, OPEN, "ticket closed in " + l.ref().system() + " by them: awaiting verification",
                now);
            recorded.add(l.key());
          }
          if (!recorded.isEmpty()) {
            audit.record(c, AuditLog.Entry.of(actor, "mobilise.ticket-sync", "mobilisation", null, null,
                Map.of("ticketsClosedByThem", recorded), null), now);
          }
          c.commit();
        } catch (SQLException | RuntimeException e) {
          c.rollback();
          throw e;
        } finally {
          c.setAutoCommit(true);
        }
      } catch (SQLException e) {
        throw new StoreException("cannot record the ticket sync", e);
      }
    }
    return new SyncResult(recorded, linked.size(), failures);
  }

  /** One pass as the schedule ({@value #SCHEDULE_ACTOR}). */
  public Result run(Instant now) {
    return run(SCHEDULE_ACTOR, now);
  }

  /**
   * One pass: acceptance expiry, ticket sync, fix group tracking and notifications. Each of its
   * transactions that changes something records one audit event by {@code actor} summarising it
   * ({@code acceptance.expire}, {@code mobilise.ticket-sync}, {@code mobilise.pass}).
   */
  public Result run(String actor, Instant now) {
    List<Long> expired = new Decisions(db).expire(LocalDate.ofInstant(now, ZoneOffset.UTC), actor, now);
    SyncResult sync = syncTickets(actor, now);
    List<FixGroup> active = fixGroups.list(Visibility.everything(), now);
    List<SlaStatus> sla = slas.all(Visibility.everything(), now);
    Map<Long, RiskScore> p1Scores = p1Scores(sla);
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        // Imports hold this lock too: a pass sees no half-imported scan and two passes never overlap.
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM import_lock WHERE id = 1 FOR UPDATE");
            ResultSet rs = ps.executeQuery()) {
          rs.next();
        }
        Pass pass = new Pass(c, now);
        pass.track(active);
        pass.verify(active);
        pass.reopenClosedTickets(active);
        pass.slaNotices(active, now);
        pass.newP1(sla, p1Scores);
        pass.acceptancesExpiring(now);
        pass.audit(actor);
        c.commit();
        return new Result(expired, pass.verified, pass.reopened, pass.queued, sync.closedByThem(), pass.ticketsReopened,
            sync.failures());
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot run the mobilisation pass", e);
    }
  }

  /**
   * Risk score and explanation of the P1 exposures some target has not yet heard about, computed
   * before the pass's transaction so the explanation reads do not run under the import lock.
   */
  private Map<Long, RiskScore> p1Scores(List<SlaStatus> sla) {
    List<Targets.Name> p1Targets = rules.targets(NotificationEvent.NEW_P1_EXPOSURE);
    if (p1Targets.isEmpty()) {
      return Map.of();
    }
    Set<String> sent = new HashSet<>();
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT dedup_key FROM outbox WHERE dedup_key LIKE 'exposure.p1:%'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        sent.add(rs.getString(1));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the outbox", e);
    }
    List<Long> ids = new ArrayList<>();
    for (SlaStatus s : sla) {
      if (s.priority() == Priority.P1
          && p1Targets.stream().anyMatch(t -> !sent.contains("exposure.p1:" + t + ":" + s.exposureId()))) {
        ids.add(s.exposureId());
      }
    }
    return ids.isEmpty() ? Map.of() : new Rescorer(db).explain(ids);
  }

  private void insertEvent(Connection c, String key, String from, String to, String reason, Instant at)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO fix_group_event (id, group_key, from_status, to_status,"
        + " reason, occurred_at) VALUES (?,?,?,?,?,?)")) {
      ps.setLong(1, db.ids().next());
      ps.setString(2, key);
      ps.setString(3, from);
      ps.setString(4, to);
      ps.setString(5, Sql.cut(reason, 1024));
      Sql.setInstant(ps, 6, at);
      ps.executeUpdate();
    }
  }

  /** The ticket correlation id of a fix group: short, and safe as a Jira label. */
  public static String ticketId(String groupKey) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(groupKey.getBytes(StandardCharsets.UTF_8));
      return "fg-" + HexFormat.of().formatHex(d).substring(0, 12);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is missing from this JVM", e);
    }
  }

  private final class Pass {
    final Connection c;
    final Instant now;
    final Map<String, String> status = new HashMap<>();
    final List<String> verified = new ArrayList<>();
    final List<String> reopened = new ArrayList<>();
    final List<String> ticketsReopened = new ArrayList<>();
    final List<String> created = new ArrayList<>();
    /** Fix groups whose status this pass changed, with the status they had before (null: new). */
    final Map<String, String> statusBefore = new LinkedHashMap<>();
    int queued;

    Pass(Connection c, Instant now) throws SQLException {
      this.c = c;
      this.now = now;
      try (PreparedStatement ps = c.prepareStatement("SELECT group_key, status FROM fix_group");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          status.put(rs.getString(1), rs.getString(2));
        }
      }
    }

    void track(List<FixGroup> active) throws SQLException {
      for (FixGroup g : active) {
        String s = status.get(g.key());
        if (s == null) {
          try (PreparedStatement ps = c.prepareStatement(
              "INSERT INTO fix_group (group_key, title, status, first_seen) VALUES (?,?,?,?)")) {
            ps.setString(1, g.key());
            ps.setString(2, Sql.cut(g.title(), 1024));
            ps.setString(3, OPEN);
            Sql.setInstant(ps, 4, now);
            ps.executeUpdate();
          }
          event(g.key(), null, OPEN, g.exposures() + " active exposure(s) on " + g.assets() + " asset(s)");
          status.put(g.key(), OPEN);
          created.add(g.key());
          statusBefore.put(g.key(), null);
          if (rules.tickets().isPresent() && g.maxPriority().compareTo(rules.ticketMinPriority()) <= 0) {
            Targets.Name t = rules.tickets().get();
            TicketDraft draft = TicketDraft.builder(ticketId(g.key()), g.title()).build();
            queue(OutboxMessage.of(t.channel(), t.target(), new TicketCommand.Create(draft), now),
                "ticket.create:" + g.key(), g.key());
          }
        } else if (s.equals(VERIFIED)) {
          setStatus(g.key(), OPEN, null);
          event(g.key(), VERIFIED, OPEN, "reappeared: " + g.exposures() + " active exposure(s)");
          reopened.add(g.key());
          Optional<TicketRef> ticket = ticket(g.key());
          if (ticket.isPresent()) {
            Targets.Name t = ticketTarget(g.key());
            queue(OutboxMessage.of(t.channel(), t.target(), new TicketCommand.Transition(ticket.get(), "reopen"), now),
                null, g.key());
          }
        }
      }
    }

    void verify(List<FixGroup> active) throws SQLException {
      Set<String> activeKeys = new HashSet<>();
      active.forEach(g -> activeKeys.add(g.key()));
      Map<String, Map<ExposureStatus, Integer>> statuses = ActiveExposures.statusesByGroup(c);
      for (Map.Entry<String, String> e : Map.copyOf(status).entrySet()) {
        String key = e.getKey();
        if (!e.getValue().equals(OPEN) || activeKeys.contains(key)
            || !statuses.getOrDefault(key, Map.of()).keySet().equals(Set.of(ExposureStatus.FIXED))) {
          continue;
        }
        setStatus(key, VERIFIED, now);
        clearTicketClosed(key);
        event(key, OPEN, VERIFIED, "every exposure fixed, confirmed by covering scans");
        verified.add(key);
        String title = title(key);
        for (Targets.Name t : rules.targets(NotificationEvent.FIX_VERIFIED)) {
          queue(OutboxMessage.of(t.channel(), t.target(),
              new Notification.FixVerified(ticketId(key), title, statuses.get(key).get(ExposureStatus.FIXED), "covering scan", now, null), now),
              null, key);
        }
        Optional<TicketRef> ticket = ticket(key);
        if (ticket.isPresent()) {
          Targets.Name t = ticketTarget(key);
          queue(OutboxMessage.of(t.channel(), t.target(), new TicketCommand.Transition(ticket.get(), "close"), now),
              null, key);
        }
      }
    }

    /**
     * Groups whose ticket people closed while Vigil had not verified the fix: when a scan after the
     * close still sees exposures of the group, the ticket is reopened with a comment saying so.
     */
    void reopenClosedTickets(List<FixGroup> active) throws SQLException {
      for (FixGroup g : active) {
        if (!OPEN.equals(status.get(g.key())) || g.exposureIds().isEmpty()) {
          continue;
        }
        Instant closedAt;
        try (PreparedStatement ps = c.prepareStatement("SELECT ticket_closed_at FROM fix_group WHERE group_key = ?")) {
          ps.setString(1, g.key());
          try (ResultSet rs = ps.executeQuery()) {
            closedAt = rs.next() ? Sql.instant(rs.getObject(1)) : null;
          }
        }
        if (closedAt == null) {
          continue;
        }
        Instant lastSeen = null;
        for (List<Long> chunk : Sql.chunks(g.exposureIds(), 500)) {
          String in = String.join(",", java.util.Collections.nCopies(chunk.size(), "?"));
          try (PreparedStatement ps = c.prepareStatement("SELECT MAX(last_seen) FROM exposure WHERE id IN (" + in + ")")) {
            for (int i = 0; i < chunk.size(); i++) {
              ps.setLong(i + 1, chunk.get(i));
            }
            try (ResultSet rs = ps.executeQuery()) {
              Instant seen = rs.next() ? Sql.instant(rs.getObject(1)) : null;
              lastSeen = seen != null && (lastSeen == null || seen.isAfter(lastSeen)) ? seen : lastSeen;
            }
          }
        }
        if (lastSeen == null || !lastSeen.isAfter(closedAt)) {
          continue; // no covering scan since their close yet
        }
        clearTicketClosed(g.key());
        String text = "Vigil still sees " + g.exposures() + " exposure(s) on " + g.assets() + " asset(s) for \""
            + g.title() + "\" (last seen " + lastSeen + "), so the fix is not verified; reopening."
            + " Vigil closes this ticket itself once a covering scan confirms the fix.";
        event(g.key(), OPEN, OPEN, "ticket reopened: " + text);
        ticketsReopened.add(g.key());
        Optional<TicketRef> ticket = ticket(g.key());
        if (ticket.isPresent()) {
          Targets.Name t = ticketTarget(g.key());
          queue(OutboxMessage.of(t.channel(), t.target(), new TicketCommand.Transition(ticket.get(), TicketSystem.REOPEN), now),
              null, g.key());
          queue(OutboxMessage.of(t.channel(), t.target(), new TicketCommand.Comment(ticket.get(), text), now), null, g.key());
        }
      }
    }

    private void clearTicketClosed(String key) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("UPDATE fix_group SET ticket_closed_at = NULL WHERE group_key = ?")) {
        ps.setString(1, key);
        ps.executeUpdate();
      }
    }

    void slaNotices(List<FixGroup> active, Instant now) throws SQLException {
      for (FixGroup g : active) {
        String owner = String.join(", ", g.owners());
        if (!g.slaDue().isAfter(now)) {
          for (Targets.Name t : rules.targets(NotificationEvent.SLA_BREACH)) {
            queue(OutboxMessage.of(t.channel(), t.target(), new Notification.SlaBreach(ticketId(g.key()), g.title(),
                owner, g.maxPriority().name(), g.slaDue(), g.exposures(), null), now),
                "sla.breach:" + t + ":" + g.key() + ":" + g.slaDue(), g.key());
          }
        } else if (!g.slaDue().isAfter(now.plus(rules.nearBreachWithin()))) {
          for (Targets.Name t : rules.targets(NotificationEvent.SLA_NEAR_BREACH)) {
            queue(OutboxMessage.of(t.channel(), t.target(), new Notification.SlaNearBreach(ticketId(g.key()), g.title(),
                owner, g.maxPriority().name(), g.slaDue(), g.exposures(), null), now),
                "sla.near_breach:" + t + ":" + g.key() + ":" + g.slaDue(), g.key());
          }
        }
      }
    }

    void newP1(List<SlaStatus> sla, Map<Long, RiskScore> scores) throws SQLException {
      for (SlaStatus s : sla) {
        if (s.priority() != Priority.P1) {
          continue;
        }
        RiskScore score = scores.get(s.exposureId());
        double risk = score == null ? 0 : score.score();
        String explanation = score == null || score.summary() == null ? "" : score.summary();
        for (Targets.Name t : rules.targets(NotificationEvent.NEW_P1_EXPOSURE)) {
          queue(OutboxMessage.of(t.channel(), t.target(), new Notification.NewP1Exposure(String.valueOf(s.exposureId()),
              s.title(), s.asset(), null, risk, explanation, s.owner(), null), now), "exposure.p1:" + t + ":" + s.exposureId(), null);
        }
      }
    }

    void acceptancesExpiring(Instant now) throws SQLException {
      List<Targets.Name> targets = rules.targets(NotificationEvent.ACCEPTANCE_EXPIRING);
      if (targets.isEmpty()) {
        return;
      }
      LocalDate limit = LocalDate.ofInstant(now.plus(rules.acceptanceExpiringWithin()), ZoneOffset.UTC);
      try (PreparedStatement ps = c.prepareStatement("SELECT r.id, w.title, a.name, r.approver, r.accepted_until"
          + " FROM risk_acceptance r JOIN exposure e ON e.id = r.exposure_id JOIN weakness w ON w.id = e.weakness_id"
          + " JOIN asset a ON a.id = e.asset_id WHERE r.ended_at IS NULL AND r.accepted_until <= ? ORDER BY r.id")) {
        ps.setObject(1, limit);
        List<Notification.AcceptanceExpiring> notices = new ArrayList<>();
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Instant expires = rs.getObject(5, LocalDate.class).plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
            notices.add(new Notification.AcceptanceExpiring(String.valueOf(rs.getLong(1)), rs.getString(2),
                rs.getString(3), rs.getString(4), expires, null));
          }
        }
        for (Notification.AcceptanceExpiring n : notices) {
          for (Targets.Name t : targets) {
            queue(OutboxMessage.of(t.channel(), t.target(), n, now), "acceptance.expiring:" + t + ":" + n.acceptanceId(), null);
          }
        }
      }
    }

    private void queue(OutboxMessage m, String dedupKey, String groupKey) throws SQLException {
      if (Outbox.add(c, m, dedupKey, groupKey, now)) {
        queued++;
      }
    }

    /**
     * One audit event for the pass, when it changed anything: fix groups' statuses before and
     * after, tickets reopened, messages queued. Not one per exposure or group: a pass over a large
     * estate stays one row.
     */
    void audit(String actor) throws SQLException {
      if (statusBefore.isEmpty() && ticketsReopened.isEmpty() && queued == 0) {
        return;
      }
      Map<String, String> after = new LinkedHashMap<>();
      statusBefore.keySet().forEach(k -> after.put(k, status.get(k)));
      Map<String, Object> summary = new LinkedHashMap<>();
      summary.put("fixGroups", after);
      summary.put("created", created);
      summary.put("verified", verified);
      summary.put("reopened", reopened);
      summary.put("ticketsReopened", ticketsReopened);
      summary.put("messagesQueued", queued);
      audit.record(c, AuditLog.Entry.of(actor, "mobilise.pass", "mobilisation", null,
          Map.of("fixGroups", statusBefore), summary, null), now);
    }

    private void setStatus(String key, String to, Instant verifiedAt) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("UPDATE fix_group SET status = ?, verified_at = ? WHERE group_key = ?")) {
        ps.setString(1, to);
        Sql.setInstant(ps, 2, verifiedAt);
        ps.setString(3, key);
        ps.executeUpdate();
      }
      if (!statusBefore.containsKey(key)) {
        statusBefore.put(key, status.get(key));
      }
      status.put(key, to);
    }

    private void event(String key, String from, String to, String reason) throws SQLException {
      insertEvent(c, key, from, to, reason, now);
    }

    private String title(String key) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("SELECT title FROM fix_group WHERE group_key = ?")) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    }

    private Optional<TicketRef> ticket(String key) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT system, ticket_id, ticket_key, url FROM fix_group_ticket WHERE group_key = ?")) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new TicketRef(rs.getString(1), rs.getString(2), rs.getString(3),
              URI.create(rs.getString(4)))) : Optional.empty();
        }
      }
    }

    private Targets.Name ticketTarget(String key) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("SELECT channel, target FROM fix_group_ticket WHERE group_key = ?")) {
        ps.setString(1, key);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          return new Targets.Name(Channel.ofKey(rs.getString(1)).orElseThrow(), rs.getString(2));
        }
      }
    }
  }
}
