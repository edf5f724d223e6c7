package vigil.store.security;

import java.sql.Connection;
import java.sql.SQLException;
import org.h2.api.Trigger;

/**
 * H2's trigger that keeps the audit trail append-only (PostgreSQL has a PL/pgSQL trigger): any
 * update or delete of an audit event is refused.
 */
public final class AppendOnly implements Trigger {
  @Override
  public void fire(Connection conn, Object[] oldRow, Object[] newRow) throws SQLException {
    throw new SQLException("the audit trail is append-only (" + (newRow == null ? "DELETE" : "UPDATE") + " refused)");
  }
}
