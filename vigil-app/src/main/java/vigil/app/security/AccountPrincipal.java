package vigil.app.security;

import java.io.Serializable;
import java.security.Principal;
import java.util.Set;
import vigil.store.security.Permission;

/**
 * Who authenticated: an account, and for a token the permissions its scopes allow (null: the
 * role's). Kept in the session; the {@link vigil.store.security.Actor} is recomputed from it on
 * every request, so a role change, a new grant or a disabled account takes effect at once.
 *
 * @param via how ("token ci-upload"), for the audit trail; null for an interactive login
 */
public record AccountPrincipal(long accountId, String username, Set<Permission> scopes, String via)
    implements Principal, Serializable {
  @Override
  public String getName() {
    return username;
  }
}
