package vigil.store.mobilise;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import vigil.engine.risk.Priority;
import vigil.store.Database;
import vigil.store.Sql;
import vigil.store.StoreException;

/**
 * Daily metric snapshots: open exposures by priority, opened and fixed that day (burn-down), mean
 * time to remediate by priority (days), SLA compliance (% of open exposures within SLA), attack
 * surface (assets, internet-facing assets). Taking a day again replaces its values.
 */
public final class Metrics {
  private final Database db;
  private final Slas slas;

  public Metrics(Database db, Slas slas) {
    this.db = Objects.requireNonNull(db, "db");
    this.slas = Objects.requireNonNull(slas, "slas");
  }

  /** One value of one metric on one day. */
  public record Point(LocalDate day, String name, String dimension, double value) {}

  /** Computes and stores the snapshot of {@code day} as things stand at {@code now}; returns it. */
  public List<Point> snapshot(LocalDate day, Instant now) {
    Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<Point> points = new ArrayList<>();
    List<SlaStatus> open = slas.all(now);
    Map<String, Integer> byPriority = new LinkedHashMap<>();
    for (Priority p : Priority.values()) {
      byPriority.put(p.name(), 0);
    }
    open.forEach(s -> byPriority.merge(s.priority().name(), 1, Integer::sum));
    byPriority.forEach((p, n) -> points.add(new Point(day, "open_exposures", p, n)));
    points.add(new Point(day, "open_exposures", "all", open.size()));
    long within = open.stream().filter(s -> !s.breached()).count();
    points.add(new Point(day, "sla_compliance_pct", "all", open.isEmpty() ? 100.0 : round(100.0 * within / open.size())));
    try (Connection c = db.connection()) {
      points.add(new Point(day, "opened", "all", count(c, "SELECT COUNT(*) FROM exposure WHERE first_seen >= ? AND first_seen < ?", from, to)));
      points.add(new Point(day, "fixed", "all", count(c, "SELECT COUNT(*) FROM exposure_event WHERE to_status = 'FIXED'"
          + " AND occurred_at >= ? AND occurred_at < ?", from, to)));
      mttr(c, to).forEach((p, days) -> points.add(new Point(day, "mttr_days", p, days)));
      points.add(new Point(day, "assets", "all", count(c, "SELECT COUNT(*) FROM asset")));
      points.add(new Point(day, "internet_facing_assets", "all",
          count(c, "SELECT COUNT(*) FROM asset_scope WHERE internet_facing = TRUE")));
      store(c, day, points);
    } catch (SQLException e) {
      throw new StoreException("cannot take the metrics snapshot of " + day, e);
    }
    return points;
  }

  /** Every stored point, by metric, day and dimension. */
  public List<Point> series() {
    List<Point> out = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT snapshot_day, name, dimension, metric_value FROM metric_snapshot"
            + " ORDER BY name, snapshot_day, dimension");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(new Point(rs.getObject(1, LocalDate.class), rs.getString(2), rs.getString(3), rs.getDouble(4)));
      }
    } catch (SQLException e) {
      throw new StoreException("cannot read the metric snapshots", e);
    }
    return out;
  }

  /** Mean days from first seen to fixed, over exposures fixed before {@code until}, by priority. */
  private static Map<String, Double> mttr(Connection c, Instant until) throws SQLException {
    Map<String, double[]> sums = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT priority, first_seen, status_changed_at FROM exposure"
        + " WHERE status = 'FIXED' AND status_changed_at < ?")) {
      Sql.setInstant(ps, 1, until);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          int p = rs.getInt(1);
          String priority = rs.wasNull() ? Priority.P4.name() : Priority.values()[p - 1].name();
          double days = Duration.between(Sql.instant(rs.getObject(2)), Sql.instant(rs.getObject(3))).toSeconds() / 86400.0;
          double[] s = sums.computeIfAbsent(priority, k -> new double[2]);
          s[0] += days;
          s[1]++;
        }
      }
    }
    Map<String, Double> out = new LinkedHashMap<>();
    sums.forEach((p, s) -> out.put(p, round(s[0] / s[1])));
    return out;
  }

  private static void store(Connection c, LocalDate day, List<Point> points) throws SQLException {
    c.setAutoCommit(false);
    try {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM metric_snapshot WHERE snapshot_day = ?")) {
        ps.setObject(1, day);
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement(
          "INSERT INTO metric_snapshot (snapshot_day, name, dimension, metric_value) VALUES (?,?,?,?)")) {
        for (Point p : points) {
          ps.setObject(1, p.day());
          ps.setString(2, p.name());
          ps.setString(3, p.dimension());
          ps.setDouble(4, p.value());
          ps.addBatch();
        }
        ps.executeBatch();
      }
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  private static long count(Connection c, String sql, Instant... params) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < params.length; i++) {
        Sql.setInstant(ps, i + 1, params[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
