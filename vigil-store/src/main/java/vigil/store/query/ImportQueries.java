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

/** Reads past imports, newest first. */
public final class ImportQueries {
  private final Database db;

  public ImportQueries(Database db) {
    this.db = db;
  }

  public Page<ImportView> list(int limit, int offset) {
    if (limit < 1 || limit > 10_000 || offset < 0) {
      throw new IllegalArgumentException("limit must be 1 to 10000 and offset not negative");
    }
    try (Connection c = db.connection()) {
      long total;
      try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM import_run WHERE finished_at IS NOT NULL");
          ResultSet rs = ps.executeQuery()) {
        rs.next();
        total = rs.getLong(1);
      }
      List<ImportView> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, file_name, format, tool, sha256, actor, started_at,"
          + " finished_at, observations, assets_new, assets_matched, exposures_new, exposures_unchanged,"
          + " exposures_reopened, exposures_fixed FROM import_run WHERE finished_at IS NOT NULL"
          + " ORDER BY id DESC LIMIT ? OFFSET ?")) {
        ps.setInt(1, limit);
        ps.setInt(2, offset);
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
}
