package vigil.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;

/** Small JDBC conveniences shared by the store's classes. */
public final class Sql {
  /** Largest IN list sent at once; both engines take far more, but plans stay cheap. */
  public static final int IN_CHUNK = 500;

  private Sql() {}

  /** "?,?,?" for n parameters. */
  public static String marks(int n) {
    return String.join(",", Collections.nCopies(n, "?"));
  }

  public static <T> List<List<T>> chunks(Collection<T> items, int size) {
    List<List<T>> out = new ArrayList<>();
    List<T> current = new ArrayList<>(Math.min(size, items.size()));
    for (T item : items) {
      current.add(item);
      if (current.size() == size) {
        out.add(current);
        current = new ArrayList<>(size);
      }
    }
    if (!current.isEmpty()) {
      out.add(current);
    }
    return out;
  }

  public static OffsetDateTime ts(Instant i) {
    return i == null ? null : i.atOffset(ZoneOffset.UTC);
  }

  public static Instant instant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof OffsetDateTime) {
      return ((OffsetDateTime) value).toInstant();
    }
    if (value instanceof Timestamp) {
      return ((Timestamp) value).toInstant();
    }
    if (value instanceof java.time.ZonedDateTime) {
      return ((java.time.ZonedDateTime) value).toInstant();
    }
    throw new IllegalArgumentException("not a timestamp: " + value.getClass());
  }

  public static void setInstant(PreparedStatement ps, int index, Instant i) throws SQLException {
    if (i == null) {
      ps.setNull(index, Types.TIMESTAMP_WITH_TIMEZONE);
    } else {
      ps.setObject(index, ts(i));
    }
  }

  public static void setInteger(PreparedStatement ps, int index, Integer v) throws SQLException {
    if (v == null) {
      ps.setNull(index, Types.INTEGER);
    } else {
      ps.setInt(index, v);
    }
  }

  public static void setDouble(PreparedStatement ps, int index, Double v) throws SQLException {
    if (v == null) {
      ps.setNull(index, Types.DOUBLE);
    } else {
      ps.setDouble(index, v);
    }
  }

  /** Cuts text to a column's size, so one huge plugin output never fails an import. */
  public static String cut(String s, int max) {
    return s == null || s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }

  /**
   * A prepared statement used as a JDBC batch. It runs only on {@link #flush()}, so that the owner
   * decides the order in which dependent batches reach the database.
   */
  public static final class Batch implements AutoCloseable {
    private final PreparedStatement ps;
    private int pending;

    public Batch(Connection c, String sql) throws SQLException {
      this.ps = c.prepareStatement(sql);
    }

    public PreparedStatement row() {
      return ps;
    }

    public void add() throws SQLException {
      ps.addBatch();
      pending++;
    }

    public void flush() throws SQLException {
      if (pending > 0) {
        ps.executeBatch();
        pending = 0;
      }
    }

    @Override
    public void close() throws SQLException {
      ps.close();
    }
  }
}
