package vigil.store.scope;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import vigil.engine.scope.AssetFacts;
import vigil.engine.scope.BusinessService;
import vigil.engine.scope.ScopeChange;
import vigil.engine.scope.ScopeDiff;
import vigil.engine.scope.ScopeDocument;
import vigil.engine.scope.ScopeFileException;
import vigil.engine.scope.ScopeIndex;
import vigil.engine.scope.ScopeYaml;
import vigil.model.AssetKey;
import vigil.store.Database;
import vigil.store.Digests;
import vigil.store.Sql;
import vigil.store.StoreException;
import vigil.store.risk.Rescorer;
import vigil.store.security.AuditLog;

/**
 * The applied scope: apply a scope file (diff, new version, re-evaluation of every asset, re-score
 * of the assets whose business context changed), export it, and read it for imports.
 */
public final class ScopeStore {
  private static final int CHUNK = 2000;
  /** The last built index, by document hash: building 10k rules takes a fraction of a second. */
  private static final AtomicReference<ScopeState> CACHE = new AtomicReference<>(ScopeState.NONE);

  private final Database db;
  private final Rescorer rescorer;
  private final AuditLog audit;

  public ScopeStore(Database db, Rescorer rescorer) {
    this.db = Objects.requireNonNull(db, "db");
    this.rescorer = Objects.requireNonNull(rescorer, "rescorer");
    this.audit = new AuditLog(db);
  }

  /** The applied scope, or an empty one (version 0) before the first apply. */
  public static ScopeState current(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, sha256 FROM scope_version ORDER BY id DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      if (!rs.next()) {
        return ScopeState.NONE;
      }
      long version = rs.getLong(1);
      String sha = rs.getString(2);
      ScopeState cached = CACHE.get();
      if (cached.sha256().equals(sha)) {
        return cached.version() == version ? cached
            : new ScopeState(version, sha, cached.document(), cached.index());
      }
      ScopeDocument doc = parseStored(c, version);
      ScopeState state = new ScopeState(version, sha, doc, ScopeIndex.build(doc));
      CACHE.set(state);
      return state;
    }
  }

  private static ScopeDocument parseStored(Connection c, long version) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT document FROM scope_version WHERE id = ?")) {
      ps.setLong(1, version);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        return ScopeYaml.parse(rs.getString(1), "scope version " + version);
      }
    } catch (ScopeFileException e) {
      throw new IllegalStateException("stored scope version " + version + " no longer parses: " + e.getMessage(), e);
    }
  }

  /** The applied scope as a scope file. */
  public String export() {
    try (Connection c = db.connection()) {
      return ScopeYaml.write(current(c).document());
    } catch (SQLException e) {
      throw new StoreException("exporting the scope", e);
    }
  }

  /**
   * Makes the applied scope match a scope file. Idempotent: the same file again changes nothing.
   *
   * @param allowEmptying a file that would delete every service, environment and rule is refused
   *     unless this is set: an empty file is more often a mistake than an intent
   * @throws ScopeFileException naming line and field of every problem; nothing is changed then
   */
  public ScopeApplyResult apply(String yaml, String source, String actor, boolean dryRun, boolean allowEmptying)
      throws ScopeFileException {
    ScopeDocument desired = ScopeYaml.parse(yaml, source);
    try (Connection c = db.connection()) {
      ScopeState before = current(c);
      List<ScopeChange> changes = ScopeDiff.diff(before.document(), desired);
      boolean emptying = desired.services().isEmpty() && desired.environments().isEmpty() && desired.rules().isEmpty()
          && !(before.document().services().isEmpty() && before.document().rules().isEmpty());
      if (emptying && !allowEmptying) {
        throw new IllegalArgumentException(source + ": the file would delete the whole scope (" + changes.size()
            + " changes); pass --allow-empty if that is intended");
      }
      if (dryRun || changes.isEmpty()) {
        return new ScopeApplyResult(dryRun, before.version(), changes, 0, 0, 0, 0);
      }
      String canonical = ScopeYaml.write(desired);
      long version;
      c.setAutoCommit(false);
      try {
        version = writeVersion(c, canonical, source, actor, changes.size());
        writeServices(c, desired);
        audit.record(c, AuditLog.Entry.of(actor, "scope.apply", "scope", String.valueOf(version),
            Map.of("version", before.version()), applied(version, source, changes), null), Instant.now());
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      ScopeState after = current(c);
      Evaluation ev = evaluateAll(c, after);
      long rescored = ev.contextChanged.isEmpty() ? 0 : rescorer.rescoreAssets(ev.contextChanged);
      return new ScopeApplyResult(false, version, changes, ev.evaluated, ev.changed, ev.shadow, rescored);
    } catch (SQLException e) {
      throw new StoreException("applying scope " + source, e);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The audit trail's view of an apply: the new version and every change, described. */
  private static Map<String, Object> applied(long version, String source, List<ScopeChange> changes) {
    List<Map<String, String>> list = new ArrayList<>(changes.size());
    for (ScopeChange ch : changes) {
      Map<String, String> m = new LinkedHashMap<>();
      m.put("action", ch.action().label());
      m.put("type", ch.elementType());
      m.put("key", ch.key());
      m.put("description", ch.description());
      list.add(m);
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", version);
    m.put("source", source);
    m.put("changes", list);
    return m;
  }

  private long writeVersion(Connection c, String canonical, String source, String actor, int changes)
      throws SQLException, java.io.IOException {
    long id = db.ids().next();
    String sha = Digests.sha256(() -> new java.io.ByteArrayInputStream(canonical.getBytes(StandardCharsets.UTF_8)));
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO scope_version (id, applied_at, actor, source, sha256,"
        + " changes, document) VALUES (?,?,?,?,?,?,?)")) {
      ps.setLong(1, id);
      Sql.setInstant(ps, 2, Instant.now());
      ps.setString(3, Sql.cut(actor, 256));
      ps.setString(4, Sql.cut(source, 1024));
      ps.setString(5, sha);
      ps.setInt(6, changes);
      ps.setString(7, canonical);
      ps.executeUpdate();
    }
    return id;
  }

  private static void writeServices(Connection c, ScopeDocument doc) throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM business_service")) {
      del.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO business_service (name, description, owner, criticality,"
        + " crown_jewel, data_classification) VALUES (?,?,?,?,?,?)")) {
      for (BusinessService s : doc.services()) {
        ps.setString(1, Sql.cut(s.name(), 256));
        ps.setString(2, Sql.cut(s.description(), 2048));
        ps.setString(3, Sql.cut(s.owner(), 256));
        ps.setInt(4, s.criticality());
        ps.setBoolean(5, s.crownJewel());
        ps.setString(6, s.dataClassification() == null ? null : s.dataClassification().name().toLowerCase(java.util.Locale.ROOT));
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  /** Figures of a full re-evaluation. */
  private static final class Evaluation {
    long evaluated;
    long changed;
    long shadow;
    final Set<Long> contextChanged = new LinkedHashSet<>();
  }

  /** Re-evaluates every asset, chunk by chunk, one transaction each. */
  private static Evaluation evaluateAll(Connection c, ScopeState scope) throws SQLException {
    Evaluation ev = new Evaluation();
    long after = 0;
    while (true) {
      List<Long> ids = new ArrayList<>(CHUNK);
      try (PreparedStatement ps = c.prepareStatement("SELECT id FROM asset WHERE id > ? ORDER BY id LIMIT " + CHUNK)) {
        ps.setLong(1, after);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            ids.add(rs.getLong(1));
          }
        }
      }
      if (ids.isEmpty()) {
        return ev;
      }
      after = ids.get(ids.size() - 1);
      Map<Long, Map<String, String>> attributes = new HashMap<>();
      Map<Long, AssetFacts> facts = facts(c, ids, attributes);
      Map<Long, String> beforeRows = rows(c, ids);
      Map<Long, AssetContext> beforeContext = AssetScopes.load(c, new LinkedHashSet<>(ids));
      c.setAutoCommit(false);
      try {
        Map<Long, AssetContext> now = AssetScopes.evaluate(c, scope, facts, attributes);
        c.commit();
        Map<Long, String> afterRows = rows(c, ids);
        for (Long id : ids) {
          ev.evaluated++;
          if (!Objects.equals(beforeRows.get(id), afterRows.get(id))) {
            ev.changed++;
          }
          if (afterRows.get(id) != null && afterRows.get(id).startsWith("SHADOW_IT")) {
            ev.shadow++;
          }
          if (!Objects.equals(beforeContext.get(id), now.get(id))) {
            ev.contextChanged.add(id);
          }
        }
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
  }

  /** Each asset's scope result as one comparable string (without the evaluation time). */
  private static Map<Long, String> rows(Connection c, List<Long> ids) throws SQLException {
    Map<Long, String> out = new HashMap<>();
    for (List<Long> chunk : Sql.chunks(ids, Sql.IN_CHUNK)) {
      String in = Sql.marks(chunk.size());
      try (PreparedStatement ps = c.prepareStatement("SELECT s.asset_id, s.status, s.environment, s.criticality, s.owner,"
          + " s.crown_jewel, (SELECT COUNT(*) FROM asset_service v WHERE v.asset_id = s.asset_id)"
          + " FROM asset_scope s WHERE s.asset_id IN (" + in + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getLong(1), rs.getString(2) + "|" + rs.getString(3) + "|" + rs.getInt(4) + "|" + rs.getString(5)
                + "|" + rs.getBoolean(6) + "|" + rs.getLong(7));
          }
        }
      }
    }
    return out;
  }

  /** What the evaluator needs of stored assets: identifiers and attributes. */
  static Map<Long, AssetFacts> facts(Connection c, List<Long> ids, Map<Long, Map<String, String>> attributes)
      throws SQLException {
    Map<Long, List<AssetKey>> keys = new LinkedHashMap<>();
    for (Long id : ids) {
      keys.put(id, new ArrayList<>());
    }
    for (List<Long> chunk : Sql.chunks(ids, Sql.IN_CHUNK)) {
      String in = Sql.marks(chunk.size());
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT asset_id, key_type, key_value FROM asset_key WHERE asset_id IN (" + in + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            keys.get(rs.getLong(1)).add(new AssetKey(AssetKey.Type.valueOf(rs.getString(2)), rs.getString(3)));
          }
        }
      }
      try (PreparedStatement ps = c.prepareStatement(
          "SELECT asset_id, name, attr_value FROM asset_attribute WHERE asset_id IN (" + in + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            attributes.computeIfAbsent(rs.getLong(1), k -> new HashMap<>()).put(rs.getString(2), rs.getString(3));
          }
        }
      }
    }
    Map<Long, AssetFacts> out = new LinkedHashMap<>();
    keys.forEach((id, k) -> out.put(id, AssetFacts.of(k, attributes.getOrDefault(id, Map.of()))));
    return out;
  }
}
