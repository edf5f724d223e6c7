package vigil.store.security;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What part of the estate an actor may see: everything, the assets of some business services (the
 * union of their teams' grants), or the assets they own. Queries apply it as a SQL condition on an
 * asset id, so isolation holds in the query layer whatever a controller does. An actor granted
 * nothing sees nothing.
 *
 * @param all everything, assets outside every service (shadow IT) included
 * @param services business services granted (by name)
 * @param owners the owner names (username, e-mail) whose assets are visible as well
 */
public record Visibility(boolean all, Set<String> services, Set<String> owners) {
  /** The grant that stands for every service and every asset. */
  public static final String ALL_SERVICES = "*";

  private static final Visibility EVERYTHING = new Visibility(true, Set.of(), Set.of());

  public Visibility {
    services = Set.copyOf(new TreeSet<>(services));
    owners = Set.copyOf(new TreeSet<>(owners));
  }

  public static Visibility everything() {
    return EVERYTHING;
  }

  public static Visibility of(Set<String> services, Set<String> owners) {
    return services.contains(ALL_SERVICES) ? EVERYTHING : new Visibility(false, services, owners);
  }

  public boolean nothing() {
    return !all && services.isEmpty() && owners.isEmpty();
  }

  /**
   * A condition (starting with " AND") that holds for the visible assets whose id is in {@code
   * assetIdColumn}; appends its arguments to {@code args}.
   */
  public String assetCondition(String assetIdColumn, List<Object> args) {
    if (all) {
      return "";
    }
    if (nothing()) {
      return " AND 1=0";
    }
    StringBuilder sql = new StringBuilder(" AND (");
    boolean first = true;
    if (!services.isEmpty()) {
      sql.append(assetIdColumn).append(" IN (SELECT vs.asset_id FROM asset_service vs WHERE vs.service IN (")
          .append(marks(services.size())).append("))");
      args.addAll(services);
      first = false;
    }
    if (!owners.isEmpty()) {
      if (!first) {
        sql.append(" OR ");
      }
      sql.append(assetIdColumn).append(" IN (SELECT vo.asset_id FROM asset_scope vo WHERE vo.owner IN (")
          .append(marks(owners.size())).append("))");
      args.addAll(owners);
    }
    return sql.append(')').toString();
  }


  private static String marks(int n) {
    return String.join(",", java.util.Collections.nCopies(n, "?"));
  }
}
