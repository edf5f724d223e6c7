package vigil.store.intel;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vigil.intel.feeds.FeedException;
import vigil.intel.feeds.FeedInfo;
import vigil.intel.feeds.FeedKind;
import vigil.intel.feeds.attack.AttackReader;
import vigil.intel.feeds.capec.CapecReader;
import vigil.intel.feeds.epss.EpssReader;
import vigil.intel.feeds.kev.KevReader;
import vigil.intel.feeds.nvd.NvdCve;
import vigil.intel.feeds.nvd.NvdReader;
import vigil.intel.feeds.vulnrichment.VulnrichmentReader;
import vigil.store.Database;
import vigil.store.Digests;
import vigil.store.Sql;
import vigil.store.StoreException;
import vigil.store.risk.Rescorer;
import vigil.store.security.AuditLog;

/**
 * Imports threat-intelligence feed files into the store, one transaction per file: a file that
 * fails to read changes nothing. KEV, EPSS and vulnrichment are full snapshots and replace their
 * table; NVD pages update the CVEs they hold. After the commit, exposures of the CVEs whose values
 * changed (among the CVEs Vigil has seen) are re-scored; nothing else is.
 */
public final class FeedImporter {
  private static final int BATCH = 5000;
  private final Database db;
  private final Rescorer rescorer;
  private final AuditLog audit;

  public FeedImporter(Database db, Rescorer rescorer) {
    this.db = Objects.requireNonNull(db, "db");
    this.rescorer = Objects.requireNonNull(rescorer, "rescorer");
    this.audit = new AuditLog(db);
  }

  /** The kinds `vigil feeds import` takes, by name. */
  public static FeedKind kind(String name) {
    try {
      return FeedKind.valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("unknown feed kind '" + name + "'; one of kev, epss, nvd, vulnrichment, attack, capec");
    }
  }

  /**
   * Imports one feed file; {@code actor} is recorded in the audit trail with the feed's version and
   * record count before and after. The same bytes again change nothing and record nothing.
   */
  public FeedImportResult importFile(FeedKind kind, Path file, String actor) throws FeedException, IOException {
    String sha = Digests.sha256(() -> Files.newInputStream(file));
    try (Connection c = db.connection()) {
      if (sha.equals(currentSha(c, kind))) {
        FeedStatus s = status(c, kind);
        return new FeedImportResult(label(kind), file.toString(), s.version(), s.feedDate(), s.records(), 0, 0, true);
      }
      c.setAutoCommit(false);
      Set<String> changed;
      FeedInfo info;
      try {
        FeedStatus previous = status(c, kind);
        Set<String> known = knownCves(c);
        switch (kind) {
          case KEV: {
            Map<String, String> before = signatures(c, "SELECT cve, date_added, ransomware FROM intel_kev", known);
            exec(c, "DELETE FROM intel_kev");
            Rows rows = new Rows(c, "INSERT INTO intel_kev (cve, date_added, due_date, ransomware, vendor, product,"
                + " vuln_name, required_action) VALUES (?,?,?,?,?,?,?,?)");
            info = read(() -> new KevReader().read(file, e -> rows.add(ps -> {
              ps.setString(1, e.cveId());
              ps.setObject(2, e.dateAdded());
              ps.setObject(3, e.dueDate());
              ps.setBoolean(4, e.knownRansomwareCampaignUse());
              ps.setString(5, Sql.cut(e.vendorProject(), 256));
              ps.setString(6, Sql.cut(e.product(), 256));
              ps.setString(7, Sql.cut(e.vulnerabilityName(), 512));
              ps.setString(8, Sql.cut(e.requiredAction(), 4000));
            })));
            rows.flush();
            changed = diff(before, signatures(c, "SELECT cve, date_added, ransomware FROM intel_kev", known));
            break;
          }
          case EPSS: {
            Map<String, String> before = signatures(c, "SELECT cve, epss, percentile FROM intel_epss", known);
            exec(c, "DELETE FROM intel_epss");
            List<Object[]> history = new ArrayList<>();
            Rows rows = new Rows(c, "INSERT INTO intel_epss (cve, epss, percentile) VALUES (?,?,?)");
            LocalDate[] date = {null};
            info = read(() -> new EpssReader().read(file, e -> {
              rows.add(ps -> {
                ps.setString(1, e.cve());
                ps.setDouble(2, e.epss());
                ps.setDouble(3, e.percentile());
              });
              if (known.contains(e.cve())) {
                history.add(new Object[] {e.cve(), e.epss(), e.percentile()});
              }
            }));
            rows.flush();
            date[0] = info.date() == null ? LocalDate.now(ZoneOffset.UTC) : info.date().atZone(ZoneOffset.UTC).toLocalDate();
            try (PreparedStatement ps = c.prepareStatement("DELETE FROM intel_epss_history WHERE score_date = ?")) {
              ps.setObject(1, date[0]);
              ps.executeUpdate();
            }
            Rows hist = new Rows(c, "INSERT INTO intel_epss_history (cve, score_date, epss, percentile) VALUES (?,?,?,?)");
            for (Object[] h : history) {
              hist.add(ps -> {
                ps.setString(1, (String) h[0]);
                ps.setObject(2, date[0]);
                ps.setDouble(3, (Double) h[1]);
                ps.setDouble(4, (Double) h[2]);
              });
            }
            hist.flush();
            changed = diff(before, signatures(c, "SELECT cve, epss, percentile FROM intel_epss", known));
            break;
          }
          case VULNRICHMENT: {
            String sig = "SELECT cve, exploitation, automatable, technical_impact FROM intel_ssvc";
            Map<String, String> before = signatures(c, sig, known);
            exec(c, "DELETE FROM intel_ssvc");
            Rows rows = new Rows(c, "INSERT INTO intel_ssvc (cve, exploitation, automatable, technical_impact,"
                + " assessed_at, source) VALUES (?,?,?,?,?,?)");
            info = read(() -> new VulnrichmentReader().read(file, r -> {
              if (r.exploitation() == null || r.automatable() == null || r.technicalImpact() == null) {
                return;
              }
              rows.add(ps -> {
                ps.setString(1, r.cveId());
                ps.setString(2, r.exploitation().label());
                ps.setString(3, r.automatable().label());
                ps.setString(4, r.technicalImpact().label());
                Sql.setInstant(ps, 5, r.ssvcTimestamp());
                ps.setString(6, "CISA-ADP");
              });
            }));
            rows.flush();
            changed = diff(before, signatures(c, sig, known));
            break;
          }
          case NVD: {
            changed = new HashSet<>();
            Rows delete = new Rows(c, "DELETE FROM intel_cve WHERE cve = ?");
            // One API page holds at most 2,000 records: kept whole, then written.
            List<NvdCve> records = new ArrayList<>();
            info = read(() -> new NvdReader().read(file, records::add));
            Rows rows = new Rows(c, "INSERT INTO intel_cve (cve, published, last_modified, status, cvss_v2, cvss_v3,"
                + " cvss_v4, cwes, description) VALUES (?,?,?,?,?,?,?,?,?)");
            for (NvdCve r : records) {
              delete.add(ps -> ps.setString(1, r.id()));
              rows.add(ps -> {
                ps.setString(1, r.id());
                Sql.setInstant(ps, 2, r.published());
                Sql.setInstant(ps, 3, r.lastModified());
                ps.setString(4, Sql.cut(r.vulnStatus(), 32));
                ps.setString(5, Sql.cut(primary(r, "2.0"), 128));
                String v3 = primary(r, "3.1");
                ps.setString(6, Sql.cut(v3 != null ? v3 : primary(r, "3.0"), 160));
                ps.setString(7, Sql.cut(primary(r, "4.0"), 256));
                ps.setString(8, r.cwes().isEmpty() ? null : Sql.cut(String.join(",", r.cwes()), 512));
                ps.setString(9, Sql.cut(r.description(), 8000));
              });
              if (known.contains(r.id())) {
                changed.add(r.id());
              }
            }
            delete.flush();
            rows.flush();
            break;
          }
          case ATTACK: {
            exec(c, "DELETE FROM intel_attack_technique");
            Rows rows = new Rows(c, "INSERT INTO intel_attack_technique (technique_id, name, tactics, platforms,"
                + " subtechnique, active) VALUES (?,?,?,?,?,?)");
            Set<String> ids = new HashSet<>();
            info = read(() -> new AttackReader().read(file, t -> {
              if (!ids.add(t.id())) {
                return; // a revoked object can share its id with its replacement; the first stands
              }
              rows.add(ps -> {
                ps.setString(1, t.id());
                ps.setString(2, Sql.cut(t.name(), 256));
                ps.setString(3, Sql.cut(String.join(",", t.tactics()), 512));
                ps.setString(4, Sql.cut(String.join(",", t.platforms()), 512));
                ps.setBoolean(5, t.subtechnique());
                ps.setBoolean(6, t.active());
              });
            }));
            rows.flush();
            changed = Set.of();
            break;
          }
          case CAPEC: {
            exec(c, "DELETE FROM intel_capec");
            exec(c, "DELETE FROM intel_cwe_capec_technique");
            Rows patterns = new Rows(c, "INSERT INTO intel_capec (capec_id, name, likelihood, severity, active)"
                + " VALUES (?,?,?,?,?)");
            Rows links = new Rows(c, "INSERT INTO intel_cwe_capec_technique (cwe, capec_id, technique_id) VALUES (?,?,?)");
            info = read(() -> new CapecReader().read(file, p -> {
              patterns.add(ps -> {
                ps.setString(1, p.capecId());
                ps.setString(2, Sql.cut(p.name(), 512));
                ps.setString(3, Sql.cut(p.likelihood(), 32));
                ps.setString(4, Sql.cut(p.typicalSeverity(), 32));
                ps.setBoolean(5, p.active());
              });
              for (String cwe : p.cweIds()) {
                List<String> techniques = p.attackTechniqueIds().isEmpty() ? java.util.Collections.singletonList(null)
                    : p.attackTechniqueIds();
                for (String t : techniques) {
                  links.add(ps -> {
                    ps.setString(1, cwe);
                    ps.setString(2, p.capecId());
                    ps.setString(3, t);
                  });
                }
              }
            }));
            patterns.flush();
            links.flush();
            changed = Set.of();
            break;
          }
          default:
            throw new IllegalArgumentException("unsupported feed kind " + label(kind));
        }
        writeStatus(c, kind, info, file, sha, changed.size());
        audit.record(c, AuditLog.Entry.of(actor, "feed.import", "feed", label(kind), auditView(previous),
            auditView(info, file, sha, changed.size()), null), Instant.now());
        c.commit();
      } catch (FeedException | RuntimeException | Error e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
      long rescored = changed.isEmpty() ? 0 : rescorer.rescoreCves(changed);
      try (PreparedStatement ps = c.prepareStatement("UPDATE feed_status SET rescored = ? WHERE kind = ?")) {
        ps.setLong(1, rescored);
        ps.setString(2, label(kind));
        ps.executeUpdate();
      }
      return new FeedImportResult(label(kind), file.toString(), info.version(), info.date(), info.recordCount(),
          changed.size(), rescored, false);
    } catch (SQLException e) {
      throw new StoreException("importing feed " + file, e);
    }
  }

  private static Map<String, Object> auditView(FeedStatus s) {
    if (s == null) {
      return null;
    }
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", s.version());
    m.put("date", s.feedDate() == null ? null : s.feedDate().toString());
    m.put("records", s.records());
    m.put("source", s.source());
    return m;
  }

  private static Map<String, Object> auditView(FeedInfo info, Path file, String sha, int changedCves) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("version", info.version());
    m.put("date", info.date() == null ? null : info.date().toString());
    m.put("records", info.recordCount());
    m.put("source", file.getFileName().toString());
    m.put("sha256", sha);
    m.put("changedCves", changedCves);
    return m;
  }

  /** Every imported feed's state, with staleness against its kind's refresh period. */
  public List<FeedStatus> status() {
    try (Connection c = db.connection()) {
      List<FeedStatus> out = new ArrayList<>();
      for (FeedKind k : FeedKind.values()) {
        FeedStatus s = status(c, k);
        if (s != null) {
          out.add(s);
        }
      }
      return out;
    } catch (SQLException e) {
      throw new StoreException("reading feed status", e);
    }
  }

  /** Days after which a feed counts as stale: EPSS and KEV change daily, the others less often. */
  static long staleAfterDays(FeedKind kind) {
    return kind == FeedKind.EPSS || kind == FeedKind.KEV ? 7 : 30;
  }

  private static FeedStatus status(Connection c, FeedKind kind) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT version, feed_date, records, source, imported_at, changed,"
        + " rescored FROM feed_status WHERE kind = ?")) {
      ps.setString(1, label(kind));
      try (ResultSet rs = ps.executeQuery()) {
        if (!rs.next()) {
          return null;
        }
        Instant date = Sql.instant(rs.getObject(2));
        Instant imported = Sql.instant(rs.getObject(5));
        Instant reference = date != null ? date : imported;
        long age = Duration.between(reference, Instant.now()).toDays();
        return new FeedStatus(label(kind), rs.getString(1), date, rs.getLong(3), rs.getString(4), imported,
            rs.getLong(6), rs.getLong(7), age, age > staleAfterDays(kind));
      }
    }
  }

  private static String primary(NvdCve r, String version) {
    List<NvdCve.Metric> metrics = r.metrics(version);
    for (NvdCve.Metric m : metrics) {
      if ("Primary".equalsIgnoreCase(m.type())) {
        return m.vector();
      }
    }
    return metrics.isEmpty() ? null : metrics.get(0).vector();
  }

  private static String label(FeedKind kind) {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  private static void writeStatus(Connection c, FeedKind kind, FeedInfo info, Path file, String sha, long changed)
      throws SQLException {
    try (PreparedStatement del = c.prepareStatement("DELETE FROM feed_status WHERE kind = ?")) {
      del.setString(1, label(kind));
      del.executeUpdate();
    }
    try (PreparedStatement ps = c.prepareStatement("INSERT INTO feed_status (kind, version, feed_date, records, source,"
        + " sha256, imported_at, changed) VALUES (?,?,?,?,?,?,?,?)")) {
      ps.setString(1, label(kind));
      ps.setString(2, Sql.cut(info.version(), 128));
      Sql.setInstant(ps, 3, info.date());
      ps.setLong(4, info.recordCount());
      ps.setString(5, Sql.cut(file.getFileName().toString(), 1024));
      ps.setString(6, sha);
      Sql.setInstant(ps, 7, Instant.now());
      ps.setLong(8, changed);
      ps.executeUpdate();
    }
  }

  private static String currentSha(Connection c, FeedKind kind) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT sha256 FROM feed_status WHERE kind = ?")) {
      ps.setString(1, label(kind));
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? rs.getString(1) : null;
      }
    }
  }

  private static Set<String> knownCves(Connection c) throws SQLException {
    Set<String> out = new HashSet<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery("SELECT DISTINCT cve FROM weakness_cve")) {
      while (rs.next()) {
        out.add(rs.getString(1));
      }
    }
    return out;
  }

  /** Values of the known CVEs as one string each, to tell which changed. */
  private static Map<String, String> signatures(Connection c, String sql, Set<String> known) throws SQLException {
    Map<String, String> out = new HashMap<>();
    try (Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      int n = rs.getMetaData().getColumnCount();
      while (rs.next()) {
        String cve = rs.getString(1);
        if (!known.contains(cve)) {
          continue;
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 2; i <= n; i++) {
          sb.append(rs.getString(i)).append('|');
        }
        out.put(cve, sb.toString());
      }
    }
    return out;
  }

  private static Set<String> diff(Map<String, String> before, Map<String, String> after) {
    Set<String> out = new HashSet<>();
    for (Map.Entry<String, String> e : after.entrySet()) {
      if (!e.getValue().equals(before.get(e.getKey()))) {
        out.add(e.getKey());
      }
    }
    for (String cve : before.keySet()) {
      if (!after.containsKey(cve)) {
        out.add(cve);
      }
    }
    return out;
  }

  private static void exec(Connection c, String sql) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.executeUpdate(sql);
    }
  }

  @FunctionalInterface
  private interface FeedRead {
    FeedInfo run() throws FeedException;
  }

  /** Runs a reader, unwrapping SQL failures that surfaced inside its consumer. */
  private static FeedInfo read(FeedRead read) throws FeedException {
    try {
      return read.run();
    } catch (UncheckedSql e) {
      throw new StoreException("writing feed rows", e.getCause());
    }
  }

  @FunctionalInterface
  private interface Binder {
    void bind(PreparedStatement ps) throws SQLException;
  }

  /** Batched inserts fed from inside a reader's consumer. */
  private static final class Rows {
    private final PreparedStatement ps;
    private int pending;

    Rows(Connection c, String sql) throws SQLException {
      this.ps = c.prepareStatement(sql);
    }

    void add(Binder b) {
      try {
        b.bind(ps);
        ps.addBatch();
        if (++pending >= BATCH) {
          ps.executeBatch();
          pending = 0;
        }
      } catch (SQLException e) {
        throw new UncheckedSql(e);
      }
    }

    void flush() throws SQLException {
      if (pending > 0) {
        ps.executeBatch();
        pending = 0;
      }
      ps.close();
    }
  }

  private static final class UncheckedSql extends RuntimeException {
    private static final long serialVersionUID = 1L;

    UncheckedSql(SQLException e) {
      super(e);
    }

    @Override
    public synchronized SQLException getCause() {
      return (SQLException) super.getCause();
    }
  }
}
