package vigil.store.imports;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import vigil.engine.correlate.AssetMatch;
import vigil.engine.correlate.AssetMatcher;
import vigil.engine.correlate.StoredAsset;
import vigil.engine.lifecycle.ExposureStatus;
import vigil.engine.lifecycle.Lifecycle;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.AssetRef;
import vigil.model.Observation;
import vigil.model.ObservationSink;
import vigil.model.Weakness;
import vigil.store.ExposureTools;
import vigil.store.IdAllocator;
import vigil.store.Sql;
import vigil.store.risk.ExposureScorer;
import vigil.store.scope.AssetContext;
import vigil.store.scope.AssetScopes;
import vigil.store.scope.ScopeState;
import vigil.store.scope.ScopeStore;
import vigil.engine.graph.AttackPathPosition;
import vigil.engine.scope.AssetFacts;
import vigil.engine.risk.RiskModel;

/**
 * One import inside its transaction. Observations arrive from the parser and are written in
 * batches of {@value #BATCH}: assets are correlated, weaknesses and exposures looked up or
 * created, sightings recorded. {@link #finish()} closes what the scan covered and did not see.
 *
 * <p>State kept in memory is per touched asset (its identifiers and its exposures), never the
 * whole file.
 */
final class ImportSession implements ObservationSink {
  static final int BATCH = 5000;
  private static final int EVIDENCE_MAX = 16000;

  private final Connection c;
  private final IdAllocator ids;
  private final AssetMatcher matcher;
  private final ImportRequest request;
  private final long importId;

  private final List<Observation> pending = new ArrayList<>(BATCH);
  private final List<AssetRef> pendingCovered = new ArrayList<>();

  /** Incoming identifier sets already resolved in this import → asset id. */
  private final Map<Set<AssetKey>, Long> resolved = new HashMap<>();
  private final Set<AssetKey> lookedUp = new HashSet<>();
  private final Map<AssetKey, Set<Long>> assetsByKey = new HashMap<>();
  private final Map<Long, KnownAsset> assets = new HashMap<>();
  private final Set<Long> covered = new LinkedHashSet<>();
  private final Set<Long> matchedAssets = new HashSet<>();

  private final Map<String, Long> weaknesses = new HashMap<>();
  private final Map<Long, Map<String, KnownExposure>> exposures = new HashMap<>();
  private final Set<Long> seenExposures = new HashSet<>();

  private long observations;
  private int assetsNew;
  private int exposuresNew;
  private int exposuresUnchanged;
  private int exposuresReopened;
  private int exposuresFixed;

  private final Writes w;
  private final ExposureScorer scorer;
  private ScopeState scope;
  /** Business context of the assets this import touched, evaluated once per import. */
  private final Map<Long, AssetContext> contexts = new HashMap<>();

  ImportSession(Connection c, IdAllocator ids, AssetMatcher matcher, RiskModel model, ImportRequest request)
      throws SQLException {
    this.c = c;
    this.ids = ids;
    this.matcher = matcher;
    this.scorer = new ExposureScorer(model);
    this.request = request;
    this.importId = ids.next();
    this.w = new Writes(c);
  }

  void begin() throws SQLException {
    scope = ScopeStore.current(c);
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO import_run"
        + " (id, file_name, format, tool, sha256, actor, started_at, team_id) VALUES (?,?,?,?,?,?,?,?)")) {
      ps.setLong(1, importId);
      ps.setString(2, Sql.cut(request.fileName(), 1024));
      ps.setString(3, request.format());
      ps.setString(4, request.tool());
      ps.setString(5, request.sha256());
      ps.setString(6, request.actor());
      Sql.setInstant(ps, 7, request.startedAt());
      ps.setObject(8, request.teamId(), java.sql.Types.BIGINT);
      ps.executeUpdate();
    }
  }

  @Override
  public void covered(AssetRef asset) {
    pendingCovered.add(asset);
    if (pendingCovered.size() >= BATCH) {
      flushUnchecked();
    }
  }

  @Override
  public void observation(Observation observation) {
    pending.add(observation);
    if (pending.size() >= BATCH) {
      flushUnchecked();
    }
  }

  private void flushUnchecked() {
    try {
      flush();
    } catch (SQLException e) {
      throw new IllegalStateException("writing import " + request.fileName() + ": " + e.getMessage(), e);
    }
  }

  private void flush() throws SQLException {
    List<AssetRef> refs = new ArrayList<>(pendingCovered);
    for (Observation o : pending) {
      refs.add(o.asset());
    }
    resolveAssets(refs);
    for (AssetRef r : pendingCovered) {
      covered.add(resolved.get(r.keys()));
    }
    evaluateScope(refs);
    pendingCovered.clear();
    if (!pending.isEmpty()) {
      resolveWeaknesses();
      loadExposures();
      Set<Long> toScore = new HashSet<>();
      for (Observation o : pending) {
        if (mayNeedScore(o)) {
          toScore.add(weaknesses.get(o.weakness().key()));
        }
      }
      scorer.prepare(c, toScore);
      for (Observation o : pending) {
        record(o);
      }
      pending.clear();
    }
    w.flush();
  }

  /**
   * A 64-bit FNV-1a hash of an evidence text (0 for none): tells a repeated plugin output from a
   * new one without keeping the text. A collision only means a changed text is not stored again.
   */
  static long evidenceHash(String text) {
    if (text == null) {
      return 0;
    }
    long h = 0xcbf29ce484222325L;
    for (int i = 0; i < text.length(); i++) {
      h ^= text.charAt(i);
      h *= 0x100000001b3L;
    }
    return h == 0 ? 1 : h;
  }

  // --- assets ---------------------------------------------------------------------------------

  private void resolveAssets(List<AssetRef> refs) throws SQLException {
    Set<AssetKey> unknownKeys = new LinkedHashSet<>();
    for (AssetRef r : refs) {
      if (!resolved.containsKey(r.keys())) {
        for (AssetKey k : r.keys()) {
          if (lookedUp.add(k)) {
            unknownKeys.add(k);
          }
        }
      }
    }
    loadCandidates(unknownKeys);
    for (AssetRef r : refs) {
      if (!resolved.containsKey(r.keys())) {
        resolved.put(r.keys(), resolve(r));
      }
    }
  }

  private long resolve(AssetRef ref) throws SQLException {
    Set<Long> candidateIds = new LinkedHashSet<>();
    for (AssetKey k : ref.keys()) {
      candidateIds.addAll(assetsByKey.getOrDefault(k, Set.of()));
    }
    List<StoredAsset> candidates = new ArrayList<>();
    for (Long id : candidateIds) {
      candidates.add(assets.get(id).view(id));
    }
    Instant now = request.startedAt();
    AssetMatch match = matcher.match(ref, candidates, now);
    long id;
    if (match.isNew()) {
      id = ids.next();
      KnownAsset a = new KnownAsset(ref.kind());
      assets.put(id, a);
      w.insertAsset(id, ref, now);
      assetsNew++;
    } else {
      id = match.assetId();
      if (!assets.get(id).createdHere) {
        matchedAssets.add(id);
      }
    }
    KnownAsset a = assets.get(id);
    for (AssetKey k : ref.keys()) {
      if (a.keys.containsKey(k)) {
        if (!a.createdHere && a.touched.add(k)) {
          w.touchKey(id, k, now);
        }
      } else {
        a.keys.put(k, now);
        a.touched.add(k);
        assetsByKey.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(id);
        w.insertKey(id, k, now);
      }
    }
    for (Map.Entry<String, String> attr : ref.attributes().entrySet()) {
      String old = a.attributes.put(attr.getKey(), attr.getValue());
      if (old == null) {
        w.insertAttribute(id, attr.getKey(), attr.getValue());
      } else if (!old.equals(attr.getValue())) {
        w.updateAttribute(id, attr.getKey(), attr.getValue());
      }
    }
    w.merge(ids.next(), id, importId, match.isNew(), describe(ref), match.reason(), now);
    return id;
  }

  private static String describe(AssetRef ref) {
    StringBuilder sb = new StringBuilder(ref.kind().label()).append(' ');
    for (AssetKey k : ref.keys()) {
      sb.append(k).append(' ');
    }
    return Sql.cut(sb.toString().trim(), 2048);
  }

  private void loadCandidates(Set<AssetKey> keys) throws SQLException {
    if (keys.isEmpty()) {
      return;
    }
    Set<Long> found = new LinkedHashSet<>();
    Set<String> values = new LinkedHashSet<>();
    keys.forEach(k -> values.add(k.value()));
    for (List<String> chunk : Sql.chunks(values, Sql.IN_CHUNK)) {
      String sql = "SELECT key_type, key_value, asset_id FROM asset_key WHERE key_value IN (" + Sql.marks(chunk.size()) + ")";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            AssetKey k = new AssetKey(AssetKey.Type.valueOf(rs.getString(1)), rs.getString(2));
            if (keys.contains(k) && !assets.containsKey(rs.getLong(3))) {
              found.add(rs.getLong(3));
            }
          }
        }
      }
    }
    loadAssets(found);
  }

  /** Loads whole assets (kind, every key, attributes), so the matcher sees contradictions too. */
  private void loadAssets(Set<Long> assetIds) throws SQLException {
    for (List<Long> chunk : Sql.chunks(assetIds, Sql.IN_CHUNK)) {
      String in = Sql.marks(chunk.size());
      try (PreparedStatement ps = c.prepareStatement("SELECT id, kind FROM asset WHERE id IN (" + in + ")")) {
        bind(ps, chunk);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            KnownAsset a = new KnownAsset(AssetKind.valueOf(rs.getString(2)));
            a.createdHere = false;
            assets.put(rs.getLong(1), a);
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT asset_id, key_type, key_value, last_seen FROM asset_key WHERE asset_id IN (" + in + ")")) {
        bind(ps, chunk);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            long id = rs.getLong(1);
            AssetKey k = new AssetKey(AssetKey.Type.valueOf(rs.getString(2)), rs.getString(3));
            assets.get(id).keys.put(k, Sql.instant(rs.getObject(4)));
            assetsByKey.computeIfAbsent(k, x -> new LinkedHashSet<>()).add(id);
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT asset_id, name, attr_value FROM asset_attribute WHERE asset_id IN (" + in + ")")) {
        bind(ps, chunk);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            assets.get(rs.getLong(1)).attributes.put(rs.getString(2), rs.getString(3));
          }
        }
      }
    }
  }

  /** Evaluates the scope of assets first touched in this batch, with all their known identifiers. */
  private void evaluateScope(List<AssetRef> refs) throws SQLException {
    Map<Long, AssetFacts> facts = new LinkedHashMap<>();
    Map<Long, Map<String, String>> attributes = new HashMap<>();
    for (AssetRef r : refs) {
      long id = resolved.get(r.keys());
      if (!contexts.containsKey(id) && !facts.containsKey(id)) {
        KnownAsset a = assets.get(id);
        facts.put(id, AssetFacts.of(a.keys.keySet(), a.attributes));
        attributes.put(id, a.attributes);
      }
    }
    if (!facts.isEmpty()) {
      w.flush(); // the assets' rows first: asset_scope references them
      contexts.putAll(AssetScopes.evaluate(c, scope, facts, attributes));
    }
  }

  // --- weaknesses -----------------------------------------------------------------------------

  private void resolveWeaknesses() throws SQLException {
    Map<String, Weakness> missing = new LinkedHashMap<>();
    for (Observation o : pending) {
      String key = o.weakness().key();
      if (!weaknesses.containsKey(key)) {
        missing.putIfAbsent(key, o.weakness());
      }
    }
    for (List<String> chunk : Sql.chunks(missing.keySet(), Sql.IN_CHUNK)) {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT weakness_key, id FROM weakness WHERE weakness_key IN (" + Sql.marks(chunk.size()) + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setString(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            weaknesses.put(rs.getString(1), rs.getLong(2));
          }
        }
      }
    }
    for (Observation o : pending) {
      String key = o.weakness().key();
      if (!weaknesses.containsKey(key)) {
        long id = ids.next();
        weaknesses.put(key, id);
        w.insertWeakness(id, o);
      }
    }
  }

  // --- exposures ------------------------------------------------------------------------------

  private void loadExposures() throws SQLException {
    Set<Long> toLoad = new LinkedHashSet<>();
    for (Observation o : pending) {
      long assetId = resolved.get(o.asset().keys());
      if (!exposures.containsKey(assetId)) {
        exposures.put(assetId, new HashMap<>());
        if (!assets.get(assetId).createdHere) {
          toLoad.add(assetId);
        }
      }
    }
    for (List<Long> chunk : Sql.chunks(toLoad, Sql.IN_CHUNK)) {
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT id, asset_id, weakness_id, location_key, status, severity, component_version, fixed_version,"
          + " cvss_v2, cvss_v3, cvss_v4, evidence_hash, on_attack_path, choke_point, tools FROM exposure"
          + " WHERE asset_id IN (" + Sql.marks(chunk.size()) + ")")) {
        bind(ps, chunk);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            KnownExposure e = new KnownExposure(rs.getLong(1), ExposureStatus.valueOf(rs.getString(5)),
                fields(rs.getInt(6), rs.getString(7), rs.getString(8), rs.getString(9), rs.getString(10),
                    rs.getString(11)), rs.getLong(12), rs.getString(15));
            e.position = new AttackPathPosition(String.valueOf(e.id), rs.getBoolean(13), rs.getBoolean(14));
            exposures.get(rs.getLong(2)).put(identity(rs.getLong(3), rs.getString(4)), e);
          }
        }
      }
    }
  }

  private void record(Observation o) throws SQLException {
    observations++;
    long assetId = resolved.get(o.asset().keys());
    covered.add(assetId);
    long weaknessId = weaknesses.get(o.weakness().key());
    String locationKey = Sql.cut(o.location().key(), 1024);
    Instant seen = o.observedAt() != null ? o.observedAt() : request.startedAt();
    Map<String, KnownExposure> onAsset = exposures.get(assetId);
    String identity = identity(weaknessId, locationKey);
    KnownExposure e = onAsset.get(identity);
    long evidence = evidenceHash(o.evidence() == null ? null : Sql.cut(o.evidence(), EVIDENCE_MAX));
    boolean storeEvidence = false;
    if (e == null) {
      e = new KnownExposure(ids.next(), ExposureStatus.OPEN, null, evidence, ExposureTools.of(request.tool()));
      onAsset.put(identity, e);
      w.insertExposure(e.id, assetId, weaknessId, locationKey, o, seen, score(weaknessId, o, null), evidence, e.tools);
      storeEvidence = evidence != 0;
      exposuresNew++;
      seenExposures.add(e.id);
    } else if (seenExposures.add(e.id)) {
      ExposureStatus before = e.status;
      e.status = Lifecycle.seen(before);
      if (Lifecycle.outcomeOfSighting(before) == Lifecycle.Outcome.REOPENED) {
        exposuresReopened++;
        w.event(ids.next(), e.id, importId, before, e.status, request.actor(),
            "seen again by " + request.tool() + " in " + request.fileName(), request.startedAt());
      } else {
        exposuresUnchanged++;
      }
      String now = fields(o);
      storeEvidence = evidence != 0 && evidence != e.evidenceHash;
      if (before != e.status || !now.equals(e.fields) || storeEvidence) {
        w.updateExposure(e.id, e.status, o, seen, before != e.status ? request.startedAt() : null,
            score(weaknessId, o, e.position), storeEvidence ? evidence : e.evidenceHash);
        e.fields = now;
        if (storeEvidence) {
          e.evidenceHash = evidence;
        }
      } else {
        // The common case of a re-scan: only last_seen moves.
        w.touchExposure(e.id, seen);
      }
    }
    if (!ExposureTools.contains(e.tools, request.tool())) {
      e.tools = ExposureTools.with(e.tools, request.tool());
      w.setTools(e.id, e.tools);
    }
    long observationId = ids.next();
    w.insertObservation(observationId, e.id, importId, o, seen);
    if (storeEvidence) {
      w.insertEvidence(observationId, Sql.cut(o.evidence(), EVIDENCE_MAX));
    }
  }

  /**
   * False when the sighting will surely leave its exposure as it is (a re-scan's usual case), so
   * the intelligence of its weakness need not be loaded. Only an optimisation: {@link #score}
   * loads what a wrong guess left out.
   */
  private boolean mayNeedScore(Observation o) {
    Map<String, KnownExposure> onAsset = exposures.get(resolved.get(o.asset().keys()));
    KnownExposure e = onAsset.get(identity(weaknesses.get(o.weakness().key()), Sql.cut(o.location().key(), 1024)));
    if (e == null || Lifecycle.seen(e.status) != e.status || !fields(o).equals(e.fields)) {
      return true;
    }
    long evidence = evidenceHash(o.evidence() == null ? null : Sql.cut(o.evidence(), EVIDENCE_MAX));
    return evidence != 0 && evidence != e.evidenceHash;
  }

  /**
   * The exposure's risk as this sighting describes it (severity and vectors), with stored
   * intelligence, the asset's scope and the attack-path position the graph last computed.
   */
  private ExposureScorer.Scored score(long weaknessId, Observation o, AttackPathPosition position)
      throws SQLException {
    if (!scorer.prepared(weaknessId)) {
      scorer.prepare(c, Set.of(weaknessId));
    }
    return scorer.score(weaknessId, o.weakness().kind(), o.severity(), Sql.cut(o.cvss().v4Vector(), 256),
        Sql.cut(o.cvss().v3Vector(), 160), Sql.cut(o.cvss().v2Vector(), 128),
        contexts.getOrDefault(resolved.get(o.asset().keys()), AssetContext.UNKNOWN), position);
  }

  private static String identity(long weaknessId, String locationKey) {
    return weaknessId + "|" + locationKey;
  }

  // --- finish ---------------------------------------------------------------------------------

  ImportResult finish() throws SQLException {
    flush();
    closeUnseen();
    for (Long assetId : covered) {
      w.coverage(importId, assetId, request.tool());
      w.touchAsset(assetId, request.startedAt());
    }
    w.flush();
    int assetsMatched = matchedAssets.size();
    try (PreparedStatement ps = c.prepareStatement("UPDATE import_run SET finished_at = ?, observations = ?,"
        + " assets_new = ?, assets_matched = ?, exposures_new = ?, exposures_unchanged = ?,"
        + " exposures_reopened = ?, exposures_fixed = ? WHERE id = ?")) {
      Sql.setInstant(ps, 1, Instant.now());
      ps.setLong(2, observations);
      ps.setInt(3, assetsNew);
      ps.setInt(4, assetsMatched);
      ps.setInt(5, exposuresNew);
      ps.setInt(6, exposuresUnchanged);
      ps.setInt(7, exposuresReopened);
      ps.setInt(8, exposuresFixed);
      ps.setLong(9, importId);
      ps.executeUpdate();
    }
    w.close();
    return new ImportResult(importId, request.fileName(), request.format(), observations, assetsNew, assetsMatched,
        exposuresNew, exposuresUnchanged, exposuresReopened, exposuresFixed, null);
  }

  /**
   * Coverage-aware closing: on each asset this scan covered, an active exposure that this tool
   * had reported before and did not report now is fixed. Exposures only other tools reported,
   * and assets the scan did not cover, are left alone. The exposures of assets this import
   * reported findings on are in memory already; only assets it covered without a finding are read.
   */
  private void closeUnseen() throws SQLException {
    Map<Long, ExposureStatus> unseen = new TreeMap<>();
    List<Long> notLoaded = new ArrayList<>();
    for (Long assetId : covered) {
      Map<String, KnownExposure> onAsset = exposures.get(assetId);
      if (onAsset == null) {
        notLoaded.add(assetId);
        continue;
      }
      for (KnownExposure e : onAsset.values()) {
        if (e.status.active() && ExposureTools.contains(e.tools, request.tool()) && !seenExposures.contains(e.id)) {
          unseen.put(e.id, e.status);
        }
      }
    }
    for (List<Long> chunk : Sql.chunks(notLoaded, Sql.IN_CHUNK)) {
      String sql = "SELECT id, status FROM exposure WHERE status IN ('OPEN', 'REOPENED') AND tools LIKE ?"
          + " AND asset_id IN (" + Sql.marks(chunk.size()) + ")";
      try (PreparedStatement ps = c.prepareStatement(sql)) {
        ps.setString(1, ExposureTools.likePattern(request.tool()));
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 2, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            unseen.put(rs.getLong(1), ExposureStatus.valueOf(rs.getString(2)));
          }
        }
      }
    }
    for (Map.Entry<Long, ExposureStatus> e : unseen.entrySet()) {
      ExposureStatus after = Lifecycle.missing(e.getValue());
      w.setStatus(e.getKey(), after, request.startedAt());
      w.event(ids.next(), e.getKey(), importId, e.getValue(), after, request.actor(),
          request.tool() + " covered the asset in " + request.fileName() + " and did not report it",
          request.startedAt());
      exposuresFixed++;
    }
  }

  private static void bind(PreparedStatement ps, List<Long> values) throws SQLException {
    for (int i = 0; i < values.size(); i++) {
      ps.setLong(i + 1, values.get(i));
    }
  }

  /** An asset as this import knows it. */
  private static final class KnownAsset {
    final AssetKind kind;
    final Map<AssetKey, Instant> keys = new HashMap<>();
    final Map<String, String> attributes = new HashMap<>();
    final Set<AssetKey> touched = new HashSet<>();
    boolean createdHere = true;

    KnownAsset(AssetKind kind) {
      this.kind = kind;
    }

    StoredAsset view(long id) {
      return new StoredAsset(id, kind, keys);
    }
  }

  /** An exposure as this import knows it. */
  private static final class KnownExposure {
    final long id;
    ExposureStatus status;
    /** The tools that reported it, as {@link ExposureTools} writes them. */
    String tools;
    /** What the stored row says beside status and last seen: compared to skip needless updates. */
    String fields;
    long evidenceHash;
    /** Where the attack graph last placed it; null for an exposure new in this import. */
    AttackPathPosition position;

    KnownExposure(long id, ExposureStatus status, String fields, long evidenceHash, String tools) {
      this.id = id;
      this.tools = tools;
      this.status = status;
      this.fields = fields;
      this.evidenceHash = evidenceHash;
    }
  }

  /** The exposure columns a sighting may change, as one comparable string. */
  private static String fields(int severity, String componentVersion, String fixedVersion, String v2, String v3, String v4) {
    return severity + "\u0000" + componentVersion + "\u0000" + fixedVersion + "\u0000" + v2 + "\u0000" + v3 + "\u0000" + v4;
  }

  private static String fields(Observation o) {
    return fields(o.severity().ordinal(), Sql.cut(o.location().componentVersion(), 256),
        Sql.cut(o.location().fixedVersion(), 256), Sql.cut(o.cvss().v2Vector(), 128), Sql.cut(o.cvss().v3Vector(), 160),
        Sql.cut(o.cvss().v4Vector(), 256));
  }
}
