package vigil.store.mobilise;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vigil.engine.lifecycle.ExposureStatus;
import vigil.engine.mobilise.FixAction;
import vigil.engine.mobilise.SlaClock;
import vigil.engine.risk.Priority;
import vigil.store.Database;
import vigil.store.Sql;
import vigil.store.StoreException;
import vigil.store.security.Visibility;

/**
 * Loads the active exposures (open, reopened; informational findings left out) with owner,
 * environment, business services and status history: three queries, whatever the count.
 */
final class ActiveExposures {
  static final String UNASSIGNED = "unassigned";
  private static final String ACTIVE = "e.status IN ('OPEN', 'REOPENED') AND w.kind <> 'INFORMATIONAL'";

  private ActiveExposures() {}

  /** The active exposures on the visible assets. */
  static List<ActiveExposure> load(Database db, Visibility visible) {
    try (Connection c = db.connection()) {
      Map<Long, List<String[]>> services = services(c);
      Map<Long, List<SlaClock.Transition>> transitions = transitions(c, visible);
      List<ActiveExposure> out = new ArrayList<>();
      List<Object> args = new ArrayList<>();
      String condition = visible.assetCondition("e.asset_id", args);
      try (PreparedStatement ps = prepare(c, "SELECT e.id, e.asset_id, a.name, w.kind, w.check_id, w.title,"
          + " w.solution, e.component, e.fixed_version, e.risk_score, e.priority, e.first_seen, s.environment, s.owner"
          + " FROM exposure e JOIN asset a ON a.id = e.asset_id JOIN weakness w ON w.id = e.weakness_id"
          + " LEFT JOIN asset_scope s ON s.asset_id = e.asset_id WHERE " + ACTIVE + condition + " ORDER BY e.id", args);
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          long id = rs.getLong(1);
          long assetId = rs.getLong(2);
          FixAction action = FixAction.of(rs.getString(8), rs.getString(9), "MISCONFIGURATION".equals(rs.getString(4)),
              rs.getString(5), rs.getString(6), rs.getString(7));
          int p = rs.getInt(11);
          Priority priority = rs.wasNull() ? Priority.P4 : Priority.values()[p - 1];
          List<String[]> svc = services.getOrDefault(assetId, List.of());
          out.add(new ActiveExposure(id, assetId, rs.getString(3), rs.getString(6), action, rs.getDouble(10),
              priority, Sql.instant(rs.getObject(12)), rs.getString(13), owner(rs.getString(14), svc),
              svc.stream().map(s -> s[0]).toList(), transitions.getOrDefault(id, List.of())));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("cannot read the active exposures", e);
    }
  }

  /** The asset's own owner, else its first business service's owner, else the default queue. */
  private static String owner(String assetOwner, List<String[]> services) {
    if (assetOwner != null && !assetOwner.isBlank()) {
      return assetOwner;
    }
    return services.stream().map(s -> s[1]).filter(o -> o != null && !o.isBlank()).findFirst().orElse(UNASSIGNED);
  }

  private static Map<Long, List<String[]>> services(Connection c) throws SQLException {
    Map<Long, List<String[]>> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT v.asset_id, v.service, b.owner FROM asset_service v"
        + " LEFT JOIN business_service b ON b.name = v.service ORDER BY v.asset_id, v.service");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(new String[] {rs.getString(2), rs.getString(3)});
      }
    }
    return out;
  }

  private static Map<Long, List<SlaClock.Transition>> transitions(Connection c, Visibility visible)
      throws SQLException {
    Map<Long, List<SlaClock.Transition>> out = new HashMap<>();
    List<Object> args = new ArrayList<>();
    String condition = visible.assetCondition("e.asset_id", args);
    try (PreparedStatement ps = prepare(c, "SELECT ev.exposure_id, ev.to_status, ev.occurred_at"
        + " FROM exposure_event ev JOIN exposure e ON e.id = ev.exposure_id JOIN weakness w ON w.id = e.weakness_id"
        + " WHERE " + ACTIVE + condition + " AND ev.to_status IN ('ACCEPTED', 'OPEN', 'REOPENED', 'FIXED')", args);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(
            new SlaClock.Transition(Sql.instant(rs.getObject(3)), ExposureStatus.valueOf(rs.getString(2))));
      }
    }
    return out;
  }

  /** A statement with its arguments bound. */
  static PreparedStatement prepare(Connection c, String sql, List<Object> args) throws SQLException {
    PreparedStatement ps = c.prepareStatement(sql);
    try {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      return ps;
    } catch (SQLException | RuntimeException e) {
      ps.close();
      throw e;
    }
  }

  /** The keys of the fix groups with a non-informational exposure (in any status) on a visible asset. */
  static Set<String> groupKeys(Connection c, Visibility visible) throws SQLException {
    Set<String> out = new HashSet<>();
    List<Object> args = new ArrayList<>();
    String condition = visible.assetCondition("e.asset_id", args);
    try (PreparedStatement ps = prepare(c, "SELECT DISTINCT w.kind, w.check_id, w.title, w.solution,"
        + " e.component, e.fixed_version FROM exposure e JOIN weakness w ON w.id = e.weakness_id"
        + " WHERE w.kind <> 'INFORMATIONAL'" + condition, args);
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        out.add(FixAction.of(rs.getString(5), rs.getString(6), "MISCONFIGURATION".equals(rs.getString(1)),
            rs.getString(2), rs.getString(3), rs.getString(4)).key());
      }
    }
    return out;
  }

  /** How many non-informational exposures are in each status, by fix group key: what verification looks at. */
  static Map<String, Map<ExposureStatus, Integer>> statusesByGroup(Connection c) throws SQLException {
    Map<String, Map<ExposureStatus, Integer>> out = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT e.status, w.kind, w.check_id, w.title, w.solution,"
        + " e.component, e.fixed_version FROM exposure e JOIN weakness w ON w.id = e.weakness_id"
        + " WHERE w.kind <> 'INFORMATIONAL'");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String key = FixAction.of(rs.getString(6), rs.getString(7), "MISCONFIGURATION".equals(rs.getString(2)),
            rs.getString(3), rs.getString(4), rs.getString(5)).key();
        out.computeIfAbsent(key, k -> new java.util.EnumMap<>(ExposureStatus.class))
            .merge(ExposureStatus.valueOf(rs.getString(1)), 1, Integer::sum);
      }
    }
    return out;
  }
}
