package vigil.app.security;

import java.util.Objects;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * A user signed in through the OpenID provider, with the Vigil account it maps to: Spring Security
 * keeps the OIDC user in the session, and {@link ActorResolver} acts as its {@link #account()}.
 */
final class SsoUser extends DefaultOidcUser {
  private static final long serialVersionUID = 1L;

  private final AccountPrincipal account;

  SsoUser(OidcUser user, AccountPrincipal account) {
    super(user.getAuthorities().stream().map(a -> (GrantedAuthority) a).toList(), user.getIdToken(),
        user.getUserInfo());
    this.account = Objects.requireNonNull(account, "account");
  }

  AccountPrincipal account() {
    return account;
  }

  /** The Vigil username, so that logs and the session name the account as everywhere else. */
  @Override
  public String getName() {
    return account.username();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof SsoUser other && super.equals(o) && account.equals(other.account);
  }

  @Override
  public int hashCode() {
    return 31 * super.hashCode() + account.hashCode();
  }
}
