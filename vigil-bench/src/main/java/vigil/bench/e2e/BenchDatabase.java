package vigil.bench.e2e;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;
import vigil.store.Database;
import vigil.store.StoreConfig;

/**
 * A fresh, migrated store for one benchmark run, removed afterwards: an embedded H2 file in a new
 * temporary folder, or a new schema in PostgreSQL ({@code -Dvigil.bench.pg.url}, default the local
 * {@code vigil_test} database, user {@code postgres}), as the store's tests use.
 */
final class BenchDatabase implements AutoCloseable {
  static final String DEFAULT_PG = "jdbc:postgresql://127.0.0.1:5432/vigil_test";

  private final String engine;
  private final Database db;
  private final Path h2Folder;
  private final String pgSchema;
  private boolean keep;

  private BenchDatabase(String engine, Database db, Path h2Folder, String pgSchema) {
    this.engine = engine;
    this.db = db;
    this.h2Folder = h2Folder;
    this.pgSchema = pgSchema;
  }

  static BenchDatabase fresh(String engine) throws IOException {
    switch (engine) {
      case "h2": {
        Path dir = Files.createTempDirectory("vigil-bench-h2");
        return new BenchDatabase(engine, Database.open(StoreConfig.embedded(dir)), dir, null);
      }
      case "postgres": {
        String schema = "bench_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE SCHEMA " + schema);
        String base = pgUrl();
        String sep = base.contains("?") ? "&" : "?";
        StoreConfig config = new StoreConfig(base + sep + "currentSchema=" + schema, pgUser(), pgPassword());
        return new BenchDatabase(engine, Database.open(config), null, schema);
      }
      default:
        throw new IllegalArgumentException("unknown engine '" + engine + "': h2 or postgres");
    }
  }

  Database db() {
    return db;
  }

  String engine() {
    return engine;
  }

  long count(String table) throws SQLException {
    try (Connection c = db.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + table)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Disk used by the embedded database, or by the PostgreSQL schema's tables and indexes. */
  long bytesOnDisk() throws SQLException {
    if (h2Folder != null) {
      try (Stream<Path> files = Files.walk(h2Folder)) {
        return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    try (Connection c = db.connection(); Statement s = c.createStatement();
        ResultSet rs = s.executeQuery("SELECT COALESCE(SUM(pg_total_relation_size(c.oid)), 0) FROM pg_class c"
            + " JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = '" + pgSchema + "' AND c.relkind = 'r'")) {
      rs.next();
      return rs.getLong(1);
    }
  }

  /** Leaves the data in place when closed (to look into it afterwards), and says where it is. */
  void keep() {
    keep = true;
  }

  @Override
  public void close() throws IOException, SQLException {
    db.close();
    if (keep) {
      System.out.println("kept the data: " + (h2Folder != null ? h2Folder : "PostgreSQL schema " + pgSchema));
      return;
    }
    if (h2Folder != null) {
      try (Stream<Path> files = Files.walk(h2Folder)) {
        for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(p);
        }
      }
    }
    if (pgSchema != null) {
      execute("DROP SCHEMA " + pgSchema + " CASCADE");
    }
  }

  /** True when the PostgreSQL the benchmarks use accepts a connection. */
  static boolean postgresReachable() {
    try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword())) {
      return c.isValid(5);
    } catch (SQLException e) {
      return false;
    }
  }

  private static void execute(String sql) {
    try (Connection c = DriverManager.getConnection(pgUrl(), pgUser(), pgPassword()); Statement s = c.createStatement()) {
      s.execute(sql);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL at " + pgUrl() + " failed on '" + sql + "': " + e.getMessage(), e);
    }
  }

  private static String pgUrl() {
    return System.getProperty("vigil.bench.pg.url", DEFAULT_PG);
  }

  private static String pgUser() {
    return System.getProperty("vigil.bench.pg.user", "postgres");
  }

  private static String pgPassword() {
    return System.getProperty("vigil.bench.pg.password", "");
  }
}
