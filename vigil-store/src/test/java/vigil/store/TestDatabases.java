package vigil.store;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Fresh, migrated databases for tests, on both engines: an H2 file in a temporary folder, and a
 * new schema in the PostgreSQL named by {@code -Dvigil.test.pg.url} (default: the local server's
 * {@code vigil_test} database). PostgreSQL is required: set {@code -Dvigil.test.pg=skip} only where
 * no server can run, and say so.
 */
public final class TestDatabases {
  public static final String DEFAULT_PG = "jdbc:postgresql://127.0.0.1:5432/vigil_test";

  private TestDatabases() {}

  /** The engines the store's tests run on. */
  public static List<String> engines() {
    return "skip".equals(System.getProperty("vigil.test.pg")) ? List.of("h2") : List.of("h2", "postgres");
  }

  public static Database open(String engine) {
    return Database.open(config(engine));
  }

  public static StoreConfig config(String engine) {
    if (engine.equals("h2")) {
      try {
        Path dir = Files.createTempDirectory("vigil-test-h2");
        return StoreConfig.embedded(dir);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    String base = System.getProperty("vigil.test.pg.url", DEFAULT_PG);
    String user = System.getProperty("vigil.test.pg.user", "postgres");
    String password = System.getProperty("vigil.test.pg.password", "");
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(base, user, password); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    } catch (SQLException e) {
      throw new IllegalStateException("PostgreSQL for tests is not reachable at " + base
          + " (start it, or run .ci/run which does): " + e.getMessage(), e);
    }
    String sep = base.contains("?") ? "&" : "?";
    return new StoreConfig(base + sep + "currentSchema=" + schema, user, password);
  }

  /** Row counts of every table, to prove that a failed import changed nothing. */
  public static Map<String, Long> rowCounts(Database db) {
    Map<String, Long> out = new LinkedHashMap<>();
    List<String> tables = List.of("import_run", "asset", "asset_key", "asset_attribute", "asset_merge", "weakness",
        "weakness_cve", "exposure", "observation", "observation_evidence", "coverage",
        "exposure_event");
    try (Connection c = db.connection(); Statement s = c.createStatement()) {
      for (String t : tables) {
        try (ResultSet rs = s.executeQuery("SELECT COUNT(*) FROM " + t)) {
          rs.next();
          out.put(t, rs.getLong(1));
        }
      }
      return out;
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A single long value from a query. */
  public static long scalar(Database db, String sql) {
    try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }
}
