package vigil.store.mobilise;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import vigil.integrations.delivery.Channel;
import vigil.integrations.delivery.DeliveryOutcome;
import vigil.integrations.delivery.Dispatcher;
import vigil.integrations.delivery.OutboxMessage;
import vigil.integrations.ticket.TicketRef;
import vigil.store.Database;
import vigil.store.Dialect;
import vigil.store.Sql;
import vigil.store.StoreException;

/**
 * The outbox table: messages are added in the transaction of the change they report, and a worker
 * claims due ones (SKIP LOCKED on PostgreSQL, so several nodes share the work), hands each to the
 * {@link Dispatcher} and stores the outcome: delivered, due again later, or dead.
 */
public final class Outbox {
  private final Database db;

  public Outbox(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /** Counts by status, for reports and tests. */
  public record Delivery(int delivered, int retried, int dead) {}

  /**
   * Adds a message on the caller's connection (its transaction) unless one with the same {@code
   * dedupKey} was ever added; returns whether it was added.
   */
  static boolean add(Connection c, OutboxMessage m, String dedupKey, String fixGroupKey, Instant now) throws SQLException {
    if (dedupKey != null) {
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM outbox WHERE dedup_key = ?")) {
        ps.setString(1, dedupKey);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          if (rs.getLong(1) > 0) {
            return false;
          }
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO outbox (id, channel, target, event, payload, attempt,"
        + " next_attempt_at, status, dedup_key, fix_group_key, created_at) VALUES (?,?,?,?,?,?,?,'PENDING',?,?,?)")) {
      ps.setString(1, m.id());
      ps.setString(2, m.channel().key());
      ps.setString(3, m.target());
      ps.setString(4, m.event());
      ps.setString(5, m.payload());
      ps.setInt(6, m.attempt());
      Sql.setInstant(ps, 7, micros(m.nextAttemptAt()));
      ps.setString(8, dedupKey);
      ps.setString(9, fixGroupKey);
      Sql.setInstant(ps, 10, now);
      ps.executeUpdate();
    }
    return true;
  }

  /**
   * Delivers up to {@code max} due messages. The claimed rows stay locked until their outcomes are
   * stored, so no other worker sends them twice; a crash before commit leaves them due.
   */
  public Delivery deliverDue(Dispatcher dispatcher, Instant now, int max) {
    String lock = db.dialect() == Dialect.POSTGRES ? " FOR UPDATE SKIP LOCKED" : " FOR UPDATE";
    int delivered = 0;
    int retried = 0;
    int dead = 0;
    try (Connection c = db.connection()) {
      c.setAutoCommit(false);
      try {
        List<OutboxMessage> due = new ArrayList<>();
        List<String> groups = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT id, channel, target, event, payload, attempt, next_attempt_at,"
            + " fix_group_key FROM outbox WHERE status = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at, id"
            + " LIMIT " + max + lock)) {
          Sql.setInstant(ps, 1, now);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              due.add(new OutboxMessage(rs.getString(1), Channel.ofKey(rs.getString(2)).orElseThrow(), rs.getString(3),
                  rs.getString(4), rs.getString(5), rs.getInt(6), Sql.instant(rs.getObject(7))));
              groups.add(rs.getString(8));
            }
          }
        }
        for (int i = 0; i < due.size(); i++) {
          DeliveryOutcome outcome = dispatcher.dispatch(due.get(i));
          if (outcome instanceof DeliveryOutcome.Delivered d) {
            delivered++;
            markDelivered(c, d);
            if (groups.get(i) != null && d.ticket().isPresent()) {
              linkTicket(c, groups.get(i), due.get(i), d.ticket().get(), now);
            }
          } else if (outcome instanceof DeliveryOutcome.RetryLater r) {
            retried++;
            retry(c, r);
          } else if (outcome instanceof DeliveryOutcome.Failed f) {
            dead++;
            markDead(c, f);
          }
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("cannot deliver the outbox", e);
    }
    return new Delivery(delivered, retried, dead);
  }

  /** Both engines keep microseconds and round the rest: rounding up would make a message due now look due later. */
  private static Instant micros(Instant i) {
    return i.truncatedTo(ChronoUnit.MICROS);
  }

  private static void markDelivered(Connection c, DeliveryOutcome.Delivered d) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE outbox SET status = 'DELIVERED', attempt = ?, delivered_at = ?,"
        + " last_error = NULL WHERE id = ?")) {
      ps.setInt(1, d.attempts());
      Sql.setInstant(ps, 2, d.deliveredAt());
      ps.setString(3, d.messageId());
      ps.executeUpdate();
    }
  }

  private static void retry(Connection c, DeliveryOutcome.RetryLater r) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE outbox SET attempt = ?, next_attempt_at = ?, last_error = ? WHERE id = ?")) {
      ps.setInt(1, r.next().attempt());
      Sql.setInstant(ps, 2, micros(r.next().nextAttemptAt()));
      ps.setString(3, Sql.cut(r.reason(), 2048));
      ps.setString(4, r.next().id());
      ps.executeUpdate();
    }
  }

  private static void markDead(Connection c, DeliveryOutcome.Failed f) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE outbox SET status = 'DEAD', attempt = ?, last_error = ? WHERE id = ?")) {
      ps.setInt(1, f.attempts());
      ps.setString(2, Sql.cut(f.reason(), 2048));
      ps.setString(3, f.messageId());
      ps.executeUpdate();
    }
  }

  private static void linkTicket(Connection c, String groupKey, OutboxMessage m, TicketRef t, Instant now)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM fix_group_ticket WHERE group_key = ?")) {
      ps.setString(1, groupKey);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) > 0) {
          return;
        }
      }
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO fix_group_ticket (group_key, channel, target, system,"
        + " ticket_id, ticket_key, url, created_at) VALUES (?,?,?,?,?,?,?,?)")) {
      ps.setString(1, groupKey);
      ps.setString(2, m.channel().key());
      ps.setString(3, m.target());
      ps.setString(4, t.system());
      ps.setString(5, t.id());
      ps.setString(6, t.key());
      ps.setString(7, t.url().toString());
      Sql.setInstant(ps, 8, now);
      ps.executeUpdate();
    }
  }
}
