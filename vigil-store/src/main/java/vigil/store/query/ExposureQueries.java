package vigil.store.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vigil.engine.lifecycle.ExposureStatus;
import vigil.model.Severity;
import vigil.store.Database;
import vigil.store.ExposureTools;
import vigil.store.Sql;
import vigil.store.StoreException;
import vigil.store.security.Visibility;

/** Reads exposures: filtered, sorted, paged listings and single exposures with their history. */
public final class ExposureQueries {
  /**
   * How far a listing counts the exposures its filter matches: beyond it (and beyond the page asked
   * for) the total is reported as a lower bound. Counting every match over millions of exposures
   * took seconds (3.9 s at 10 M on PostgreSQL) when the page itself took milliseconds, and counting
   * costs the cap divided by the share of exposures the filter and visibility select (a team seeing
   * 2 % scans 50,000 rows to count 1,000, 500,000 to count 10,000: 100-250 ms at 10 M); see
   * docs/benchmarks.md, ExposureListBench.
   */
  public static final int COUNT_CAP = 1_000;

  private static final Severity[] SEVERITIES = Severity.values();
  private final Database db;
  private final int countCap;

  public ExposureQueries(Database db) {
    this(db, COUNT_CAP);
  }

  /** With another count cap (tests). */
  ExposureQueries(Database db, int countCap) {
    if (countCap < 1) {
      throw new IllegalArgumentException("countCap must be positive, was " + countCap);
    }
    this.db = db;
    this.countCap = countCap;
  }

  /**
   * The visible exposures the filter selects, sorted and paged. The total is exact when it is at
   * most {@link #COUNT_CAP} or the page is the last; otherwise it is the cap or the end of the page,
   * whichever is further, and the page says the filter matches more ({@link
   * Page#totalIsLowerBound()}).
   */
  public Page<ExposureView> list(Visibility visible, ExposureFilter f) {
    StringBuilder where = new StringBuilder(" WHERE 1=1");
    List<Object> args = new ArrayList<>();
    where.append(visible.assetCondition("e.asset_id", args));
    if (!f.statuses().isEmpty()) {
      where.append(" AND e.status IN (").append(Sql.marks(f.statuses().size())).append(')');
      f.statuses().forEach(s -> args.add(s.name()));
    }
    if (!f.severities().isEmpty()) {
      where.append(" AND e.severity IN (").append(Sql.marks(f.severities().size())).append(')');
      f.severities().forEach(s -> args.add(s.ordinal()));
    }
    if (f.assetId() != null) {
      where.append(" AND e.asset_id = ?");
      args.add(f.assetId());
    }
    if (f.cve() != null) {
      where.append(" AND e.weakness_id IN (SELECT weakness_id FROM weakness_cve WHERE cve = ?)");
      args.add(f.cve().trim().toUpperCase(java.util.Locale.ROOT));
    }
    if (f.tool() != null) {
      where.append(" AND LOWER(e.tools) LIKE ?");
      args.add(ExposureTools.likePatternIgnoringCase(f.tool()));
    }
    if (f.search() != null) {
      where.append(" AND (LOWER(w.title) LIKE ? OR LOWER(a.name) LIKE ?)");
      String like = "%" + f.search().toLowerCase(java.util.Locale.ROOT).replace("%", "\\%") + "%";
      args.add(like);
      args.add(like);
    }
    String from = " FROM exposure e JOIN weakness w ON w.id = e.weakness_id JOIN asset a ON a.id = e.asset_id";
    try (Connection c = db.connection()) {
      String sql = "SELECT e.id, e.asset_id, a.name, w.weakness_key, w.check_id, w.kind, w.title, e.severity, e.status,"
          + " e.port, e.protocol, e.component, e.component_version, e.fixed_version, e.path, e.cvss_v3, e.cvss_v4,"
          + " e.first_seen, e.last_seen, e.weakness_id, e.risk_score, e.priority, e.epss, e.tools";
      if (f.search() == null && !f.sort().endsWith("title")) {
        // The page's ids from the exposure table alone, then their rows: so the sort walks its index
        // and only the page is joined (H2 otherwise joined and sorted every match).
        sql += " FROM (SELECT e.id FROM exposure e" + where + orderBy(f.sort()) + " LIMIT ? OFFSET ?) page"
            + " JOIN exposure e ON e.id = page.id JOIN weakness w ON w.id = e.weakness_id JOIN asset a ON a.id = e.asset_id"
            + orderBy(f.sort());
      } else {
        sql += from + where + orderBy(f.sort()) + " LIMIT ? OFFSET ?";
      }
      // One row more than the page: whether more follow, without counting them.
      List<Object[]> rows = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        List<Object> all = new ArrayList<>(args);
        all.add(f.limit() + 1);
        all.add(f.offset());
        bind(ps, all);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            Object[] row = new Object[24];
            for (int i = 0; i < row.length; i++) {
              row[i] = rs.getObject(i + 1);
            }
            rows.add(row);
          }
        }
      }
      boolean more = rows.size() > f.limit();
      if (more) {
        rows.remove(rows.size() - 1);
      }
      long end = (long) f.offset() + rows.size();
      long total;
      boolean lowerBound = false;
      if (!more && (!rows.isEmpty() || f.offset() == 0)) {
        total = end; // the page ends the listing
      } else if (more && end >= countCap) {
        total = end; // more follow, and counting them would pass the cap
        lowerBound = true;
      } else {
        // Count up to the cap (or the offset, when the page starts past the end). Every exposure has
        // its asset and weakness (foreign keys), so only a search needs the joins.
        long cap = Math.max(countCap, f.offset());
        String counted = f.search() == null ? " FROM exposure e" : from;
        try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM (SELECT 1 AS one" + counted + where
            + " LIMIT ?) capped")) {
          List<Object> all = new ArrayList<>(args);
          all.add(cap + 1);
          bind(ps, all);
          try (ResultSet rs = ps.executeQuery()) {
            rs.next();
            total = rs.getLong(1);
          }
        }
        if (total > cap) {
          total = cap;
          lowerBound = true;
        }
      }
      return new Page<>(views(c, rows), total, f.limit(), f.offset(), lowerBound);
    } catch (SQLException e) {
      throw new StoreException("listing exposures", e);
    }
  }

  private static String orderBy(String sort) {
    boolean reverse = sort.startsWith("-");
    String key = reverse ? sort.substring(1) : sort;
    String dir = reverse ? " DESC" : " ASC";
    String inverse = reverse ? " ASC" : " DESC";
    switch (key) {
      case "risk":
        // Highest risk first; exposures never scored last.
        return reverse ? " ORDER BY e.risk_score ASC NULLS FIRST, e.id DESC" : " ORDER BY e.risk_score DESC NULLS LAST, e.id ASC";
      case "epss":
        return reverse ? " ORDER BY e.epss ASC NULLS FIRST, e.id DESC" : " ORDER BY e.epss DESC NULLS LAST, e.id ASC";
      case "severity":
        return " ORDER BY e.severity" + dir + ", e.id" + dir;
      case "first_seen":
        return " ORDER BY e.first_seen" + inverse + ", e.id" + inverse;
      case "last_seen":
        return " ORDER BY e.last_seen" + inverse + ", e.id" + inverse;
      case "title":
        return " ORDER BY w.title" + dir + ", e.id" + dir;
      default:
        return " ORDER BY e.id" + dir;
    }
  }

  private List<ExposureView> views(Connection c, List<Object[]> rows) throws SQLException {
    Set<Long> weaknessIds = new LinkedHashSet<>();
    for (Object[] r : rows) {
      weaknessIds.add(((Number) r[19]).longValue());
    }
    Map<Long, List<String>> cves = multimap(c, "SELECT weakness_id, cve FROM weakness_cve WHERE weakness_id IN", weaknessIds);
    List<ExposureView> out = new ArrayList<>();
    for (Object[] r : rows) {
      long id = ((Number) r[0]).longValue();
      long weaknessId = ((Number) r[19]).longValue();
      out.add(new ExposureView(id, ((Number) r[1]).longValue(), (String) r[2], (String) r[3], (String) r[4],
          label((String) r[5]), (String) r[6], cves.getOrDefault(weaknessId, List.of()),
          SEVERITIES[((Number) r[7]).intValue()].label(), ExposureStatus.valueOf((String) r[8]).label(),
          r[9] == null ? null : ((Number) r[9]).intValue(), (String) r[10], (String) r[11], (String) r[12],
          (String) r[13], (String) r[14], (String) r[15], (String) r[16], ExposureTools.list((String) r[23]),
          Sql.instant(r[17]), Sql.instant(r[18]), r[20] == null ? null : ((Number) r[20]).doubleValue(),
          r[21] == null ? null : "P" + ((Number) r[21]).intValue(), r[22] == null ? null : ((Number) r[22]).doubleValue(),
          null));
    }
    return out;
  }

  /** Those of the exposure ids that exist and are visible. */
  public Set<Long> visible(Visibility visible, Collection<Long> exposureIds) {
    Set<Long> out = new LinkedHashSet<>();
    try (Connection c = db.connection()) {
      for (List<Long> chunk : Sql.chunks(new LinkedHashSet<>(exposureIds), Sql.IN_CHUNK)) {
        List<Object> args = new ArrayList<>(chunk);
        String sql = "SELECT e.id FROM exposure e WHERE e.id IN (" + Sql.marks(chunk.size()) + ")"
            + visible.assetCondition("e.asset_id", args);
        try (PreparedStatement ps = c.prepareStatement(sql)) {
          bind(ps, args);
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              out.add(rs.getLong(1));
            }
          }
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading exposures", e);
    }
  }

  /**
   * The same page with each exposure's risk explanation, computed as the stored score was. The page
   * comes from {@link #list}, so it holds only what its reader may see.
   */
  public Page<ExposureView> explained(Page<ExposureView> page, vigil.store.risk.Rescorer rescorer) {
    List<Long> ids = page.items().stream().map(ExposureView::id).toList();
    Map<Long, vigil.engine.risk.RiskScore> explanations = rescorer.explain(ids);
    List<ExposureView> items = page.items().stream().map(e -> e.withExplanation(explanations.get(e.id()))).toList();
    return new Page<>(items, page.total(), page.limit(), page.offset(), page.totalIsLowerBound());
  }

  static String label(String enumName) {
    return enumName.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
  }

  /** Runs "SELECT id, value FROM ... WHERE id IN" over the ids, grouping values by id. */
  static Map<Long, List<String>> multimap(Connection c, String sqlPrefix, Set<Long> ids) throws SQLException {
    Map<Long, List<String>> out = new HashMap<>();
    for (List<Long> chunk : Sql.chunks(ids, Sql.IN_CHUNK)) {
      try (PreparedStatement ps = c.prepareStatement(sqlPrefix + " (" + Sql.marks(chunk.size()) + ") ORDER BY 1, 2")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
          }
        }
      }
    }
    return out;
  }

  static void bind(PreparedStatement ps, List<Object> args) throws SQLException {
    for (int i = 0; i < args.size(); i++) {
      ps.setObject(i + 1, args.get(i));
    }
  }
}
