package vigil.store.risk;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vigil.engine.graph.AttackPathPosition;
import vigil.engine.risk.RiskInputs;
import vigil.engine.risk.RiskModel;
import vigil.intel.cvss.CvssCalculator;
import vigil.intel.cvss.CvssScore;
import vigil.model.Severity;
import vigil.model.WeaknessKind;
import vigil.store.Sql;
import vigil.store.scope.AssetContext;

/**
 * Scores exposures from what the store knows: each weakness's threat intelligence (loaded once
 * per weakness and cached for the life of this object) and the exposure's own severity and
 * vectors. Used by imports (scores written with the rows) and by the {@link Rescorer}.
 * Not thread-safe: one per import or re-scoring run.
 */
public final class ExposureScorer {
  private static final int CACHE_LIMIT = 500_000;

  private final RiskModel model;
  private final SsvcDecider ssvc = new SsvcDecider();
  private final Map<Long, WeaknessIntel> intel = new HashMap<>();

  public ExposureScorer(RiskModel model) {
    this.model = model;
  }

  /** A computed score with the EPSS copied onto the exposure for sorting. */
  public record Scored(vigil.engine.risk.RiskScore score, Double epss) {}

  /** Loads the intelligence of weaknesses not seen yet by this scorer. */
  public void prepare(Connection c, Set<Long> weaknessIds) throws SQLException {
    Set<Long> missing = new LinkedHashSet<>(weaknessIds);
    missing.removeAll(intel.keySet());
    if (missing.isEmpty()) {
      return;
    }
    if (intel.size() + missing.size() > CACHE_LIMIT) {
      intel.clear(); // bound memory on very large runs; entries are reloaded when needed
    }
    Map<Long, WeaknessIntel> loaded = load(c, missing);
    for (Long w : missing) {
      intel.put(w, loaded.getOrDefault(w, WeaknessIntel.NONE));
    }
  }

  /** True when the weakness's intelligence is loaded (or known to be absent). */
  public boolean prepared(long weaknessId) {
    return intel.containsKey(weaknessId);
  }

  /**
   * Scores one exposure on an asset with the given business context and its attack-path position
   * as the attack graph last computed it ({@code null}: on no path). Its weakness must have been
   * prepared.
   */
  public Scored score(long weaknessId, WeaknessKind kind, Severity severity, String v4, String v3, String v2,
      AssetContext asset, AttackPathPosition position) {
    WeaknessIntel wi = intel.getOrDefault(weaknessId, WeaknessIntel.NONE);
    CvssScore cvss = firstValid(v4, v3, v2, wi.nvdV4(), wi.nvdV3(), wi.nvdV2());
    Integer criticality = asset.criticalityOrNull();
    String decision = ssvc.decide(wi.ssvcExploitation(), wi.ssvcAutomatable(), wi.ssvcTechnicalImpact(),
        asset.crownJewel() ? Integer.valueOf(5) : criticality);
    RiskInputs in = new RiskInputs(kind, severity, cvss == null ? null : cvss.score(), cvss == null ? null : cvss.vector(),
        wi.epss(), wi.percentile(), wi.epssDate(), wi.kev(), wi.kevAdded(), wi.ransomware(), wi.ssvcExploitation(),
        wi.ssvcAutomatable(), wi.ssvcTechnicalImpact(), decision, criticality, asset.crownJewel(),
        asset.internetFacing(), position != null && position.onAttackPath(), position != null && position.chokePoint());
    return new Scored(model.score(in), wi.epss());
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

  private static LocalDate feedDate(Connection c, String kind) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT feed_date FROM feed_status WHERE kind = ?")) {
      ps.setString(1, kind);
      try (ResultSet rs = ps.executeQuery()) {
        Instant date = rs.next() ? Sql.instant(rs.getObject(1)) : null;
        return date == null ? null : date.atZone(java.time.ZoneOffset.UTC).toLocalDate();
      }
    }
  }

  private static Map<Long, WeaknessIntel> load(Connection c, Set<Long> weaknessIds) throws SQLException {
    Map<Long, WeaknessIntel> out = new HashMap<>();
    if (weaknessIds.isEmpty()) {
      return out;
    }
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
