package vigil.app.security;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.LockedException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.springframework.stereotype.Component;
import vigil.store.security.Account;
import vigil.store.security.Accounts;

/**
 * Username and password against the local accounts (Argon2id hashes), throttled two ways: an
 * account is locked after {@link Accounts#LOCK_AFTER} failures in a row (in the database, so on
 * every node; the lock doubles with each further failure), and one client address may fail at most
 * {@link #PER_SOURCE_LIMIT} times a {@link #PER_SOURCE_WINDOW} (in this node's memory), which stops
 * spraying one password over many accounts. Unknown accounts cost the same hash as known ones, and
 * every refusal says the same thing.
 */
@Component
public class PasswordLogin implements AuthenticationProvider {
  static final int PER_SOURCE_LIMIT = 20;
  static final Duration PER_SOURCE_WINDOW = Duration.ofMinutes(5);
  static final String REFUSED = "bad credentials";

  private final Accounts accounts;
  private final PasswordEncoder encoder;
  private final Clock clock;
  private final String dummyHash;
  private final ConcurrentHashMap<String, Window> failuresBySource = new ConcurrentHashMap<>();

  public PasswordLogin(Accounts accounts, PasswordEncoder encoder, Clock clock) {
    this.accounts = accounts;
    this.encoder = encoder;
    this.clock = clock;
    this.dummyHash = encoder.encode("vigil-timing-equaliser");
  }

  private record Window(Instant start, int failures) {}

  @Override
  public Authentication authenticate(Authentication authentication) throws AuthenticationException {
    String username = String.valueOf(authentication.getName());
    String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
    String source = authentication.getDetails() instanceof WebAuthenticationDetails d ? d.getRemoteAddress() : null;
    Instant now = clock.instant();
    if (source != null && throttled(source, now)) {
      throw new LockedException("too many failed logins from this address; try again later");
    }
    Optional<Account> found = accounts.find(username);
    if (found.isEmpty() || found.get().passwordHash() == null) {
      encoder.matches(password, dummyHash);
      failed(source, now);
      throw new BadCredentialsException(REFUSED);
    }
    Account a = found.get();
    if (a.lockedAt(now)) {
      encoder.matches(password, dummyHash);
      accounts.loginFailed(a, source, now);
      failed(source, now);
      throw new LockedException("account locked after failed logins; try again later");
    }
    if (a.disabled() || !encoder.matches(password, a.passwordHash())) {
      accounts.loginFailed(a, source, now);
      failed(source, now);
      throw new BadCredentialsException(REFUSED);
    }
    accounts.loginSucceeded(a, "password", source, now);
    return authenticated(new AccountPrincipal(a.id(), a.username(), null, null));
  }

  static UsernamePasswordAuthenticationToken authenticated(AccountPrincipal principal) {
    return UsernamePasswordAuthenticationToken.authenticated(principal, null,
        List.of(new SimpleGrantedAuthority("ROLE_USER")));
  }

  private boolean throttled(String source, Instant now) {
    Window w = failuresBySource.get(source);
    return w != null && w.start().plus(PER_SOURCE_WINDOW).isAfter(now) && w.failures() >= PER_SOURCE_LIMIT;
  }

  private void failed(String source, Instant now) {
    if (source == null) {
      return;
    }
    failuresBySource.compute(source, (k, w) -> w == null || w.start().plus(PER_SOURCE_WINDOW).isBefore(now)
        ? new Window(now, 1) : new Window(w.start(), w.failures() + 1));
    if (failuresBySource.size() > 100_000) {
      failuresBySource.entrySet().removeIf(e -> e.getValue().start().plus(PER_SOURCE_WINDOW).isBefore(now));
    }
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
