package vigil.store.graph;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import vigil.engine.graph.DefinitionException;
import vigil.engine.graph.Topology;
import vigil.store.Database;
import vigil.store.Digests;
import vigil.store.Sql;
import vigil.store.StoreException;
import vigil.store.security.AuditLog;

/**
 * The declared topology (zones, flows, entry points, crown jewels): a YAML file checked by
 * {@link Topology#read} and stored as written, every applied version kept like the scope's.
 */
public final class TopologyStore {
  private final Database db;
  private final AuditLog audit;

  public TopologyStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
    this.audit = new AuditLog(db);
  }

  /** The result of an apply: the version now in force and whether this call created it. */
  public record Applied(long version, boolean changed, int zones, int flows, int entryPoints, int crownJewels) {}

  /**
   * Stores a topology file as the new version unless it is the one in force already.
   *
   * @throws DefinitionException naming line, column and field; nothing is stored then
   */
  public Applied apply(String yaml, String source, String actor) throws DefinitionException {
    Topology t = Topology.read(source, new StringReader(yaml));
    String sha = sha256(yaml);
    try (Connection c = db.connection()) {
      Stored current = current(c);
      if (current != null && current.sha256.equals(sha)) {
        return new Applied(current.version, false, t.zones().size(), t.flows().size(), t.entryPoints().size(),
            t.crownJewels().size());
      }
      long id = db.ids().next();
      Applied applied = new Applied(id, true, t.zones().size(), t.flows().size(), t.entryPoints().size(),
          t.crownJewels().size());
      c.setAutoCommit(false);
      try {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO topology_version (id, applied_at, actor, source,"
            + " sha256, document) VALUES (?,?,?,?,?,?)")) {
          ps.setLong(1, id);
          Sql.setInstant(ps, 2, Instant.now());
          ps.setString(3, Sql.cut(actor, 256));
          ps.setString(4, Sql.cut(source, 1024));
          ps.setString(5, sha);
          ps.setString(6, yaml);
          ps.executeUpdate();
        }
        Map<String, Object> before = new LinkedHashMap<>();
        before.put("version", current == null ? 0 : current.version);
        before.put("sha256", current == null ? null : current.sha256);
        audit.record(c, AuditLog.Entry.of(actor, "topology.apply", "topology", String.valueOf(id), before,
            auditView(applied, source, sha), null), Instant.now());
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      return applied;
    } catch (SQLException e) {
      throw new StoreException("applying topology " + source, e);
    }
  }

  private static Map<String, Object> auditView(Applied a, String source, String sha) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", a.version());
    m.put("sha256", sha);
    m.put("source", source);
    m.put("zones", a.zones());
    m.put("flows", a.flows());
    m.put("entryPoints", a.entryPoints());
    m.put("crownJewels", a.crownJewels());
    return m;
  }

  /** The topology in force as written, or null before the first apply. */
  public String export() {
    try (Connection c = db.connection()) {
      Stored s = current(c);
      return s == null ? null : s.document;
    } catch (SQLException e) {
      throw new StoreException("exporting the topology", e);
    }
  }

  /** The topology version in force, 0 before the first apply. */
  static long version(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM topology_version");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** The topology in force, {@link Topology#EMPTY} before the first apply. */
  static Topology load(Connection c) throws SQLException {
    Stored s = current(c);
    if (s == null) {
      return Topology.EMPTY;
    }
    try {
      return Topology.read("topology version " + s.version, new StringReader(s.document));
    } catch (DefinitionException e) {
      throw new IllegalStateException("stored topology version " + s.version + " no longer reads: " + e.getMessage(), e);
    }
  }

  private record Stored(long version, String sha256, String document) {}

  private static Stored current(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, sha256, document FROM topology_version ORDER BY id DESC LIMIT 1");
        ResultSet rs = ps.executeQuery()) {
      return rs.next() ? new Stored(rs.getLong(1), rs.getString(2), rs.getString(3)) : null;
    }
  }

  private static String sha256(String text) {
    try {
      return Digests.sha256(() -> new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
