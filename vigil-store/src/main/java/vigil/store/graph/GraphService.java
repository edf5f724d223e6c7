package vigil.store.graph;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vigil.engine.graph.AttackGraph;
import vigil.engine.graph.AttackPathPosition;
import vigil.engine.graph.Facts;
import vigil.store.Database;
import vigil.store.Sql;
import vigil.store.StoreException;
import vigil.store.risk.Rescorer;
import vigil.store.security.Visibility;

/**
 * The attack graph of the stored facts, built when they change: the facts version is the latest
 * import, topology, identity import and scope version, and the count and last change of active
 * exposures. Each build writes every exposure's attack-path position (on a path to a crown jewel,
 * among the first {@value #CHOKE_POINTS} choke points) and re-scores the exposures concerned.
 *
 * <p>The reports take the reader's {@link Visibility}: a reader who does not see everything gets
 * the reports of a graph built from the facts it sees (see {@link StoredFacts}), cached per
 * visibility while the facts version holds. Positions and scores always come from the whole graph.
 */
public final class GraphService {
  /** How many choke points count for the risk model's choke-point flag. */
  public static final int CHOKE_POINTS = 10;

  private record Built(String version, AttackGraph graph) {}

  /** Restricted graphs kept at once (one per distinct visibility in use). */
  private static final int RESTRICTED_CACHE = 16;

  private final Database db;
  private final Rescorer rescorer;
  private Built built;
  private final Map<Visibility, Built> restricted = new LinkedHashMap<>(16, 0.75f, true) {
    private static final long serialVersionUID = 1L;

    @Override
    protected boolean removeEldestEntry(Map.Entry<Visibility, Built> eldest) {
      return size() > RESTRICTED_CACHE;
    }
  };

  public GraphService(Database db, Rescorer rescorer) {
    this.db = Objects.requireNonNull(db, "db");
    this.rescorer = Objects.requireNonNull(rescorer, "rescorer");
  }

  /**
   * The graph of the current facts, rebuilt (and positions re-scored) when they changed.
   *
   * @throws IllegalArgumentException when the facts contradict each other (a topology naming a
   *     host or zone that does not exist), with the engine's message
   */
  public synchronized AttackGraph graph() {
    try (Connection c = db.connection()) {
      String version = version(c);
      if (built != null && built.version.equals(version)) {
        return built.graph;
      }
      Facts facts = StoredFacts.load(c, Visibility.everything());
      AttackGraph graph = AttackGraph.build(facts);
      storePositions(c, graph.exposurePositions(CHOKE_POINTS));
      built = new Built(version, graph);
      return graph;
    } catch (SQLException e) {
      throw new StoreException("building the attack graph", e);
    }
  }

  /** The k most likely paths to every reachable crown jewel, as the CLI and the API report them. */
  public synchronized Map<String, Object> pathsReport(Visibility visible, int k) {
    Built b = built(visible);
    Map<String, Object> out = header(b);
    out.put("paths", b.graph.paths(k));
    return out;
  }

  /** What one state alone leads to (see {@link AttackGraph#blast}). */
  public synchronized Map<String, Object> blastReport(Visibility visible, String state, int limit) {
    Built b = built(visible);
    Map<String, Object> out = header(b);
    out.put("blast", b.graph.blast(state, limit));
    return out;
  }

  /** The first n choke points, each verified by recomputation. */
  public synchronized Map<String, Object> chokePointsReport(Visibility visible, int n) {
    Built b = built(visible);
    Map<String, Object> out = header(b);
    out.put("chokePoints", b.graph.chokePoints(n));
    return out;
  }

  /** The graph with exposures fixed (Vigil exposure ids) and flows removed (topology flow ids). */
  public synchronized Map<String, Object> whatIfReport(Visibility visible, List<String> exposureIds,
      List<String> flowIds) {
    Built b = built(visible);
    Map<String, Object> out = header(b);
    out.put("whatIf", b.graph.whatIf(new LinkedHashSet<>(exposureIds), new LinkedHashSet<>(flowIds)));
    return out;
  }

  /** The whole graph, or the graph of what {@code visible} sees, for the current facts. */
  private Built built(Visibility visible) {
    graph(); // brings the whole graph, and with it every exposure's position, up to date
    if (visible.all()) {
      return built;
    }
    Built b = restricted.get(visible);
    if (b != null && b.version.equals(built.version)) {
      return b;
    }
    try (Connection c = db.connection()) {
      b = new Built(built.version, AttackGraph.build(StoredFacts.load(c, visible)));
    } catch (SQLException e) {
      throw new StoreException("building the attack graph", e);
    }
    restricted.put(visible, b);
    return b;
  }

  private static Map<String, Object> header(Built b) {
    AttackGraph g = b.graph;
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("factsVersion", b.version);
    out.put("crownJewels", g.crownJewels());
    out.put("crownJewelsReachable", g.reachableCrownJewels());
    out.put("warnings", g.stats().warnings());
    return out;
  }

  /** The current facts version (imports, topology, identities, scope, active exposures). */
  public synchronized String version() {
    try (Connection c = db.connection()) {
      return version(c);
    } catch (SQLException e) {
      throw new StoreException("reading the facts version", e);
    }
  }

  private static String version(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT (SELECT MAX(id) FROM import_run),"
        + " (SELECT MAX(id) FROM topology_version), (SELECT MAX(id) FROM identity_import),"
        + " (SELECT MAX(id) FROM scope_version), COUNT(*), MAX(status_changed_at)"
        + " FROM exposure WHERE status IN ('OPEN', 'REOPENED')");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return "imports " + rs.getLong(1) + ", topology " + rs.getLong(2) + ", identities " + rs.getLong(3)
          + ", scope " + rs.getLong(4) + ", active exposures " + rs.getLong(5) + " " + Sql.instant(rs.getObject(6));
    }
  }

  /**
   * Writes positions that changed, then re-scores them and every exposure on a path: an import
   * re-scores what it touches without the graph, so those on a path are scored again here.
   */
  private void storePositions(Connection c, Map<String, AttackPathPosition> positions) throws SQLException {
    Map<Long, boolean[]> stored = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, on_attack_path, choke_point FROM exposure WHERE on_attack_path OR choke_point");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        stored.put(rs.getLong(1), new boolean[] {rs.getBoolean(2), rs.getBoolean(3)});
      }
    }
    Set<Long> changed = new LinkedHashSet<>();
    Map<Long, boolean[]> now = new HashMap<>();
    positions.values().forEach(p -> now.put(Long.valueOf(p.exposureId()), new boolean[] {p.onAttackPath(), p.chokePoint()}));
    for (Long id : stored.keySet()) {
      if (!now.containsKey(id)) {
        changed.add(id);
      }
    }
    for (Map.Entry<Long, boolean[]> e : now.entrySet()) {
      boolean[] was = stored.get(e.getKey());
      if (was == null || was[0] != e.getValue()[0] || was[1] != e.getValue()[1]) {
        changed.add(e.getKey());
      }
    }
    if (!changed.isEmpty()) {
      c.setAutoCommit(false);
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE exposure SET on_attack_path = ?, choke_point = ? WHERE id = ?")) {
        for (Long id : changed) {
          boolean[] p = now.getOrDefault(id, new boolean[2]);
          ps.setBoolean(1, p[0]);
          ps.setBoolean(2, p[1]);
          ps.setLong(3, id);
          ps.addBatch();
        }
        ps.executeBatch();
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    }
    Set<Long> rescore = new LinkedHashSet<>(changed);
    rescore.addAll(now.keySet());
    if (!rescore.isEmpty()) {
      rescorer.rescore(List.copyOf(rescore));
    }
  }
}
