package vigil.store.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vigil.store.Database;
import vigil.store.Sql;

/**
 * The audit trail: every state change (imports, decisions, scope, accounts, teams, tokens,
 * secrets, settings) with who, when, what, and the state before and after. Append-only three
 * ways: the code only inserts; the database refuses updates and deletes (a trigger on both
 * engines); and each event's hash covers the previous one, so {@link #verify()} finds an event
 * removed or altered behind the database's back.
 *
 * <p>Events are appended inside the caller's transaction (an import and its event commit
 * together). Appending locks the chain head row, so concurrent writers, on one node or several,
 * append in one order; callers record their event last, just before committing, to hold it
 * briefly.
 */
public final class AuditLog {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  static final String GENESIS = "0".repeat(64);

  private final Database db;

  public AuditLog(Database db) {
    this.db = Objects.requireNonNull(db, "db");
  }

  /**
   * What happened.
   *
   * @param actor who (see {@link Actor#name()})
   * @param action a dotted verb: "import.create", "exposure.accept", "scope.apply", "token.revoke"
   * @param before the state before (a map, list or string; null for a creation)
   * @param after the state after (null for a removal)
   * @param source where the request came from (client address), if known
   */
  public record Entry(String actor, String action, String targetType, String targetId, Object before, Object after,
      String source) {
    public static Entry of(Actor by, String action, String targetType, String targetId, Object before, Object after) {
      return new Entry(by.name(), action, targetType, targetId, before, after, null);
    }

    public static Entry of(String actor, String action, String targetType, String targetId, Object before,
        Object after, String source) {
      return new Entry(actor, action, targetType, targetId, before, after, source);
    }
  }

  /** A stored event. {@code before}/{@code after} are JSON text. */
  public record Event(long seq, Instant at, String actor, String action, String targetType, String targetId,
      String before, String after, String source, String hash) {
    public Map<String, Object> view() {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("seq", seq);
      m.put("at", at.toString());
      m.put("actor", actor);
      m.put("action", action);
      m.put("targetType", targetType);
      m.put("targetId", targetId);
      m.put("before", before == null ? null : JSON.readTree(before));
      m.put("after", after == null ? null : JSON.readTree(after));
      m.put("source", source);
      m.put("hash", hash);
      return m;
    }
  }

  /** Appends an event in its own transaction. */
  public void record(Entry e, Instant now) {
    db.inTransaction("recording an audit event", c -> record(c, e, now));
  }

  /** Appends an event inside the caller's transaction (which must not be in auto-commit). */
  public void record(Connection c, Entry e, Instant now) throws SQLException {
    Instant at = now.truncatedTo(ChronoUnit.MILLIS);
    long seq;
    String prev;
    try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1 FOR UPDATE");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      seq = rs.getLong(1) + 1;
      prev = rs.getString(2);
    }
    String before = json(e.before());
    String after = json(e.after());
    String actor = Sql.cut(e.actor(), 256);
    String targetId = Sql.cut(e.targetId(), 256);
    String source = Sql.cut(e.source(), 128);
    String hash = hash(prev, seq, at, actor, e.action(), e.targetType(), targetId, before, after, source);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO audit_event (seq, at, actor, action, target_type,"
        + " target_id, before_state, after_state, source, prev_hash, hash) VALUES (?,?,?,?,?,?,?,?,?,?,?)")) {
      ps.setLong(1, seq);
      Sql.setInstant(ps, 2, at);
      ps.setString(3, actor);
      ps.setString(4, e.action());
      ps.setString(5, e.targetType());
      ps.setString(6, targetId);
      ps.setString(7, before);
      ps.setString(8, after);
      ps.setString(9, source);
      ps.setString(10, prev);
      ps.setString(11, hash);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("UPDATE audit_head SET seq = ?, hash = ? WHERE id = 1")) {
      ps.setLong(1, seq);
      ps.setString(2, hash);
      ps.executeUpdate();
    }
  }

  /** A query over the trail; null fields do not filter. */
  public record Query(Instant since, Instant until, String actor, String action, String targetType, String targetId,
      long afterSeq, int limit) {
    /** The first {@code limit} events of the trail, oldest first. */
    public static Query first(int limit) {
      return new Query(null, null, null, null, null, null, 0, limit);
    }
  }

  /** Events matching the query, oldest first, starting after {@code afterSeq} (for paging). */
  public List<Event> find(Query q) {
    if (q.limit() < 1 || q.limit() > 100_000) {
      throw new IllegalArgumentException("limit must be 1 to 100000");
    }
    StringBuilder where = new StringBuilder(" WHERE seq > ?");
    List<Object> args = new ArrayList<>();
    args.add(q.afterSeq());
    if (q.since() != null) {
      where.append(" AND at >= ?");
      args.add(Sql.ts(q.since()));
    }
    if (q.until() != null) {
      where.append(" AND at < ?");
      args.add(Sql.ts(q.until()));
    }
    if (q.actor() != null) {
      where.append(" AND actor = ?");
      args.add(q.actor());
    }
    if (q.action() != null) {
      // "exposure." matches every exposure action.
      where.append(q.action().endsWith(".") ? " AND action LIKE ?" : " AND action = ?");
      args.add(q.action().endsWith(".") ? q.action() + "%" : q.action());
    }
    if (q.targetType() != null) {
      where.append(" AND target_type = ?");
      args.add(q.targetType());
    }
    if (q.targetId() != null) {
      where.append(" AND target_id = ?");
      args.add(q.targetId());
    }
    return db.read("reading the audit trail", c -> {
      List<Event> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT seq, at, actor, action, target_type, target_id,"
          + " before_state, after_state, source, hash FROM audit_event" + where + " ORDER BY seq LIMIT ?")) {
        int i = 1;
        for (Object a : args) {
          ps.setObject(i++, a);
        }
        ps.setInt(i, q.limit());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new Event(rs.getLong(1), Sql.instant(rs.getObject(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10)));
          }
        }
      }
      return out;
    });
  }

  /** The outcome of checking the chain: intact, or the first event that does not fit. */
  public record Verification(boolean intact, long events, Long firstBrokenSeq, String problem) {}

  /** Re-computes the chain from the first event to the head. */
  public Verification verify() {
    return db.read("verifying the audit trail", c -> {
      String prev = GENESIS;
      long expected = 1;
      long count = 0;
      try (PreparedStatement ps = c.prepareStatement("SELECT seq, at, actor, action, target_type, target_id,"
          + " before_state, after_state, source, prev_hash, hash FROM audit_event ORDER BY seq")) {
        ps.setFetchSize(1000);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long seq = rs.getLong(1);
            if (seq != expected) {
              return new Verification(false, count, expected, "event " + expected + " is missing");
            }
            String hash = hash(prev, seq, Sql.instant(rs.getObject(2)), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9));
            if (!rs.getString(10).equals(prev) || !hash.equals(rs.getString(11))) {
              return new Verification(false, count, seq, "event " + seq + " does not match its hash");
            }
            prev = hash;
            expected++;
            count++;
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement("SELECT seq, hash FROM audit_head WHERE id = 1");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        if (rs.getLong(1) != count || !rs.getString(2).equals(prev)) {
          return new Verification(false, count, count + 1, "the chain ends before its recorded head "
              + rs.getLong(1) + " (events removed from the end)");
        }
      }
      return new Verification(true, count, null, null);
    });
  }

  private static String json(Object o) {
    if (o == null) {
      return null;
    }
    return o instanceof String s ? JSON.writeValueAsString(Map.of("value", s)) : JSON.writeValueAsString(o);
  }

  static String hash(String prev, long seq, Instant at, String actor, String action, String targetType,
      String targetId, String before, String after, String source) {
    StringBuilder s = new StringBuilder(prev);
    for (Object part : new Object[] {seq, at.truncatedTo(ChronoUnit.MILLIS), actor, action, targetType, targetId,
        before, after, source}) {
      s.append('\u001f').append(part == null ? "\u0000" : part.toString());
    }
    try {
      MessageDigest d = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(d.digest(s.toString().getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
