package vigil.store.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import vigil.engine.correlate.AssetMatcher;
import vigil.engine.correlate.CorrelationPolicy;
import vigil.engine.risk.RiskModel;
import vigil.store.risk.RiskSettings;
import vigil.store.Database;
import vigil.store.StoreException;
import vigil.store.security.AuditLog;

/**
 * Runs imports: one file, one transaction. The file is parsed on a second thread while this one
 * writes what it read in batches ({@link ReadAhead}); any error rolls everything back, so a refused
 * file leaves no trace. Imports are serialised by a row lock, which keeps correlation consistent
 * across several nodes.
 */
public final class Importer {
  private final Database db;
  private final AssetMatcher matcher;
  private final RiskModel model;
  private final AuditLog audit;

  /** An importer with the default correlation policy and the configured risk weights. */
  public Importer(Database db) {
    this(db, CorrelationPolicy.DEFAULT, new RiskModel(RiskSettings.weights()));
  }

  public Importer(Database db, CorrelationPolicy policy, RiskModel model) {
    this.db = Objects.requireNonNull(db, "db");
    this.matcher = new AssetMatcher(policy);
    this.model = Objects.requireNonNull(model, "model");
    this.audit = new AuditLog(db);
  }

  /**
   * Imports the content {@code source} produces. Re-importing bytes already imported changes
   * nothing and returns the earlier import's counts with {@code duplicateOf} set.
   */
  public ImportResult run(ImportRequest request, ImportSource source) throws Exception {
    try (Connection c = db.connection()) {
      ImportResult earlier = findDuplicate(c, request);
      if (earlier != null) {
        return earlier;
      }
      c.setAutoCommit(false);
      try {
        lock(c);
        earlier = findDuplicate(c, request); // another node may have imported it while we waited
        if (earlier != null) {
          c.rollback();
          return earlier;
        }
        ImportSession session = new ImportSession(c, db.ids(), matcher, model, request);
        session.begin();
        ReadAhead.run(source, session, request.fileName());
        ImportResult result = session.finish();
        // One event per import, last: appending locks the audit chain's head until the commit.
        audit.record(c, AuditLog.Entry.of(request.actor(), "import.create", "import", String.valueOf(result.importId()),
            null, auditView(request, result), null), Instant.now());
        c.commit();
        return result;
      } catch (Exception | Error e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException("import of " + request.fileName() + " failed", e);
    }
  }

  /** The audit trail imports are recorded in (refusals too, by {@link FileImporter}). */
  AuditLog audit() {
    return audit;
  }

  private static Map<String, Object> auditView(ImportRequest request, ImportResult r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", request.fileName());
    m.put("format", request.format());
    m.put("tool", request.tool());
    m.put("sha256", request.sha256());
    m.put("observations", r.observations());
    m.put("assets", Map.of("new", r.assetsNew(), "matched", r.assetsMatched()));
    m.put("exposures", Map.of("new", r.exposuresNew(), "unchanged", r.exposuresUnchanged(), "reopened",
        r.exposuresReopened(), "fixed", r.exposuresFixed()));
    return m;
  }

  private static void lock(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM import_lock WHERE id = 1 FOR UPDATE");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
    }
  }

  private static ImportResult findDuplicate(Connection c, ImportRequest r) throws SQLException {
    String sql = "SELECT id, file_name, observations, assets_new + assets_matched AS assets,"
        + " exposures_new + exposures_unchanged + exposures_reopened AS exposures"
        + " FROM import_run WHERE sha256 = ? AND format = ? AND finished_at IS NOT NULL ORDER BY id LIMIT 1";
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      ps.setString(1, r.sha256());
      ps.setString(2, r.format());
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        long id = rs.getLong(1);
        return new ImportResult(id, r.fileName(), r.format(), rs.getLong(3), 0, rs.getInt(4), 0, rs.getInt(5), 0, 0, id);
      }
    }
  }
}
