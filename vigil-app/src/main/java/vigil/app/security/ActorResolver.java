package vigil.app.security;

import jakarta.servlet.http.HttpServletRequest;
import java.util.Optional;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import vigil.store.security.Account;
import vigil.store.security.Accounts;
import vigil.store.security.Actor;

/**
 * Turns the request's authentication into an {@link Actor}: the account as it is now (role,
 * teams, grants, disabled), narrowed by the token's scopes. Computed once per request.
 */
@Component
public class ActorResolver {
  private static final String ATTRIBUTE = ActorResolver.class.getName();
  private final Accounts accounts;

  public ActorResolver(Accounts accounts) {
    this.accounts = accounts;
  }

  /** The current request's actor; empty when unauthenticated or the account is gone or disabled. */
  public Optional<Actor> current() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    if (attributes != null) {
      Object cached = attributes.getAttribute(ATTRIBUTE, RequestAttributes.SCOPE_REQUEST);
      if (cached instanceof Actor a) {
        return Optional.of(a);
      }
    }
    Optional<Actor> actor = resolve(SecurityContextHolder.getContext().getAuthentication());
    if (attributes != null) {
      actor.ifPresent(a -> attributes.setAttribute(ATTRIBUTE, a, RequestAttributes.SCOPE_REQUEST));
    }
    return actor;
  }

  /** The actor of a request, for authorization decisions made before the MVC layer runs. */
  public Optional<Actor> resolve(Authentication authentication, HttpServletRequest request) {
    Object cached = request.getAttribute(ATTRIBUTE);
    if (cached instanceof Actor a) {
      return Optional.of(a);
    }
    Optional<Actor> actor = resolve(authentication);
    actor.ifPresent(a -> request.setAttribute(ATTRIBUTE, a));
    return actor;
  }

  public Optional<Actor> resolve(Authentication authentication) {
    if (authentication == null || !authentication.isAuthenticated()) {
      return Optional.empty();
    }
    Object p = authentication.getPrincipal();
    AccountPrincipal principal = p instanceof SsoUser sso ? sso.account() : p instanceof AccountPrincipal a ? a : null;
    if (principal == null) {
      return Optional.empty();
    }
    Optional<Account> account = accounts.find(principal.accountId()).filter(a -> !a.disabled());
    return account.map(a -> accounts.actor(a, principal.scopes(), principal.via()));
  }
}
