package vigil.store.query;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import vigil.store.Database;
import vigil.store.Sql;
import vigil.store.StoreException;
import vigil.store.security.Actor;
import vigil.store.security.Visibility;

/**
 * Reads past imports, newest first. An actor who does not see everything sees an import made for
 * one of its teams, or one that touched (covered or correlated) an asset it sees: the scans of its
 * own services, whoever ran them.
 */
public final class ImportQueries {
  private final Database db;

  public ImportQueries(Database db) {
    this.db = db;
  }

  public Page<ImportView> list(Actor actor, int limit, int offset) {
    if (limit < 1 || limit > 10_000 || offset < 0) {
      throw new IllegalArgumentException("limit must be 1 to 10000 and offset not negative");
    }
    List<Object> args = new ArrayList<>();
    String where = " WHERE i.finished_at IS NOT NULL" + visible(actor, args);
    try (Connection c = db.connection()) {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM import_run i" + where)) {
        ExposureQueries.bind(ps, args);
        try (ResultSet rs = ps.executeQuery()) {
          rs.next();
          total = rs.getLong(1);
        }
      }
      List<ImportView> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT i.id, i.file_name, i.format, i.tool, i.sha256, i.actor,"
          + " i.started_at, i.finished_at, i.observations, i.assets_new, i.assets_matched, i.exposures_new,"
          + " i.exposures_unchanged, i.exposures_reopened, i.exposures_fixed FROM import_run i" + where
          + " ORDER BY i.id DESC LIMIT ? OFFSET ?")) {
        List<Object> all = new ArrayList<>(args);
        all.add(limit);
        all.add(offset);
        ExposureQueries.bind(ps, all);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(new ImportView(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4),
                rs.getString(5), rs.getString(6), Sql.instant(rs.getObject(7)), Sql.instant(rs.getObject(8)),
                rs.getLong(9), rs.getInt(10), rs.getInt(11), rs.getInt(12), rs.getInt(13), rs.getInt(14),
                rs.getInt(15)));
          }
        }
      }
      return new Page<>(out, total, limit, offset);
    } catch (SQLException e) {
      throw new StoreException("listing imports", e);
    }
  }

  private static String visible(Actor actor, List<Object> args) {
    Visibility v = actor.visibility();
    if (v.all()) {
      return "";
    }
    StringBuilder sql = new StringBuilder(" AND (");
    if (!actor.teamIds().isEmpty()) {
      sql.append("i.team_id IN (").append(Sql.marks(actor.teamIds().size())).append(") OR ");
      args.addAll(actor.teamIds());
    }
    sql.append("i.id IN (SELECT cv.import_id FROM coverage cv WHERE 1=1").append(v.assetCondition("cv.asset_id", args))
        .append(") OR i.id IN (SELECT am.import_id FROM asset_merge am WHERE 1=1")
        .append(v.assetCondition("am.asset_id", args)).append("))");
    return sql.toString();
  }
}
