package vigil.app.security;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.time.Clock;
import java.util.Optional;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.filter.OncePerRequestFilter;
import vigil.store.security.Accounts;
import vigil.store.security.ApiTokens;

/**
 * {@code Authorization: Bearer vgl_...}: authenticates the request as the token's account with the
 * token's scopes, for this request only (no session). A bearer header that does not authenticate
 * is answered 401 at once, never passed on as anonymous.
 */
public class ApiTokenFilter extends OncePerRequestFilter {
  private final ApiTokens tokens;
  private final Accounts accounts;
  private final Clock clock;

  public ApiTokenFilter(ApiTokens tokens, Accounts accounts, Clock clock) {
    this.tokens = tokens;
    this.accounts = accounts;
    this.clock = clock;
  }

  static boolean hasBearer(HttpServletRequest request) {
    String h = request.getHeader("Authorization");
    return h != null && h.regionMatches(true, 0, "Bearer ", 0, 7);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (!hasBearer(request)) {
      chain.doFilter(request, response);
      return;
    }
    String presented = request.getHeader("Authorization").substring(7).trim();
    Optional<ApiTokens.Grant> grant = tokens.authenticate(presented, accounts, clock.instant());
    if (grant.isEmpty()) {
      JsonErrors.write(response, 401, "invalid, expired or revoked API token");
      return;
    }
    ApiTokens.Token t = grant.get().token();
    AccountPrincipal principal = new AccountPrincipal(t.userId(), grant.get().account().username(),
        ApiTokens.Scope.permissions(t.scopes()), "token " + t.name());
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(PasswordLogin.authenticated(principal));
    SecurityContextHolder.setContext(context);
    try {
      chain.doFilter(request, response);
    } finally {
      SecurityContextHolder.clearContext();
    }
  }
}
