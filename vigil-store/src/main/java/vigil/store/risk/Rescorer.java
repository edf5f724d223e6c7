package vigil.store.risk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vigil.engine.graph.AttackPathPosition;
import vigil.engine.risk.RiskInputs;
import vigil.engine.risk.RiskModel;
import vigil.engine.risk.RiskScore;
import vigil.intel.cvss.CvssCalculator;
import vigil.intel.cvss.CvssScore;
import vigil.model.Severity;
import vigil.model.WeaknessKind;
import vigil.store.Database;
import vigil.store.Sql;
import vigil.store.StoreException;
import vigil.store.scope.AssetContext;
import vigil.store.scope.AssetScopes;

/**
 * Computes and stores exposures' risk with the {@link RiskModel}: all of them, those of given
 * CVEs (after a feed update), or those an import touched. Work goes in chunks of {@value #CHUNK}
 * exposures, each in its own short transaction; intelligence is read once per weakness.
 *
 * <p>The same input gathering explains scores on read ({@link #explain}), so a listing's
 * explanation is exactly what produced the stored score.
 */
public final class Rescorer {
  static final int CHUNK = 2000;
  private static final Severity[] SEVERITIES = Severity.values();

  private final Database db;
  private final RiskModel model;

  /** A rescorer with the configured weights ({@link RiskSettings}). */
  public Rescorer(Database db) {
    this(db, new RiskModel(RiskSettings.weights()));
  }

  public Rescorer(Database db, RiskModel model) {
    this.db = db;
    this.model = model;
  }

  /** Re-scores every exposure. Returns how many were scored. */
  public long rescoreAll() {
    long done = 0;
    long after = 0;
    while (true) {
      List<Long> ids = new ArrayList<>(CHUNK);
      try (Connection c = db.connection();
          PreparedStatement ps = c.prepareStatement("SELECT id FROM exposure WHERE id > ? ORDER BY id LIMIT " + CHUNK)) {
        ps.setLong(1, after);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      } catch (SQLException e) {
        throw new StoreException("listing exposures to score", e);
      }
      if (ids.isEmpty()) {
        return done;
      }
      done += rescore(ids);
      after = ids.get(ids.size() - 1);
    }
  }

  /** Re-scores the exposures whose weakness names one of these CVEs. */
  public long rescoreCves(Collection<String> cves) {
    Set<Long> ids = new LinkedHashSet<>();
    try (Connection c = db.connection()) {
      for (List<String> chunk : Sql.chunks(cves, Sql.IN_CHUNK)) {
        try (PreparedStatement ps = c.prepareStatement("SELECT e.id FROM exposure e JOIN weakness_cve wc"
            + " ON wc.weakness_id = e.weakness_id WHERE wc.cve IN (" + Sql.marks(chunk.size()) + ")")) {
          for (int i = 0; i < chunk.size(); i++) {
            ps.setString(i + 1, chunk.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getLong(1));
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("finding exposures of updated CVEs", e);
    }
    return rescore(ids);
  }


  /** Re-scores the exposures of these assets (after their business context changed). */
  public long rescoreAssets(Collection<Long> assetIds) {
    Set<Long> ids = new LinkedHashSet<>();
    try (Connection c = db.connection()) {
      for (List<Long> chunk : Sql.chunks(assetIds, Sql.IN_CHUNK)) {
        try (PreparedStatement ps = c.prepareStatement("SELECT id FROM exposure WHERE asset_id IN ("
            + Sql.marks(chunk.size()) + ")")) {
          for (int i = 0; i < chunk.size(); i++) {
            ps.setLong(i + 1, chunk.get(i));
          }
          try (ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              ids.add(rs.getLong(1));
            }
          }
        }
      }
    } catch (SQLException e) {
      throw new StoreException("finding exposures of re-scoped assets", e);
    }
    return rescore(ids);
  }

  /** Scores the given exposures and stores the scores, chunk by chunk, one transaction each. */
  public long rescore(Collection<Long> exposureIds) {
    long n = 0;
    ExposureScorer scorer = new ExposureScorer(model);
    for (List<Long> chunk : Sql.chunks(exposureIds, CHUNK)) {
      try (Connection c = db.connection()) {
        c.setAutoCommit(false);
        Map<Long, ExposureScorer.Scored> scores = score(c, chunk, scorer);
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE exposure SET risk_score = ?, priority = ?, epss = ?, scored_at = ? WHERE id = ?")) {
          Instant now = Instant.now();
          for (Map.Entry<Long, ExposureScorer.Scored> e : scores.entrySet()) {
            ps.setDouble(1, e.getValue().score().score());
            ps.setInt(2, e.getValue().score().priority().ordinal() + 1);
            Sql.setDouble(ps, 3, e.getValue().epss());
            Sql.setInstant(ps, 4, now);
            ps.setLong(5, e.getKey());
            ps.addBatch();
          }
          ps.executeBatch();
        }
        c.commit();
        c.setAutoCommit(true);
        n += scores.size();
      } catch (SQLException e) {
        throw new StoreException("storing risk scores", e);
      }
    }
    return n;
  }

  /** The scores with their explanations, computed from the current data; for listings. */
  public Map<Long, RiskScore> explain(Collection<Long> exposureIds) {
    Map<Long, RiskScore> out = new LinkedHashMap<>();
    try (Connection c = db.connection()) {
      for (List<Long> chunk : Sql.chunks(exposureIds, CHUNK)) {
        score(c, chunk, new ExposureScorer(model)).forEach((id, s) -> out.put(id, s.score()));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("explaining risk scores", e);
    }
  }

  /** Scores a chunk; the scorer caches weaknesses' intelligence across the chunks of one run. */
  private Map<Long, ExposureScorer.Scored> score(Connection c, List<Long> ids, ExposureScorer scorer) throws SQLException {
    List<Object[]> rows = new ArrayList<>(ids.size());
    Set<Long> weaknessIds = new LinkedHashSet<>();
    for (List<Long> chunk : Sql.chunks(ids, Sql.IN_CHUNK)) {
      try (PreparedStatement ps = c.prepareStatement("SELECT e.id, e.weakness_id, w.kind, e.severity, e.cvss_v4, e.cvss_v3,"
          + " e.cvss_v2, e.asset_id, e.on_attack_path, e.choke_point FROM exposure e JOIN weakness w ON w.id = e.weakness_id WHERE e.id IN ("
          + Sql.marks(chunk.size()) + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getString(6), rs.getString(7), rs.getLong(8),
                new AttackPathPosition(String.valueOf(rs.getLong(1)), rs.getBoolean(9), rs.getBoolean(10))});
            weaknessIds.add(rs.getLong(2));
          }
        }
      }
    }
    scorer.prepare(c, weaknessIds);
    Set<Long> assetIds = new LinkedHashSet<>();
    rows.forEach(r -> assetIds.add((Long) r[7]));
    Map<Long, AssetContext> assets = AssetScopes.load(c, assetIds);
    Map<Long, ExposureScorer.Scored> out = new LinkedHashMap<>();
    for (Object[] r : rows) {
      out.put((Long) r[0], scorer.score((Long) r[1], WeaknessKind.valueOf((String) r[2]), SEVERITIES[(Integer) r[3]],
          (String) r[4], (String) r[5], (String) r[6], assets.getOrDefault((Long) r[7], AssetContext.UNKNOWN),
          (AttackPathPosition) r[8]));
    }
    return out;
  }



}
