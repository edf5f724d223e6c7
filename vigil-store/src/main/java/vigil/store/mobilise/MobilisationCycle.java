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
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vigil.engine.lifecycle.ExposureStatus;
import vigil.engine.risk.Priority;
import vigil.integrations.delivery.Channel;
import vigil.integrations.delivery.OutboxMessage;
import vigil.integrations.delivery.Targets;
import vigil.integrations.delivery.TicketCommand;
import vigil.integrations.notify.Notification;
import vigil.integrations.notify.NotificationEvent;
import vigil.integrations.ticket.TicketDraft;
import vigil.integrations.ticket.TicketRef;
import vigil.store.Database;
import vigil.store.Sql;
import vigil.store.StoreException;

/**
 * One pass of mobilisation after imports or on a schedule: expires risk acceptances, tracks fix
 * groups (new → ticket; all exposures fixed → verified, ticket closed; back again → reopened),
 * and queues the notifications the rules ask for (new P1 exposure, SLA breach and near-breach,
 * acceptance expiring soon, fix verified). Outbox rows are written in the same transaction as the
 * fix group changes they report; recurring checks are de-duplicated by key.
 */
public final class MobilisationCycle {
  static final String OPEN = "OPEN";
  static final String VERIFIED = "VERIFIED";

  private final Database db;
  private final FixGroups fixGroups;
  private final Slas slas;
  private final NotificationRules rules;

  public MobilisationCycle(Database db, Slas slas, NotificationRules rules) {
    this.db = Objects.requireNonNull(db, "db");
    this.slas = Objects.requireNonNull(slas, "slas");
    this.fixGroups = new FixGroups(db, slas);
    this.rules = Objects.requireNonNull(rules, "rules");
  }

  /** What one pass did. */
  public record Result(List<Long> acceptancesExpired, List<String> groupsVerified, List<String> groupsReopened,
      int messagesQueued) {}

  public Result run(Instant now) {
    List<Long> expired = new Decisions(db).expire(LocalDate.ofInstant(now, ZoneOffset.UTC), now);
    List<FixGroup> active = fixGroups.list(now);
    List<SlaStatus> sla = slas.all(now);
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
        pass.slaNotices(active, now);
        pass.newP1(sla);
        pass.acceptancesExpiring(now);
        c.commit();
        return new Result(expired, pass.verified, pass.reopened, pass.queued);
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

    void newP1(List<SlaStatus> sla) throws SQLException {
      for (SlaStatus s : sla) {
        if (s.priority() != Priority.P1) {
          continue;
        }
        for (Targets.Name t : rules.targets(NotificationEvent.NEW_P1_EXPOSURE)) {
          queue(OutboxMessage.of(t.channel(), t.target(), new Notification.NewP1Exposure(String.valueOf(s.exposureId()),
              s.title(), s.asset(), null, 0, "", s.owner(), null), now), "exposure.p1:" + t + ":" + s.exposureId(), null);
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

    private void setStatus(String key, String to, Instant verifiedAt) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("UPDATE fix_group SET status = ?, verified_at = ? WHERE group_key = ?")) {
        ps.setString(1, to);
        Sql.setInstant(ps, 2, verifiedAt);
        ps.setString(3, key);
        ps.executeUpdate();
      }
      status.put(key, to);
    }

    private void event(String key, String from, String to, String reason) throws SQLException {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO fix_group_event (id, group_key, from_status, to_status,"
          + " reason, occurred_at) VALUES (?,?,?,?,?,?)")) {
        ps.setLong(1, db.ids().next());
        ps.setString(2, key);
        ps.setString(3, from);
        ps.setString(4, to);
        ps.setString(5, Sql.cut(reason, 1024));
        Sql.setInstant(ps, 6, now);
        ps.executeUpdate();
      }
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
