package vigil.store;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.sql.Connection;
import java.sql.SQLException;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * The store's connection pool, migrated to the current schema on open. One per process; close it
 * on exit.
 */
public final class Database implements AutoCloseable {
  private final StoreConfig config;
  private final HikariDataSource dataSource;
  private final IdAllocator ids;

  private Database(StoreConfig config, HikariDataSource dataSource) {
    this.config = config;
    this.dataSource = dataSource;
    this.ids = new IdAllocator(dataSource, config.dialect());
  }

  /** Opens the pool and applies pending migrations. */
  public static Database open(StoreConfig config) {
    if (config.dialect() == Dialect.H2) {
      createParentFolder(config.url());
    }
    HikariConfig hc = new HikariConfig();
    hc.setJdbcUrl(config.url());
    hc.setUsername(config.user());
    hc.setPassword(config.password());
    hc.setMaximumPoolSize(8);
    hc.setMinimumIdle(1);
    hc.setPoolName("vigil");
    hc.setAutoCommit(true);
    if (config.dialect() == Dialect.POSTGRES) {
      // Lets the driver turn JDBC batches into multi-row INSERTs: an order of magnitude on bulk imports.
      hc.addDataSourceProperty("reWriteBatchedInserts", "true");
    }
    HikariDataSource ds = new HikariDataSource(hc);
    try {
      // Shared migrations, then the few that only one engine can express (the audit trail's
      // append-only triggers).
      String vendor = config.dialect() == Dialect.POSTGRES ? "postgresql" : "h2";
      Flyway.configure().dataSource(ds).locations("classpath:db/migration", "classpath:db/vendor/" + vendor)
          .load().migrate();
    } catch (RuntimeException e) {
      ds.close();
      throw e;
    }
    return new Database(config, ds);
  }

  private static void createParentFolder(String url) {
    String rest = url.substring("jdbc:h2:".length());
    if (!rest.startsWith("file:")) {
      return;
    }
    String file = rest.substring("file:".length()).split(";")[0];
    try {
      java.nio.file.Path parent = Paths.get(file).toAbsolutePath().getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the database folder for " + file, e);
    }
  }

  public DataSource dataSource() {
    return dataSource;
  }

  public Connection connection() throws SQLException {
    return dataSource.getConnection();
  }

  public Dialect dialect() {
    return config.dialect();
  }

  public StoreConfig config() {
    return config;
  }

  /** Hands out ids in blocks, cluster-safe. */
  public IdAllocator ids() {
    return ids;
  }

  /** Work on one connection that may throw SQLException. */
  @FunctionalInterface
  public interface Work {
    void run(Connection c) throws SQLException;
  }

  /** A read on one connection that may throw SQLException. */
  @FunctionalInterface
  public interface Read<T> {
    T run(Connection c) throws SQLException;
  }

  /**
   * Runs {@code work} in one transaction: committed when it returns, rolled back when it throws.
   * SQL failures become a {@link StoreException} saying {@code what} failed; runtime exceptions
   * (refusals) pass through unchanged.
   */
  public void inTransaction(String what, Work work) {
    try (Connection c = connection()) {
      c.setAutoCommit(false);
      try {
        work.run(c);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      } finally {
        c.setAutoCommit(true);
      }
    } catch (SQLException e) {
      throw new StoreException(what, e);
    }
  }

  /** Runs a read on one pooled connection; SQL failures become a {@link StoreException}. */
  public <T> T read(String what, Read<T> read) {
    try (Connection c = connection()) {
      return read.run(c);
    } catch (SQLException e) {
      throw new StoreException(what, e);
    }
  }

  @Override
  public void close() {
    dataSource.close();
  }
}
