package vigil.store.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import vigil.model.AssetKey;
import vigil.store.Database;
import vigil.store.Sql;
import vigil.store.StoreException;
import vigil.store.security.Visibility;

/** Reads assets: the inventory listing and one asset's correlation history, within a {@link Visibility}. */
public final class AssetQueries {
  public static final List<String> SORTS = List.of("name", "id", "last_seen", "exposures");
  private final Database db;

  public AssetQueries(Database db) {
    this.db = db;
  }

  /**
   * Lists the visible assets, optionally of one kind, one scope status ("in-scope", "out-of-scope",
   * "shadow-it") and matching a search on name or identifier.
   *
   * @param sort one of {@link #SORTS}, '-' to reverse
   */
  public Page<AssetView> list(Visibility visible, String kind, String search, String scopeStatus, String sort, int limit,
      int offset) {
    String s = sort == null || sort.isBlank() ? "name" : sort.trim().toLowerCase(Locale.ROOT);
    boolean reverse = s.startsWith("-");
    String key = reverse ? s.substring(1) : s;
    if (!SORTS.contains(key)) {
      throw new IllegalArgumentException("unknown sort '" + sort + "'; one of " + SORTS);
    }
    if (limit < 1 || limit > 10_000 || offset < 0) {
      throw new IllegalArgumentException("limit must be 1 to 10000 and offset not negative");
    }
    StringBuilder where = new StringBuilder(" WHERE 1=1");
    List<Object> args = new ArrayList<>();
    where.append(visible.assetCondition("a.id", args));
    if (kind != null && !kind.isBlank()) {
      where.append(" AND a.kind = ?");
      args.add(kind.trim().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
    if (scopeStatus != null && !scopeStatus.isBlank()) {
      String st = scopeStatus.trim().toUpperCase(Locale.ROOT).replace('-', '_');
      if (!List.of("IN_SCOPE", "OUT_OF_SCOPE", "SHADOW_IT").contains(st)) {
        throw new IllegalArgumentException("unknown scope status '" + scopeStatus + "'; one of in-scope, out-of-scope, shadow-it");
      }
      where.append(" AND a.id IN (SELECT asset_id FROM asset_scope WHERE status = ?)");
      args.add(st);
    }
    if (search != null && !search.isBlank()) {
      where.append(" AND (LOWER(a.name) LIKE ? OR a.id IN (SELECT asset_id FROM asset_key WHERE key_value LIKE ?))");
      String like = "%" + search.trim().toLowerCase(Locale.ROOT) + "%";
      args.add(like);
      args.add(like);
    }
    String active = "(SELECT COUNT(*) FROM exposure e WHERE e.asset_id = a.id AND e.status IN ('OPEN','REOPENED'))";
    String dir = reverse ? " DESC" : " ASC";
    String order;
    switch (key) {
      case "id":
        order = " ORDER BY a.id" + dir;
        break;
      case "last_seen":
        order = " ORDER BY a.last_seen" + (reverse ? " ASC" : " DESC") + ", a.id";
        break;
      case "exposures":
        order = " ORDER BY active" + (reverse ? " ASC" : " DESC") + ", a.id";
        break;
      default:
        order = " ORDER BY a.name" + dir + ", a.id" + dir;
    }
    try (Connection c = db.connection()) {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM asset a" + where)) {
        ExposureQueries.bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<Object[]> rows = new ArrayList<>();
      String sql = "SELECT a.id, a.kind, a.name, a.first_seen, a.last_seen, " + active + " AS active,"
          + " s.status, s.environment, s.criticality, s.owner, s.crown_jewel, s.internet_facing, s.explanation"
          + " FROM asset a LEFT JOIN asset_scope s ON s.asset_id = a.id" + where + order + " LIMIT ? OFFSET ?";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        List<Object> all = new ArrayList<>(args);
        all.add(limit);
        all.add(offset);
        ExposureQueries.bind(ps, all);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(new Object[] {rs.getLong(1), rs.getString(2), rs.getString(3), rs.getObject(4), rs.getObject(5),
                rs.getLong(6), rs.getString(7), rs.getString(8), rs.getObject(9, Integer.class), rs.getString(10),
                rs.getObject(11, Boolean.class), rs.getObject(12, Boolean.class), rs.getString(13)});
          }
        }
      }
      Set<Long> ids = new LinkedHashSet<>();
      rows.forEach(r -> ids.add((Long) r[0]));
      Map<Long, List<String>> keys = keys(c, ids);
      Map<Long, Map<String, String>> attributes = attributes(c, ids);
      Map<Long, List<String>> tools = ExposureQueries.multimap(c,
          "SELECT DISTINCT asset_id, tool FROM coverage WHERE asset_id IN", ids);
      Map<Long, List<String>> services = ExposureQueries.multimap(c,
          "SELECT asset_id, service FROM asset_service WHERE asset_id IN", ids);
      Map<Long, List<String>> seenBy = ExposureQueries.multimap(c, "SELECT DISTINCT m.asset_id, i.tool || ': ' ||"
          + " i.file_name FROM asset_merge m JOIN import_run i ON i.id = m.import_id WHERE m.asset_id IN", ids);
      List<AssetView> out = new ArrayList<>();
      for (Object[] r : rows) {
        long id = (Long) r[0];
        List<String> seen = seenBy.getOrDefault(id, List.of());
        out.add(new AssetView(id, ExposureQueries.label((String) r[1]), (String) r[2], keys.getOrDefault(id, List.of()),
            attributes.getOrDefault(id, Map.of()), Sql.instant(r[3]), Sql.instant(r[4]), (Long) r[5],
            tools.getOrDefault(id, List.of()), r[6] == null ? null : ExposureQueries.label((String) r[6]),
            services.getOrDefault(id, List.of()), (String) r[7], r[8] == null || (Integer) r[8] == 0 ? null : (Integer) r[8],
            (String) r[9], Boolean.TRUE.equals(r[10]), (Boolean) r[11], (String) r[12],
            seen.subList(0, Math.min(5, seen.size()))));
      }
      return new Page<>(out, total, limit, offset);
    } catch (SQLException e) {
      throw new StoreException("listing assets", e);
    }
  }

  private static Map<Long, List<String>> keys(Connection c, Set<Long> ids) throws SQLException {
    Map<Long, List<String>> out = new HashMap<>();
    for (List<Long> chunk : Sql.chunks(ids, Sql.IN_CHUNK)) {
      try (PreparedStatement ps = c.prepareStatement("SELECT asset_id, key_type, key_value FROM asset_key"
          + " WHERE asset_id IN (" + Sql.marks(chunk.size()) + ") ORDER BY asset_id, key_type, key_value")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>())
                .add(AssetKey.Type.valueOf(rs.getString(2)).label() + ":" + rs.getString(3));
          }
        }
      }
    }
    return out;
  }

  private static Map<Long, Map<String, String>> attributes(Connection c, Set<Long> ids) throws SQLException {
    Map<Long, Map<String, String>> out = new HashMap<>();
    for (List<Long> chunk : Sql.chunks(ids, Sql.IN_CHUNK)) {
      try (PreparedStatement ps = c.prepareStatement("SELECT asset_id, name, attr_value FROM asset_attribute"
          + " WHERE asset_id IN (" + Sql.marks(chunk.size()) + ") ORDER BY asset_id, name")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.computeIfAbsent(rs.getLong(1), k -> new LinkedHashMap<>()).put(rs.getString(2), rs.getString(3));
          }
        }
      }
    }
    return out;
  }

  /** Why each sighting was attached to this asset: the correlation trail; empty for an asset not visible. */
  public List<Map<String, Object>> merges(Visibility visible, long assetId) {
    List<Map<String, Object>> out = new ArrayList<>();
    List<Object> args = new ArrayList<>(List.of(assetId));
    String condition = visible.assetCondition("m.asset_id", args);
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT m.import_id, i.file_name, i.tool, m.created, m.incoming,"
            + " m.reason, m.occurred_at FROM asset_merge m JOIN import_run i ON i.id = m.import_id"
            + " WHERE m.asset_id = ?" + condition + " ORDER BY m.id")) {
      ExposureQueries.bind(ps, args);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("importId", rs.getLong(1));
          m.put("file", rs.getString(2));
          m.put("tool", rs.getString(3));
          m.put("created", rs.getBoolean(4));
          m.put("incoming", rs.getString(5));
          m.put("reason", rs.getString(6));
          m.put("at", Sql.instant(rs.getObject(7)));
          out.add(m);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading merges of asset " + assetId, e);
    }
  }
}
