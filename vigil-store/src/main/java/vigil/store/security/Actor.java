package vigil.store.security;

import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * Who is acting, as every audited change and every filtered query sees it.
 *
 * @param userId the account, or 0 for the system (scheduled jobs, the local command line)
 * @param name how the audit trail names the actor ("alice", "alice via token ci-upload", "cli")
 * @param role the account's role
 * @param permissions the role's permissions, narrowed by a token's scopes
 * @param visibility what the actor may see
 * @param teamIds the actor's teams (imports are recorded for the first one)
 */
public record Actor(long userId, String name, Role role, Set<Permission> permissions, Visibility visibility,
    Set<Long> teamIds) {
  public Actor {
    Objects.requireNonNull(name, "name");
    permissions = permissions.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(permissions));
    teamIds = Set.copyOf(teamIds);
  }

  /**
   * The local operator: the command line on the machine that holds the database (who can read the
   * database file anyway), and the server's own jobs.
   */
  public static Actor system(String name) {
    return new Actor(0, name, Role.ADMIN, EnumSet.allOf(Permission.class), Visibility.everything(), Set.of());
  }

  /** The account's username: the name without how it signed in ("alice" for "alice via token ci"). */
  public String username() {
    int via = name.indexOf(" via ");
    return via < 0 ? name : name.substring(0, via);
  }

  /**
   * What the actor may change: owners decide only on the assets they own, everyone else on what
   * they see.
   */
  public Visibility actsOn() {
    return role == Role.OWNER ? new Visibility(false, Set.of(), visibility.owners()) : visibility;
  }

  public boolean can(Permission p) {
    return permissions.contains(p);
  }


  /** An action the actor is not allowed. */
  public static final class Forbidden extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public Forbidden(String message) {
      super(message);
    }
  }
}
