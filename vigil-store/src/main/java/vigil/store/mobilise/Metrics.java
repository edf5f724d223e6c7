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
import vigil.store.security.Visibility;

/**
 * Daily metric snapshots: open exposures by priority, opened and fixed that day (burn-down), mean
 * time to remediate by priority (days), SLA compliance (% of open exposures within SLA), attack
 * surface (assets, internet-facing assets). Taking a day again replaces its values. The stored
 * snapshots are of the whole estate; {@link #today} computes the same figures over what one
 * reader sees, without storing them.
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
    try (Connection c = db.connection()) {
      List<Point> points = compute(c, Visibility.everything(), day, now);
      store(c, day, points);
      return points;
    } catch (SQLException e) {
      throw new StoreException("cannot take the metrics snapshot of " + day, e);
    }
  }

  /** The figures of {@code day} as things stand at {@code now}, over the visible assets only; stores nothing. */
  public List<Point> today(Visibility visible, LocalDate day, Instant now) {
    try (Connection c = db.connection()) {
      return compute(c, visible, day, now);
    } catch (SQLException e) {
      throw new StoreException("cannot compute the metrics of " + day, e);
    }
  }

  private List<Point> compute(Connection c, Visibility visible, LocalDate day, Instant now) throws SQLException {
    Instant from = day.atStartOfDay(ZoneOffset.UTC).toInstant();
    Instant to = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant();
    List<Point> points = new ArrayList<>();
    List<SlaStatus> open = slas.all(visible, now);
    Map<String, Integer> byPriority = new LinkedHashMap<>();
    for (Priority p : Priority.values()) {
      byPriority.put(p.name(), 0);
    }
    open.forEach(s -> byPriority.merge(s.priority().name(), 1, Integer::sum));
    byPriority.forEach((p, n) -> points.add(new Point(day, "open_exposures", p, n)));
    points.add(new Point(day, "open_exposures", "all", open.size()));
    long within = open.stream().filter(s -> !s.breached()).count();
    points.add(new Point(day, "sla_compliance_pct", "all", open.isEmpty() ? 100.0 : round(100.0 * within / open.size())));
    points.add(new Point(day, "opened", "all", count(c, visible, "e.asset_id",
        "SELECT COUNT(*) FROM exposure e WHERE e.first_seen >= ? AND e.first_seen < ?", from, to)));
    points.add(new Point(day, "fixed", "all", count(c, visible, "e.asset_id", "SELECT COUNT(*) FROM exposure_event ev"
        + " JOIN exposure e ON e.id = ev.exposure_id WHERE ev.to_status = 'FIXED' AND ev.occurred_at >= ?"
        + " AND ev.occurred_at < ?", from, to)));
    mttr(c, visible, to).forEach((p, days) -> points.add(new Point(day, "mttr_days", p, days)));
    points.add(new Point(day, "assets", "all", count(c, visible, "a.id", "SELECT COUNT(*) FROM asset a WHERE 1=1")));
    points.add(new Point(day, "internet_facing_assets", "all", count(c, visible, "s.asset_id",
        "SELECT COUNT(*) FROM asset_scope s WHERE s.internet_facing = TRUE")));
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
  private static Map<String, Double> mttr(Connection c, Visibility visible, Instant until) throws SQLException {
    Map<String, double[]> sums = new LinkedHashMap<>();
    List<Object> args = new ArrayList<>();
    String condition = visible.assetCondition("e.asset_id", args);
    try (PreparedStatement ps = c.prepareStatement("SELECT e.priority, e.first_seen, e.status_changed_at"
        + " FROM exposure e WHERE e.status = 'FIXED' AND e.status_changed_at < ?" + condition)) {
      Sql.setInstant(ps, 1, until);
      bind(ps, 2, args);
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

  /** Runs a count whose WHERE clause ends the statement, narrowed to the visible assets in {@code assetColumn}. */
  private static long count(Connection c, Visibility visible, String assetColumn, String sql, Instant... params)
      throws SQLException {
    List<Object> args = new ArrayList<>();
    String condition = visible.assetCondition(assetColumn, args);
    try (PreparedStatement ps = c.prepareStatement(sql + condition)) {
      for (int i = 0; i < params.length; i++) {
        Sql.setInstant(ps, i + 1, params[i]);
      }
      bind(ps, params.length + 1, args);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }

  private static void bind(PreparedStatement ps, int first, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      ps.setObject(first + i, args.get(i));
    }
  }

  private static double round(double v) {
    return Math.round(v * 100) / 100.0;
  }
}
