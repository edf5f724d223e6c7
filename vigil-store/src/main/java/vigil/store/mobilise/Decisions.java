package vigil.store.mobilise;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import vigil.engine.lifecycle.ExposureStatus;
import vigil.store.Database;
import vigil.store.Sql;
import vigil.store.StoreException;
import vigil.store.security.Actor;
import vigil.store.security.AuditLog;
import vigil.store.security.Visibility;

/**
 * People's decisions on exposures: risk acceptance (until a date, then back to open), false
 * positive. Each is one transaction that changes the status, keeps the record and writes the
 * exposure_event with actor and reason, and one audit event (statuses before and after) last.
 * Imports keep these statuses (see {@code Lifecycle}). An exposure the actor does not see is refused
 * as not found, so its existence does not leak; owners decide only on the assets they own ({@link
 * Actor#actsOn}).
 */
public final class Decisions {
  /** The actor of the expiry job's events. */
  public static final String EXPIRY_ACTOR = "vigil:acceptance-expiry";

  private final Database db;
  private final AuditLog audit;

  public Decisions(Database db) {
    this.db = Objects.requireNonNull(db, "db");
    this.audit = new AuditLog(db);
  }

  /** Accepts the risk of an open or reopened exposure. */
  public void accept(long exposureId, Acceptance a, Actor actor, Instant now) {
    acceptAll("exposure.accept", "exposure", String.valueOf(exposureId), List.of(exposureId), a, actor, now);
  }

  /** Accepts every exposure of a fix group, all or none. */
  public int acceptFixGroup(FixGroup group, Acceptance a, Actor actor, Instant now) {
    acceptAll("fixgroup.accept", "fix_group", group.key(), group.exposureIds(), a, actor, now);
    return group.exposureIds().size();
  }

  private void acceptAll(String action, String targetType, String targetId, List<Long> exposureIds, Acceptance a,
      Actor actor, Instant now) {
    if (!a.until().isAfter(LocalDate.ofInstant(now, ZoneOffset.UTC))) {
      throw new IllegalArgumentException("the acceptance must run until a future date, not " + a.until());
    }
    inTransaction(c -> {
      Map<String, String> before = new LinkedHashMap<>();
      for (long id : exposureIds) {
        ExposureStatus from = lockStatus(c, id, actor);
        before.put(String.valueOf(id), from.name());
        if (!from.active()) {
          throw new IllegalArgumentException("exposure " + id + " is " + from.label()
              + "; only open or reopened exposures can be accepted");
        }
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO risk_acceptance (id, exposure_id, justification,"
            + " requested_by, approver, accepted_until, created_at) VALUES (?,?,?,?,?,?,?)")) {
          ps.setLong(1, db.ids().next());
          ps.setLong(2, id);
          ps.setString(3, Sql.cut(a.justification(), 4000));
          ps.setString(4, a.requestedBy());
          ps.setString(5, a.approver());
          ps.setObject(6, a.until());
          Sql.setInstant(ps, 7, now);
          ps.executeUpdate();
        }
        transition(c, id, from, ExposureStatus.ACCEPTED, a.approver(),
            "risk accepted until " + a.until() + " (requested by " + a.requestedBy() + "): " + a.justification(), now);
      }
      Map<String, Object> after = new LinkedHashMap<>();
      after.put("exposures", statuses(exposureIds, ExposureStatus.ACCEPTED));
      after.put("until", a.until().toString());
      after.put("requestedBy", a.requestedBy());
      after.put("approver", a.approver());
      after.put("justification", a.justification());
      audit.record(c, AuditLog.Entry.of(actor.name(), action, targetType, targetId, Map.of("exposures", before), after,
          null), now);
    });
  }

  /** Marks an exposure a false positive; later imports keep it so. */
  public void falsePositive(long exposureId, String reason, Actor actor, Instant now) {
    if (reason == null || reason.isBlank()) {
      throw new IllegalArgumentException("a false positive needs a reason");
    }
    inTransaction(c -> {
      ExposureStatus from = lockStatus(c, exposureId, actor);
      if (from == ExposureStatus.FALSE_POSITIVE) {
        throw new IllegalArgumentException("exposure " + exposureId + " is already a false positive");
      }
      endAcceptances(c, exposureId, now);
      transition(c, exposureId, from, ExposureStatus.FALSE_POSITIVE, actor.name(), "false positive: " + reason.trim(),
          now);
      audit.record(c, AuditLog.Entry.of(actor.name(), "exposure.false-positive", "exposure", String.valueOf(exposureId),
          Map.of("status", from.name()), Map.of("status", ExposureStatus.FALSE_POSITIVE.name(), "reason", reason.trim()),
          null), now);
    });
  }

  /**
   * Returns to open every accepted exposure whose acceptance ran out before {@code today}, as the
   * expiry job ({@value #EXPIRY_ACTOR}).
   *
   * @return the exposures reopened
   */
  public List<Long> expire(LocalDate today, Instant now) {
    return expire(today, EXPIRY_ACTOR, now);
  }

  /**
   * Returns to open every accepted exposure whose acceptance ran out before {@code today}; {@code
   * actor} (who ran the expiry) is recorded in the audit trail, the exposures' events keep {@value
   * #EXPIRY_ACTOR}.
   *
   * @return the exposures reopened
   */
  public List<Long> expire(LocalDate today, String actor, Instant now) {
    List<Long> expired = new ArrayList<>();
    inTransaction(c -> {
      List<long[]> due = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT r.id, r.exposure_id FROM risk_acceptance r"
          + " WHERE r.ended_at IS NULL AND r.accepted_until < ? ORDER BY r.id FOR UPDATE")) {
        ps.setObject(1, today);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            due.add(new long[] {rs.getLong(1), rs.getLong(2)});
          }
        }
      }
      for (long[] d : due) {
        try (PreparedStatement ps = c.prepareStatement("UPDATE risk_acceptance SET ended_at = ? WHERE id = ?")) {
          Sql.setInstant(ps, 1, now);
          ps.setLong(2, d[0]);
          ps.executeUpdate();
        }
        if (lockStatus(c, d[1]) == ExposureStatus.ACCEPTED && !hasOpenAcceptance(c, d[1])) {
          transition(c, d[1], ExposureStatus.ACCEPTED, ExposureStatus.OPEN, EXPIRY_ACTOR,
              "risk acceptance expired (" + today.minusDays(1) + " was its last day or earlier)", now);
          expired.add(d[1]);
        }
      }
      if (!due.isEmpty()) {
        List<Long> ended = due.stream().map(d -> d[0]).toList();
        audit.record(c, AuditLog.Entry.of(actor, "acceptance.expire", "risk_acceptance", null,
            Map.of("exposures", statuses(expired, ExposureStatus.ACCEPTED)),
            Map.of("exposures", statuses(expired, ExposureStatus.OPEN), "acceptancesEnded", ended, "today",
                today.toString()), null), now);
      }
    });
    return expired;
  }

  private static Map<String, String> statuses(List<Long> exposureIds, ExposureStatus status) {
    Map<String, String> m = new LinkedHashMap<>();
    exposureIds.forEach(id -> m.put(String.valueOf(id), status.name()));
    return m;
  }

  private static boolean hasOpenAcceptance(Connection c, long exposureId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT COUNT(*) FROM risk_acceptance WHERE exposure_id = ? AND ended_at IS NULL")) {
      ps.setLong(1, exposureId);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1) > 0;
      }
    }
  }

  private static void endAcceptances(Connection c, long exposureId, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "UPDATE risk_acceptance SET ended_at = ? WHERE exposure_id = ? AND ended_at IS NULL")) {
      Sql.setInstant(ps, 1, now);
      ps.setLong(2, exposureId);
      ps.executeUpdate();
    }
  }

  /**
   * Locks an exposure the actor may decide on and returns its status.
   *
   * @throws NotFound when it does not exist or the actor does not see it
   * @throws Actor.Forbidden when the actor sees it but may not decide on it (an owner, not its asset's)
   */
  private static ExposureStatus lockStatus(Connection c, long exposureId, Actor actor) throws SQLException {
    if (!actor.visibility().all() && !onAsset(c, exposureId, actor.visibility())) {
      throw new NotFound("no exposure " + exposureId);
    }
    if (!actor.actsOn().all() && !onAsset(c, exposureId, actor.actsOn())) {
      throw new Actor.Forbidden(actor.name() + " (" + actor.role().label() + ") decides only on the assets they own;"
          + " exposure " + exposureId + " is on another's");
    }
    return lockStatus(c, exposureId);
  }

  private static boolean onAsset(Connection c, long exposureId, Visibility visible) throws SQLException {
    List<Object> args = new ArrayList<>(List.of(exposureId));
    String condition = visible.assetCondition("e.asset_id", args);
    try (PreparedStatement ps = ActiveExposures.prepare(c, "SELECT e.id FROM exposure e WHERE e.id = ?" + condition,
        args); ResultSet rs = ps.executeQuery()) {
      return rs.next();
    }
  }
  private static ExposureStatus lockStatus(Connection c, long exposureId) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT status FROM exposure WHERE id = ? FOR UPDATE")) {
      ps.setLong(1, exposureId);
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          throw new NotFound("no exposure " + exposureId);
        }
        return ExposureStatus.valueOf(rs.getString(1));
      }
    }
  }

  private void transition(Connection c, long exposureId, ExposureStatus from, ExposureStatus to, String actor,
      String reason, Instant now) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("UPDATE exposure SET status = ?, status_changed_at = ? WHERE id = ?")) {
      ps.setString(1, to.name());
      Sql.setInstant(ps, 2, now);
      ps.setLong(3, exposureId);
      ps.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO exposure_event (id, exposure_id, import_id,"
        + " from_status, to_status, actor, reason, occurred_at) VALUES (?,?,NULL,?,?,?,?,?)")) {
      ps.setLong(1, db.ids().next());
      ps.setLong(2, exposureId);
      ps.setString(3, from.name());
      ps.setString(4, to.name());
      ps.setString(5, Sql.cut(actor, 256));
      ps.setString(6, Sql.cut(reason, 1024));
      Sql.setInstant(ps, 7, now);
      ps.executeUpdate();
    }
  }

  private void inTransaction(Database.Work work) {
    db.inTransaction("cannot record the decision", work);
  }

  /** An exposure that does not exist, or that the actor does not see: the same answer for both. */
  public static final class NotFound extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    public NotFound(String message) {
      super(message);
    }
  }
}
