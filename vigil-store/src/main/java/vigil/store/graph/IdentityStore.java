package vigil.store.graph;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.sharphound.SharpHoundFile;
import vigil.ingest.sharphound.SharpHoundReader;
import vigil.model.identity.DomainTrust;
import vigil.model.identity.IdentityEdge;
import vigil.model.identity.IdentitySink;
import vigil.model.identity.Principal;
import vigil.store.Database;
import vigil.store.Digests;
import vigil.store.Sql;
import vigil.store.StoreException;
import vigil.store.security.AuditLog;

/**
 * Directory identities from SharpHound files: principals, their relations and domain trusts, the
 * latest sighting of each winning. A file is read whole before anything is written, so a refused
 * file stores nothing; the same bytes again are a no-op (by SHA-256).
 */
public final class IdentityStore {
  private final Database db;
  private final AuditLog audit;

  public IdentityStore(Database db) {
    this.db = Objects.requireNonNull(db, "db");
    this.audit = new AuditLog(db);
  }

  /**
   * Imports one SharpHound JSON file (users, groups, computers, domains, gpos, ous, containers).
   *
   * @throws ParseException naming the file and the place when it is no SharpHound file
   */
  public IdentityImportResult importFile(ScanFile file, String actor) throws ParseException, IOException {
    String sha = Digests.sha256(file::open);
    try (Connection c = db.connection()) {
      IdentityImportResult earlier = earlier(c, sha, file.name());
      if (earlier != null) {
        return earlier;
      }
      Collected got = new Collected();
      SharpHoundFile read = new SharpHoundReader().read(file, got);
      long id = db.ids().next();
      c.setAutoCommit(false);
      try {
        insertImport(c, id, file.name(), sha, read.type(), actor, got);
        upsertPrincipals(c, id, got.principals);
        upsertEdges(c, id, got.edges);
        upsertTrusts(c, id, got.trusts);
        Map<String, Object> after = new LinkedHashMap<>();
        after.put("file", file.name());
        after.put("fileType", read.type());
        after.put("sha256", sha);
        after.put("principals", got.principals.size());
        after.put("edges", got.edges.size());
        after.put("trusts", got.trusts.size());
        audit.record(c, AuditLog.Entry.of(actor, "identities.import", "identity_import", String.valueOf(id), null,
            after, null), Instant.now());
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      return new IdentityImportResult(id, file.name(), read.type(), got.principals.size(), got.edges.size(),
          got.trusts.size(), false);
    } catch (SQLException e) {
      throw new StoreException("identity import of " + file.name() + " failed", e);
    }
  }

  /** The identity version: the latest import's id, 0 before any. */
  static long version(Connection c) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT MAX(id) FROM identity_import");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Pushes every stored principal, edge and trust into a sink. */
  static void readInto(Connection c, IdentitySink sink) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, kind, name, domain_id, enabled, attributes FROM identity_principal ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        sink.principal(new Principal(rs.getString(1), vigil.model.identity.PrincipalKind.valueOf(rs.getString(2)),
            rs.getString(3), rs.getString(4), rs.getBoolean(5), attributes(rs.getString(6))));
      }
    }
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT source, relation, target, inherited FROM identity_edge ORDER BY source, relation, target");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        sink.edge(new IdentityEdge(rs.getString(1), vigil.model.identity.IdentityRelation.valueOf(rs.getString(2)),
            rs.getString(3), rs.getBoolean(4)));
      }
    }
    try (PreparedStatement ps = c.prepareStatement("SELECT domain_id, target_domain_id, target_domain_name, direction,"
        + " trust_type, transitive, sid_filtering FROM identity_trust ORDER BY domain_id, target_domain_id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        sink.trust(new DomainTrust(rs.getString(1), rs.getString(2), rs.getString(3), rs.getString(4), rs.getString(5),
            rs.getBoolean(6), rs.getBoolean(7)));
      }
    }
  }

  private static Map<String, String> attributes(String lines) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (lines != null) {
      for (String line : lines.split("\n")) {
        int eq = line.indexOf('=');
        if (eq > 0) {
          out.put(line.substring(0, eq), line.substring(eq + 1));
        }
      }
    }
    return out;
  }

  private static IdentityImportResult earlier(Connection c, String sha, String fileName) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT id, file_type, principals, edges, trusts FROM identity_import WHERE sha256 = ?")) {
      ps.setString(1, sha);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? new IdentityImportResult(rs.getLong(1), fileName, rs.getString(2), rs.getInt(3),
            rs.getInt(4), rs.getInt(5), true) : null;
      }
    }
  }

  private static void insertImport(Connection c, long id, String name, String sha, String type, String actor,
      Collected got) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO identity_import (id, file_name, sha256, file_type,"
        + " actor, imported_at, principals, edges, trusts) VALUES (?,?,?,?,?,?,?,?,?)")) {
      ps.setLong(1, id);
      ps.setString(2, Sql.cut(name, 1024));
      ps.setString(3, sha);
      ps.setString(4, Sql.cut(type, 32));
      ps.setString(5, Sql.cut(actor, 256));
      Sql.setInstant(ps, 6, Instant.now());
      ps.setInt(7, got.principals.size());
      ps.setInt(8, got.edges.size());
      ps.setInt(9, got.trusts.size());
      ps.executeUpdate();
    }
  }

  // Delete-then-insert rather than MERGE: one statement form for H2 and PostgreSQL.
  private static void upsertPrincipals(Connection c, long importId, List<Principal> principals) throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM identity_principal WHERE id = ?");
        PreparedStatement ins = c.prepareStatement("INSERT INTO identity_principal (id, kind, name, domain_id, enabled,"
            + " attributes, import_id) VALUES (?,?,?,?,?,?,?)")) {
      for (Principal p : dedup(principals)) {
        del.setString(1, p.id());
        del.addBatch();
        ins.setString(1, Sql.cut(p.id(), 256));
        ins.setString(2, p.kind().name());
        ins.setString(3, Sql.cut(p.name(), 512));
        ins.setString(4, Sql.cut(p.domainId(), 256));
        ins.setBoolean(5, p.enabled());
        ins.setString(6, Sql.cut(p.attributes().entrySet().stream().map(e -> e.getKey() + "=" + clean(e.getValue()))
            .collect(Collectors.joining("\n")), 8000));
        ins.setLong(7, importId);
        ins.addBatch();
      }
      del.executeBatch();
      ins.executeBatch();
    }
  }

  private static String clean(String v) {
    return v == null ? "" : v.replace('\n', ' ');
  }

  private static List<Principal> dedup(List<Principal> principals) {
    Map<String, Principal> last = new java.util.LinkedHashMap<>();
    principals.forEach(p -> last.put(p.id(), p));
    return new ArrayList<>(last.values());
  }

  private static void upsertEdges(Connection c, long importId, List<IdentityEdge> edges) throws SQLException {
    Map<String, IdentityEdge> last = new java.util.LinkedHashMap<>();
    edges.forEach(e -> last.put(e.id(), e));
    try (PreparedStatement del = c.prepareStatement(
        "DELETE FROM identity_edge WHERE source = ? AND relation = ? AND target = ?");
        PreparedStatement ins = c.prepareStatement("INSERT INTO identity_edge (source, relation, target, inherited,"
            + " import_id) VALUES (?,?,?,?,?)")) {
      for (IdentityEdge e : last.values()) {
        del.setString(1, e.source());
        del.setString(2, e.relation().name());
        del.setString(3, e.target());
        del.addBatch();
        ins.setString(1, e.source());
        ins.setString(2, e.relation().name());
        ins.setString(3, e.target());
        ins.setBoolean(4, e.inherited());
        ins.setLong(5, importId);
        ins.addBatch();
      }
      del.executeBatch();
      ins.executeBatch();
    }
  }

  private static void upsertTrusts(Connection c, long importId, List<DomainTrust> trusts) throws SQLException {
    Map<String, DomainTrust> last = new java.util.LinkedHashMap<>();
    trusts.forEach(t -> last.put(t.domainId() + "|" + t.targetDomainId(), t));
    try (PreparedStatement del = c.prepareStatement(
        "DELETE FROM identity_trust WHERE domain_id = ? AND target_domain_id = ?");
        PreparedStatement ins = c.prepareStatement("INSERT INTO identity_trust (domain_id, target_domain_id,"
            + " target_domain_name, direction, trust_type, transitive, sid_filtering, import_id)"
            + " VALUES (?,?,?,?,?,?,?,?)")) {
      for (DomainTrust t : last.values()) {
        del.setString(1, t.domainId());
        del.setString(2, t.targetDomainId());
        del.addBatch();
        ins.setString(1, t.domainId());
        ins.setString(2, t.targetDomainId());
        ins.setString(3, Sql.cut(t.targetDomainName(), 512));
        ins.setString(4, Sql.cut(t.direction(), 32));
        ins.setString(5, Sql.cut(t.type(), 32));
        ins.setBoolean(6, t.transitive());
        ins.setBoolean(7, t.sidFiltering());
        ins.setLong(8, importId);
        ins.addBatch();
      }
      del.executeBatch();
      ins.executeBatch();
    }
  }

  /** Everything a file holds, collected before any write. */
  private static final class Collected implements IdentitySink {
    final List<Principal> principals = new ArrayList<>();
    final List<IdentityEdge> edges = new ArrayList<>();
    final List<DomainTrust> trusts = new ArrayList<>();

    @Override
    public void principal(Principal p) {
      principals.add(p);
    }

    @Override
    public void edge(IdentityEdge e) {
      edges.add(e);
    }

    @Override
    public void trust(DomainTrust t) {
      trusts.add(t);
    }
  }
}
