package vigil.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.endpoint.RestClientAuthorizationCodeTokenResponseClient;
import org.springframework.security.oauth2.client.oidc.authentication.OidcAuthorizationCodeAuthenticationProvider;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.OAuth2Error;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import vigil.store.security.Account;
import vigil.store.security.Accounts;
import vigil.store.security.Actor;
import vigil.store.security.AuditLog;
import vigil.store.security.Role;

/**
 * Turns a user the OpenID provider signed in into a Vigil account: the account linked to the
 * user's issuer and subject, or a new one when provisioning is on and the user's groups (or the
 * default role) give a role. With group mappings configured, the provider decides the account's
 * role and the mapped teams' membership at every sign-in; the changes go to the audit trail like
 * an administrator's. Disabled accounts, and users no group admits when the default is "deny", are
 * refused. An e-mail address or a username never links a user to an existing account: only the
 * (issuer, subject) pair does, so no one signs in as a local account by claiming its name.
 */
final class OidcLogin implements OAuth2UserService<OidcUserRequest, OidcUser> {
  static final String METHOD = "oidc";
  /** How the audit trail names changes made from the provider's claims. */
  static final Actor SSO = Actor.system("sso");

  /** Vigil asks the provider who the user is and nothing more, so its tokens are dropped after sign-in. */
  static final OAuth2AuthorizedClientRepository KEEP_NO_TOKENS = new OAuth2AuthorizedClientRepository() {
    @Override
    public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId, Authentication principal,
        HttpServletRequest request) {
      return null;
    }

    @Override
    public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal,
        HttpServletRequest request, HttpServletResponse response) {}

    @Override
    public void removeAuthorizedClient(String registrationId, Authentication principal, HttpServletRequest request,
        HttpServletResponse response) {}
  };

  private final OidcSettings settings;
  private final Accounts accounts;
  private final AuditLog audit;
  private final Clock clock;
  private final OAuth2UserService<OidcUserRequest, OidcUser> provider = new OidcUserService();

  OidcLogin(OidcSettings settings, Accounts accounts, AuditLog audit, Clock clock) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.accounts = Objects.requireNonNull(accounts, "accounts");
    this.audit = Objects.requireNonNull(audit, "audit");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Redeems the provider's authorization code, checks the ID token, and signs the user in through
   * {@link #loadUser}. It belongs in the server's {@code AuthenticationManager}, which the login
   * filter uses.
   */
  AuthenticationProvider authenticationProvider() {
    return new OidcAuthorizationCodeAuthenticationProvider(new RestClientAuthorizationCodeTokenResponseClient(), this);
  }

  @Override
  public OidcUser loadUser(OidcUserRequest request) throws OAuth2AuthenticationException {
    OidcUser user = provider.loadUser(request);
    // The ID token's issuer, already checked against the provider's discovery document.
    String issuer = user.getIdToken().getClaimAsString("iss");
    String subject = user.getSubject();
    String source = clientAddress();
    Instant now = clock.instant();
    Set<String> groups = groups(user.getClaims());
    Optional<Role> role = settings.mappedRole(groups).or(settings::fallbackRole);

    Optional<Account> linked = accounts.findOidc(issuer, subject);
    Account account;
    if (linked.isEmpty()) {
      String claimed = Optional.ofNullable(user.getPreferredUsername()).orElse(subject);
      if (!settings.provision()) {
        throw refused(claimed, issuer, subject, source, now, "no account is linked to this user (provisioning is off)");
      }
      if (role.isEmpty()) {
        throw refused(claimed, issuer, subject, source, now, "no group of this user gives a Vigil role");
      }
      account = provision(user, issuer, subject, role.get(), now);
    } else {
      account = linked.get();
      if (account.disabled()) {
        throw refused(account.username(), issuer, subject, source, now, "account disabled");
      }
      if (settings.mapsRoles()) {
        if (role.isEmpty()) {
          throw refused(account.username(), issuer, subject, source, now, "no group of this user gives a Vigil role");
        }
        if (role.get() != account.role()) {
          account = accounts.setRole(account.username(), role.get(), SSO, now);
        }
      }
    }
    followTeams(account, groups, now);
    accounts.loginSucceeded(account, METHOD, source, now);
    return new SsoUser(user, new AccountPrincipal(account.id(), account.username(), null, null));
  }

  private Account provision(OidcUser user, String issuer, String subject, Role role, Instant now) {
    // An address the provider says it has not verified is not kept: owners see assets by e-mail.
    String email = Boolean.FALSE.equals(user.getEmailVerified()) ? null : user.getEmail();
    Accounts.NewAccount draft = new Accounts.NewAccount(freeUsername(user, issuer, subject), user.getFullName(), email,
        role, null, issuer, subject, false);
    try {
      return accounts.create(draft, SSO, now);
    } catch (RuntimeException e) {
      // A concurrent first sign-in of the same user may have created it a moment ago.
      return accounts.findOidc(issuer, subject).orElseThrow(() -> e);
    }
  }

  /** Membership of each mapped team follows the user's groups. */
  private void followTeams(Account account, Set<String> groups, Instant now) {
    settings.teams().forEach((team, teamGroups) -> {
      boolean belongs = teamGroups.stream().anyMatch(groups::contains);
      Optional<Accounts.Team> existing = accounts.team(team);
      boolean member = existing.map(t -> t.members().stream().anyMatch(m -> m.equalsIgnoreCase(account.username())))
          .orElse(false);
      if (belongs && !member) {
        if (existing.isEmpty()) {
          createTeam(team, teamGroups, now);
        }
        accounts.addMember(team, account.username(), SSO, now);
      } else if (!belongs && member) {
        accounts.removeMember(team, account.username(), SSO, now);
      }
    });
  }

  private void createTeam(String team, List<String> groups, Instant now) {
    try {
      accounts.createTeam(team, "members from the single sign-on groups " + String.join(", ", groups), SSO, now);
    } catch (IllegalArgumentException e) {
      if (accounts.team(team).isEmpty()) {
        throw e;
      }
    }
  }

  /** Audits a refused sign-in ({@code who}: the account, or the name the provider gave) and returns the error. */
  private OAuth2AuthenticationException refused(String who, String issuer, String subject, String source,
      Instant now, String reason) {
    Map<String, Object> after = new LinkedHashMap<>();
    after.put("method", METHOD);
    after.put("issuer", issuer);
    after.put("subject", subject);
    after.put("reason", reason);
    audit.record(AuditLog.Entry.of(who, "login.failure", "account", who, null, after, source), now);
    return new OAuth2AuthenticationException(new OAuth2Error("access_denied", reason, null), reason);
  }

  /** The groups claim (a list, or one string), following a dotted path into nested objects. */
  Set<String> groups(Map<String, Object> claims) {
    Object value = claims;
    for (String part : settings.groupsClaim().split("\\.")) {
      value = value instanceof Map<?, ?> m ? m.get(part) : null;
    }
    Set<String> out = new LinkedHashSet<>();
    if (value instanceof Collection<?> c) {
      c.stream().filter(Objects::nonNull).map(String::valueOf).forEach(out::add);
    } else if (value instanceof String s && !s.isBlank()) {
      out.add(s);
    }
    return out;
  }

  /** preferred_username, else the e-mail address, else one made from the subject; made unique. */
  private String freeUsername(OidcUser user, String issuer, String subject) {
    String base = usable(user.getPreferredUsername());
    if (base == null) {
      base = usable(user.getEmail());
    }
    if (base == null) {
      base = "sso-" + sha256(issuer + "\n" + subject).substring(0, 12);
    }
    String name = base;
    for (int n = 2; accounts.find(name).isPresent(); n++) {
      name = base + "-" + n;
    }
    return name;
  }

  /** The name with characters a username cannot hold replaced; null when nothing usable is left. */
  static String usable(String name) {
    if (name == null) {
      return null;
    }
    String s = name.trim().replaceAll("[^A-Za-z0-9._@+-]", "-").replaceFirst("^[^A-Za-z0-9]+", "");
    s = s.length() > 120 ? s.substring(0, 120) : s;
    return s.isEmpty() ? null : s;
  }

  private static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String clientAddress() {
    return RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes r
        ? r.getRequest().getRemoteAddr() : null;
  }
}
