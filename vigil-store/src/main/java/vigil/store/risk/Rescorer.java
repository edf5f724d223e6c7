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
  private final SsvcDecider ssvc;

  /** A rescorer with the configured weights ({@link RiskSettings}). */
  public Rescorer(Database db) {
    this(db, new RiskModel(RiskSettings.weights()));
  }

  public Rescorer(Database db, RiskModel model) {
    this.db = db;
    this.model = model;
    this.ssvc = new SsvcDecider();
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

  /** Re-scores the exposures an import observed. */
  public long rescoreImport(long importId) {
    List<Long> ids = new ArrayList<>();
    try (Connection c = db.connection();
        PreparedStatement ps = c.prepareStatement("SELECT DISTINCT exposure_id FROM observation WHERE import_id = ?")) {
      ps.setLong(1, importId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          ids.add(rs.getLong(1));
        }
      }
    } catch (SQLException e) {
      throw new StoreException("finding exposures of import " + importId, e);
    }
    return rescore(ids);
  }

  /** Scores the given exposures and stores the scores, chunk by chunk. */
  public long rescore(Collection<Long> exposureIds) {
    long n = 0;
    for (List<Long> chunk : Sql.chunks(exposureIds, CHUNK)) {
      try (Connection c = db.connection()) {
        Map<Long, Scored> scores = score(c, chunk);
        try (PreparedStatement ps = c.prepareStatement(
            "UPDATE exposure SET risk_score = ?, priority = ?, epss = ?, scored_at = ? WHERE id = ?")) {
          Instant now = Instant.now();
          for (Map.Entry<Long, Scored> e : scores.entrySet()) {
            ps.setDouble(1, e.getValue().score().score());
            ps.setInt(2, e.getValue().score().priority().ordinal() + 1);
            Sql.setDouble(ps, 3, e.getValue().epss());
            Sql.setInstant(ps, 4, now);
            ps.setLong(5, e.getKey());
            ps.addBatch();
          }
          ps.executeBatch();
        }
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
        score(c, chunk).forEach((id, s) -> out.put(id, s.score()));
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("explaining risk scores", e);
    }
  }

  private record Scored(RiskScore score, Double epss) {}

  private Map<Long, Scored> score(Connection c, List<Long> ids) throws SQLException {
    List<Object[]> rows = new ArrayList<>(ids.size());
    Set<Long> weaknessIds = new LinkedHashSet<>();
    for (List<Long> chunk : Sql.chunks(ids, Sql.IN_CHUNK)) {
      try (PreparedStatement ps = c.prepareStatement("SELECT e.id, e.weakness_id, w.kind, e.severity, e.cvss_v4, e.cvss_v3,"
          + " e.cvss_v2 FROM exposure e JOIN weakness w ON w.id = e.weakness_id WHERE e.id IN (" + Sql.marks(chunk.size()) + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            rows.add(new Object[] {rs.getLong(1), rs.getLong(2), rs.getString(3), rs.getInt(4), rs.getString(5),
                rs.getString(6), rs.getString(7)});
            weaknessIds.add(rs.getLong(2));
          }
        }
      }
    }
    Map<Long, WeaknessIntel> intel = intel(c, weaknessIds);
    Map<Long, Scored> out = new LinkedHashMap<>();
    for (Object[] r : rows) {
      WeaknessIntel wi = intel.getOrDefault((Long) r[1], WeaknessIntel.NONE);
      WeaknessKind kind = WeaknessKind.valueOf((String) r[2]);
      Severity severity = SEVERITIES[(Integer) r[3]];
      CvssScore cvss = firstValid((String) r[4], (String) r[5], (String) r[6], wi.nvdV4(), wi.nvdV3(), wi.nvdV2());
      String decision = ssvc.decide(wi.ssvcExploitation(), wi.ssvcAutomatable(), wi.ssvcTechnicalImpact(), null);
      RiskInputs in = new RiskInputs(kind, severity, cvss == null ? null : cvss.score(), cvss == null ? null : cvss.vector(),
          wi.epss(), wi.percentile(), wi.epssDate(), wi.kev(), wi.kevAdded(), wi.ransomware(), wi.ssvcExploitation(),
          wi.ssvcAutomatable(), wi.ssvcTechnicalImpact(), decision, null, false, null, false, false);
      out.put((Long) r[0], new Scored(model.score(in), wi.epss()));
    }
    return out;
  }

  private static LocalDate feedDate(Connection c, String kind) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT feed_date FROM feed_status WHERE kind = ?")) {
      ps.setString(1, kind);
      try (ResultSet rs = ps.executeQuery()) {
        Instant date = rs.next() ? Sql.instant(rs.getObject(1)) : null;
        return date == null ? null : date.atZone(java.time.ZoneOffset.UTC).toLocalDate();
      }
    }
  }

  /** The first vector that scores; scanner vectors (v4, v3, v2) before NVD's. */
  private static CvssScore firstValid(String... vectors) {
    for (String v : vectors) {
      if (v == null || v.isBlank()) {
        continue;
      }
      try {
        return CvssCalculator.score(v);
      } catch (IllegalArgumentException invalid) {
        // A tool wrote a broken vector; the next one, or the severity, stands in.
      }
    }
    return null;
  }

  private static Map<Long, WeaknessIntel> intel(Connection c, Set<Long> weaknessIds) throws SQLException {
    Map<Long, WeaknessIntel> out = new HashMap<>();
    LocalDate epssDate = feedDate(c, "epss");
    for (List<Long> chunk : Sql.chunks(weaknessIds, Sql.IN_CHUNK)) {
      String sql = "SELECT wc.weakness_id, ep.epss, ep.percentile, k.date_added, k.ransomware,"
          + " s.exploitation, s.automatable, s.technical_impact, n.cvss_v2, n.cvss_v3, n.cvss_v4"
          + " FROM weakness_cve wc"
          + " LEFT JOIN intel_epss ep ON ep.cve = wc.cve"
          + " LEFT JOIN intel_kev k ON k.cve = wc.cve"
          + " LEFT JOIN intel_ssvc s ON s.cve = wc.cve"
          + " LEFT JOIN intel_cve n ON n.cve = wc.cve"
          + " WHERE wc.weakness_id IN (" + Sql.marks(chunk.size()) + ")";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long w = rs.getLong(1);
            Double epss = rs.getObject(2, Double.class);
            Double pct = rs.getObject(3, Double.class);
            LocalDate kev = rs.getObject(4, LocalDate.class);
            Boolean ransom = rs.getObject(5, Boolean.class);
            out.put(w, out.getOrDefault(w, WeaknessIntel.NONE).with(epss, pct, epss == null ? null : epssDate, kev, ransom,
                rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11)));
          }
        }
      }
    }
    return out;
  }
}
