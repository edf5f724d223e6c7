package vigil.store.security;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;

/**
 * An account's role. Administrators do everything; analysts run the programme (imports, decisions,
 * mobilisation) for the services their teams are granted; owners see and act on the assets they
 * own; viewers read.
 */
public enum Role {
  ADMIN(EnumSet.allOf(Permission.class)),
  ANALYST(EnumSet.of(Permission.READ, Permission.ACT, Permission.WRITE)),
  OWNER(EnumSet.of(Permission.READ, Permission.ACT)),
  VIEWER(EnumSet.of(Permission.READ));

  private final Set<Permission> permissions;

  Role(Set<Permission> permissions) {
    this.permissions = permissions;
  }

  public Set<Permission> permissions() {
    return EnumSet.copyOf(permissions);
  }

  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses "admin", "Analyst", ...; the error lists the roles. */
  public static Role parse(String s) {
    if (s != null) {
      for (Role r : values()) {
        if (r.name().equalsIgnoreCase(s.trim())) {
          return r;
        }
      }
    }
    throw new IllegalArgumentException("unknown role '" + s + "'; one of admin, analyst, owner, viewer");
  }
}
