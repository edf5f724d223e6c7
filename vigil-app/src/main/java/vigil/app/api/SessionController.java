package vigil.app.api;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetailsSource;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import vigil.app.security.Passwords;
import vigil.store.security.Account;
import vigil.store.security.Accounts;
import vigil.store.security.Actor;
import vigil.store.security.ApiTokens;

/**
 * Signing in and out, and what a signed-in account does for itself: who am I, change my password,
 * my API tokens.
 */
@RestController
@RequestMapping("/api/v1")
class SessionController {
  private final AuthenticationManager authentication;
  private final SecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
  private final Accounts accounts;
  private final ApiTokens tokens;
  private final PasswordEncoder encoder;
  private final Clock clock;

  SessionController(AuthenticationManager authentication, Accounts accounts, ApiTokens tokens, PasswordEncoder encoder,
      Clock clock) {
    this.authentication = authentication;
    this.accounts = accounts;
    this.tokens = tokens;
    this.encoder = encoder;
    this.clock = clock;
  }

  record Credentials(String username, String password) {}

  /** Password sign-in for the web UI: a session cookie (new id), and a CSRF cookie for later changes. */
  @PostMapping("/session")
  ResponseEntity<Map<String, Object>> signIn(@RequestBody Credentials body, HttpServletRequest request,
      HttpServletResponse response) {
    UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(
        body.username(), body.password());
    attempt.setDetails(new WebAuthenticationDetailsSource().buildDetails(request));
    Authentication done;
    try {
      done = authentication.authenticate(attempt);
    } catch (AuthenticationException e) {
      return ResponseEntity.status(HttpStatus.UNAUTHORIZED).body(Map.of("error", e.getMessage()));
    }
    if (request.getSession(false) != null) {
      request.changeSessionId();
    }
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(done);
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
    return ResponseEntity.ok(Map.of("username", done.getName()));
  }

  @DeleteMapping("/session")
  Map<String, Object> signOut(HttpServletRequest request) {
    if (request.getSession(false) != null) {
      request.getSession(false).invalidate();
    }
    SecurityContextHolder.clearContext();
    return Map.of("signedOut", true);
  }

  @GetMapping("/me")
  Map<String, Object> me(Actor actor) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("username", actor.name());
    m.put("role", actor.role().label());
    m.put("permissions", actor.permissions().stream().map(p -> p.name().toLowerCase(java.util.Locale.ROOT)).sorted().toList());
    m.put("teams", accounts.teams().stream().filter(t -> actor.teamIds().contains(t.id())).map(Accounts.Team::name).toList());
    m.put("seesEverything", actor.visibility().all());
    m.put("services", actor.visibility().services());
    m.put("owners", actor.visibility().owners());
    return m;
  }

  record PasswordChange(String current, String password) {}

  @PutMapping("/me/password")
  Map<String, Object> changePassword(@RequestBody PasswordChange body, Actor actor) {
    Account a = accounts.find(actor.userId()).orElseThrow(() -> new ApiErrors.NotFound("account"));
    if (a.passwordHash() == null || body.current() == null || !encoder.matches(body.current(), a.passwordHash())) {
      throw new IllegalArgumentException("the current password is wrong");
    }
    Passwords.check(a.username(), body.password());
    accounts.setPasswordHash(a.username(), encoder.encode(body.password()), actor, clock.instant());
    return Map.of("changed", true);
  }

  /** A token request: scopes (read, write, admin) and a lifetime in days (default 90, at most 366). */
  record TokenRequest(String name, List<String> scopes, Integer days, String username) {
    Set<ApiTokens.Scope> scopeSet() {
      Set<ApiTokens.Scope> out = EnumSet.noneOf(ApiTokens.Scope.class);
      (scopes == null || scopes.isEmpty() ? List.of("read") : scopes).forEach(s -> out.add(ApiTokens.Scope.parse(s)));
      return out;
    }

    Instant expiresAt(Instant now) {
      return now.plus(Duration.ofDays(days == null ? 90 : days));
    }
  }

  @GetMapping("/me/tokens")
  Map<String, Object> myTokens(Actor actor) {
    Instant now = clock.instant();
    List<Map<String, Object>> items = tokens.list(actor.userId()).stream().map(t -> t.view(now)).toList();
    return Map.of("items", items, "total", items.size());
  }

  /** Creates a token for the signed-in account; the response is the only time its secret is shown. */
  @PostMapping("/me/tokens")
  ResponseEntity<Map<String, Object>> createToken(@RequestBody TokenRequest body, Actor actor) {
    Account a = accounts.find(actor.userId()).orElseThrow(() -> new ApiErrors.NotFound("account"));
    // A token never mints a stronger one: the scopes asked for must be within what this request may do
    // (a read token cannot create a write token; a viewer cannot ask for write).
    if (!actor.permissions().containsAll(ApiTokens.Scope.permissions(body.scopeSet()))) {
      throw new Actor.Forbidden("the scopes asked for exceed what " + actor.name() + " may do");
    }
    return ResponseEntity.status(HttpStatus.CREATED).body(issued(tokens, a, body, actor, clock.instant()));
  }

  static Map<String, Object> issued(ApiTokens tokens, Account owner, TokenRequest body, Actor actor, Instant now) {
    ApiTokens.Issued t = tokens.issue(owner, body.name(), body.scopeSet(), body.expiresAt(now), actor, now);
    Map<String, Object> out = new LinkedHashMap<>(t.token().view(now));
    out.put("token", t.secret());
    out.put("note", "store this token now: it is not shown again");
    return out;
  }

  @DeleteMapping("/me/tokens/{id}")
  Map<String, Object> revokeMine(@PathVariable long id, Actor actor) {
    ApiTokens.Token t = tokens.find(id).filter(x -> x.userId() == actor.userId())
        .orElseThrow(() -> new ApiErrors.NotFound("token " + id));
    return tokens.revoke(t.id(), actor, clock.instant()).view(clock.instant());
  }
}
