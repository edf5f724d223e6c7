package vigil.store;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import javax.sql.DataSource;

/**
 * Hi/lo id allocation: one sequence call reserves a block of {@value #BLOCK} ids (the sequence
 * increments by the same amount), so bulk writes assign ids locally and nodes never collide.
 * Blocks are taken on their own connection, outside the caller's transaction: a rolled-back
 * import wastes ids, never reuses them.
 */
public final class IdAllocator {
  static final int BLOCK = 1000;

  private final DataSource dataSource;
  private final String nextSql;
  private long next;
  private long limit;

  IdAllocator(DataSource dataSource, Dialect dialect) {
    this.dataSource = dataSource;
    this.nextSql = dialect.nextValue("id_seq");
  }

  public synchronized long next() {
    if (next >= limit) {
      long base = fetchBlock();
      next = base;
      limit = base + BLOCK;
    }
    return next++;
  }

  private long fetchBlock() {
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(nextSql)) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("cannot allocate ids", e);
    }
  }
}
