package vigil.store.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import vigil.engine.lifecycle.ExposureStatus;
import vigil.model.AssetKey;
import vigil.model.AssetRef;
import vigil.model.Location;
import vigil.model.Observation;
import vigil.model.Weakness;
import vigil.store.Sql;
import vigil.store.Sql.Batch;
import vigil.store.risk.ExposureScorer;

/**
 * The import's write statements, each a JDBC batch. {@link #flush()} runs them in dependency
 * order (assets before keys, weaknesses before exposures before observations).
 */
final class Writes implements AutoCloseable {
  private final Batch asset;
  private final Batch key;
  private final Batch touchKey;
  private final Batch attribute;
  private final Batch updateAttribute;
  private final Batch merge;
  private final Batch weakness;
  private final Batch weaknessCve;
  private final Batch exposure;
  private final Batch updateExposure;
  private final Batch touchExposure;
  private final Batch setStatus;
  private final Batch tools;
  private final Batch observation;
  private final Batch evidence;
  private final Batch event;
  private final Batch coverage;
  private final Batch touchAsset;
  private final List<Batch> ordered;

  Writes(Connection c) throws SQLException {
    asset = new Batch(c, "INSERT INTO asset (id, kind, name, first_seen, last_seen) VALUES (?,?,?,?,?)");
    key = new Batch(c, "INSERT INTO asset_key (key_type, key_value, asset_id, first_seen, last_seen) VALUES (?,?,?,?,?)");
    touchKey = new Batch(c, "UPDATE asset_key SET last_seen = ? WHERE key_type = ? AND key_value = ? AND asset_id = ?");
    attribute = new Batch(c, "INSERT INTO asset_attribute (asset_id, name, attr_value) VALUES (?,?,?)");
    updateAttribute = new Batch(c, "UPDATE asset_attribute SET attr_value = ? WHERE asset_id = ? AND name = ?");
    merge = new Batch(c, "INSERT INTO asset_merge (id, asset_id, import_id, created, incoming, reason, occurred_at)"
        + " VALUES (?,?,?,?,?,?,?)");
    weakness = new Batch(c, "INSERT INTO weakness (id, weakness_key, kind, check_id, title, cwes, description, solution)"
        + " VALUES (?,?,?,?,?,?,?,?)");
    weaknessCve = new Batch(c, "INSERT INTO weakness_cve (weakness_id, cve) VALUES (?,?)");
    exposure = new Batch(c, "INSERT INTO exposure (id, asset_id, weakness_id, location_key, status, severity,"
        + " first_seen, last_seen, status_changed_at, port, protocol, service, component, component_version,"
        + " fixed_version, path, cvss_v2, cvss_v3, cvss_v4, risk_score, priority, epss, scored_at, evidence_hash, tools)"
        + " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)");
    updateExposure = new Batch(c, "UPDATE exposure SET status = ?, severity = ?, last_seen = ?,"
        + " status_changed_at = COALESCE(?, status_changed_at), component_version = ?, fixed_version = ?,"
        + " cvss_v2 = ?, cvss_v3 = ?, cvss_v4 = ?, risk_score = ?, priority = ?, epss = ?, scored_at = ?,"
        + " evidence_hash = ? WHERE id = ?");
    // One row per statement: H2 tests an "id IN (?, ...)" list linearly for every row it updates.
    touchExposure = new Batch(c, "UPDATE exposure SET last_seen = ? WHERE id = ? AND last_seen < ?");
    setStatus = new Batch(c, "UPDATE exposure SET status = ?, status_changed_at = ? WHERE id = ?");
    tools = new Batch(c, "UPDATE exposure SET tools = ? WHERE id = ?");
    observation = new Batch(c, "INSERT INTO observation (id, exposure_id, import_id, observed_at, severity,"
        + " tool_severity, cvss_score) VALUES (?,?,?,?,?,?,?)");
    evidence = new Batch(c, "INSERT INTO observation_evidence (observation_id, evidence) VALUES (?,?)");
    event = new Batch(c, "INSERT INTO exposure_event (id, exposure_id, import_id, from_status, to_status, actor,"
        + " reason, occurred_at) VALUES (?,?,?,?,?,?,?,?)");
    coverage = new Batch(c, "INSERT INTO coverage (import_id, asset_id, tool) VALUES (?,?,?)");
    touchAsset = new Batch(c, "UPDATE asset SET last_seen = ? WHERE id = ? AND last_seen < ?");
    ordered = List.of(asset, key, touchKey, attribute, updateAttribute, merge, weakness, weaknessCve, exposure,
        updateExposure, touchExposure, setStatus, tools, observation, evidence, event, coverage, touchAsset);
  }

  void insertAsset(long id, AssetRef ref, Instant now) throws SQLException {
    PreparedStatement ps = asset.row();
    ps.setLong(1, id);
    ps.setString(2, ref.kind().name());
    ps.setString(3, Sql.cut(ref.name(), 512));
    Sql.setInstant(ps, 4, now);
    Sql.setInstant(ps, 5, now);
    asset.add();
  }

  void insertKey(long assetId, AssetKey k, Instant now) throws SQLException {
    PreparedStatement ps = key.row();
    ps.setString(1, k.type().name());
    ps.setString(2, Sql.cut(k.value(), 512));
    ps.setLong(3, assetId);
    Sql.setInstant(ps, 4, now);
    Sql.setInstant(ps, 5, now);
    key.add();
  }

  void touchKey(long assetId, AssetKey k, Instant now) throws SQLException {
    PreparedStatement ps = touchKey.row();
    Sql.setInstant(ps, 1, now);
    ps.setString(2, k.type().name());
    ps.setString(3, Sql.cut(k.value(), 512));
    ps.setLong(4, assetId);
    touchKey.add();
  }

  void insertAttribute(long assetId, String name, String value) throws SQLException {
    PreparedStatement ps = attribute.row();
    ps.setLong(1, assetId);
    ps.setString(2, Sql.cut(name, 128));
    ps.setString(3, Sql.cut(value, 2048));
    attribute.add();
  }

  void updateAttribute(long assetId, String name, String value) throws SQLException {
    PreparedStatement ps = updateAttribute.row();
    ps.setString(1, Sql.cut(value, 2048));
    ps.setLong(2, assetId);
    ps.setString(3, Sql.cut(name, 128));
    updateAttribute.add();
  }

  void merge(long id, long assetId, long importId, boolean created, String incoming, String reason, Instant at)
      throws SQLException {
    PreparedStatement ps = merge.row();
    ps.setLong(1, id);
    ps.setLong(2, assetId);
    ps.setLong(3, importId);
    ps.setBoolean(4, created);
    ps.setString(5, incoming);
    ps.setString(6, Sql.cut(reason, 1024));
    Sql.setInstant(ps, 7, at);
    merge.add();
  }

  void insertWeakness(long id, Observation o) throws SQLException {
    Weakness wk = o.weakness();
    PreparedStatement ps = weakness.row();
    ps.setLong(1, id);
    ps.setString(2, Sql.cut(wk.key(), 256));
    ps.setString(3, wk.kind().name());
    ps.setString(4, Sql.cut(wk.checkId(), 256));
    ps.setString(5, Sql.cut(wk.title(), 1024));
    ps.setString(6, wk.cwes().isEmpty() ? null : Sql.cut(String.join(",", wk.cwes()), 512));
    ps.setString(7, Sql.cut(o.description(), 65536));
    ps.setString(8, Sql.cut(o.solution(), 16384));
    weakness.add();
    for (String cve : wk.cves()) {
      PreparedStatement pc = weaknessCve.row();
      pc.setLong(1, id);
      pc.setString(2, cve);
      weaknessCve.add();
    }
  }

  void insertExposure(long id, long assetId, long weaknessId, String locationKey, Observation o, Instant seen,
      ExposureScorer.Scored risk, long evidenceHash, String toolSet) throws SQLException {
    Location l = o.location();
    PreparedStatement ps = exposure.row();
    ps.setLong(1, id);
    ps.setLong(2, assetId);
    ps.setLong(3, weaknessId);
    ps.setString(4, locationKey);
    ps.setString(5, ExposureStatus.OPEN.name());
    ps.setInt(6, o.severity().ordinal());
    Sql.setInstant(ps, 7, seen);
    Sql.setInstant(ps, 8, seen);
    Sql.setInstant(ps, 9, seen);
    Sql.setInteger(ps, 10, l.port());
    ps.setString(11, Sql.cut(l.protocol(), 16));
    ps.setString(12, Sql.cut(l.service(), 64));
    ps.setString(13, Sql.cut(l.component(), 512));
    ps.setString(14, Sql.cut(l.componentVersion(), 256));
    ps.setString(15, Sql.cut(l.fixedVersion(), 256));
    ps.setString(16, Sql.cut(l.path(), 2048));
    ps.setString(17, Sql.cut(o.cvss().v2Vector(), 128));
    ps.setString(18, Sql.cut(o.cvss().v3Vector(), 160));
    ps.setString(19, Sql.cut(o.cvss().v4Vector(), 256));
    setRisk(ps, 20, risk);
    ps.setLong(24, evidenceHash);
    ps.setString(25, toolSet);
    exposure.add();
  }

  void updateExposure(long id, ExposureStatus status, Observation o, Instant seen, Instant statusChangedAt,
      ExposureScorer.Scored risk, long evidenceHash) throws SQLException {
    PreparedStatement ps = updateExposure.row();
    ps.setString(1, status.name());
    ps.setInt(2, o.severity().ordinal());
    Sql.setInstant(ps, 3, seen);
    Sql.setInstant(ps, 4, statusChangedAt);
    ps.setString(5, Sql.cut(o.location().componentVersion(), 256));
    ps.setString(6, Sql.cut(o.location().fixedVersion(), 256));
    ps.setString(7, Sql.cut(o.cvss().v2Vector(), 128));
    ps.setString(8, Sql.cut(o.cvss().v3Vector(), 160));
    ps.setString(9, Sql.cut(o.cvss().v4Vector(), 256));
    setRisk(ps, 10, risk);
    ps.setLong(14, evidenceHash);
    ps.setLong(15, id);
    updateExposure.add();
  }

  /** risk_score, priority, epss, scored_at from {@code index} on. */
  private static void setRisk(PreparedStatement ps, int index, ExposureScorer.Scored risk) throws SQLException {
    ps.setDouble(index, risk.score().score());
    ps.setInt(index + 1, risk.score().priority().ordinal() + 1);
    Sql.setDouble(ps, index + 2, risk.epss());
    Sql.setInstant(ps, index + 3, Instant.now());
  }

  /** Moves an unchanged exposure's last sighting forward (never back). */
  void touchExposure(long id, Instant seen) throws SQLException {
    PreparedStatement ps = touchExposure.row();
    Sql.setInstant(ps, 1, seen);
    ps.setLong(2, id);
    Sql.setInstant(ps, 3, seen);
    touchExposure.add();
  }

  void setStatus(long id, ExposureStatus status, Instant at) throws SQLException {
    PreparedStatement ps = setStatus.row();
    ps.setString(1, status.name());
    Sql.setInstant(ps, 2, at);
    ps.setLong(3, id);
    setStatus.add();
  }

  void setTools(long exposureId, String toolSet) throws SQLException {
    PreparedStatement ps = tools.row();
    ps.setString(1, toolSet);
    ps.setLong(2, exposureId);
    tools.add();
  }

  void insertObservation(long id, long exposureId, long importId, Observation o, Instant seen) throws SQLException {
    PreparedStatement ps = observation.row();
    ps.setLong(1, id);
    ps.setLong(2, exposureId);
    ps.setLong(3, importId);
    Sql.setInstant(ps, 4, seen);
    ps.setInt(5, o.severity().ordinal());
    ps.setString(6, Sql.cut(o.toolSeverity(), 64));
    Sql.setDouble(ps, 7, o.cvss().bestScore());
    observation.add();
  }

  void insertEvidence(long observationId, String text) throws SQLException {
    PreparedStatement pe = evidence.row();
    pe.setLong(1, observationId);
    pe.setString(2, text);
    evidence.add();
  }

  void event(long id, long exposureId, Long importId, ExposureStatus from, ExposureStatus to, String actor,
      String reason, Instant at) throws SQLException {
    PreparedStatement ps = event.row();
    ps.setLong(1, id);
    ps.setLong(2, exposureId);
    if (importId == null) {
      ps.setNull(3, java.sql.Types.BIGINT);
    } else {
      ps.setLong(3, importId);
    }
    ps.setString(4, from == null ? null : from.name());
    ps.setString(5, to.name());
    ps.setString(6, actor);
    ps.setString(7, Sql.cut(reason, 1024));
    Sql.setInstant(ps, 8, at);
    event.add();
  }

  void coverage(long importId, long assetId, String toolName) throws SQLException {
    PreparedStatement ps = coverage.row();
    ps.setLong(1, importId);
    ps.setLong(2, assetId);
    ps.setString(3, toolName);
    coverage.add();
  }

  void touchAsset(long assetId, Instant at) throws SQLException {
    PreparedStatement ps = touchAsset.row();
    Sql.setInstant(ps, 1, at);
    ps.setLong(2, assetId);
    Sql.setInstant(ps, 3, at);
    touchAsset.add();
  }

  /** Runs every pending batch, parents before children. */
  void flush() throws SQLException {
    for (Batch b : ordered) {
      b.flush();
    }
  }

  @Override
  public void close() throws SQLException {
    for (Batch b : ordered) {
      b.close();
    }
  }
}
