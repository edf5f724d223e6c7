package vigil.app.security;

import java.net.URI;
import java.util.Collection;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.context.annotation.Condition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.env.Environment;
import org.springframework.core.type.AnnotatedTypeMetadata;
import org.springframework.util.StringUtils;
import vigil.store.security.Role;

/**
 * Single sign-on settings, {@code vigil.oidc.*} (or {@code VIGIL_OIDC_*} in the environment).
 * Single sign-on is on when {@code vigil.oidc.issuer} is set and off otherwise.
 *
 * @param issuer the OpenID provider's issuer URL; its discovery document names every endpoint
 * @param clientId Vigil's client id at the provider
 * @param clientSecret the client secret (from {@code VIGIL_OIDC_CLIENT_SECRET}); never logged
 * @param scopes the scopes asked for
 * @param groupsClaim the claim that lists the user's groups or roles; a dotted path reaches into
 *     an object ({@code realm_access.roles})
 * @param roles Vigil role (admin, analyst, owner, viewer) to the groups that give it; the most
 *     powerful role a user's groups give wins. When set, the provider decides the role at every
 *     sign-in.
 * @param teams Vigil team to the groups whose members belong to it; membership of these teams
 *     follows the groups at every sign-in
 * @param defaultRole the role of a user whose groups give none, or "deny" to refuse such users
 * @param provision whether a first sign-in creates an account; if not, an administrator creates
 *     it with the user's issuer and subject
 * @param name what the sign-in page calls the provider
 */
public record OidcSettings(String issuer, String clientId, String clientSecret,
    @DefaultValue({"openid", "profile", "email"}) List<String> scopes, @DefaultValue("groups") String groupsClaim,
    Map<String, List<String>> roles, Map<String, List<String>> teams, @DefaultValue("viewer") String defaultRole,
    @DefaultValue("true") boolean provision, @DefaultValue("Single sign-on") String name) {
  static final String PREFIX = "vigil.oidc";
  private static final String DENY = "deny";

  public OidcSettings {
    if (!StringUtils.hasText(issuer)) {
      throw new IllegalArgumentException(PREFIX + ".issuer is not set");
    }
    URI parsed = URI.create(issuer.trim());
    if (!"https".equals(parsed.getScheme()) && !"http".equals(parsed.getScheme())) {
      throw new IllegalArgumentException(PREFIX + ".issuer must be an http(s) URL, not '" + issuer + "'");
    }
    issuer = issuer.trim();
    if (!StringUtils.hasText(clientId)) {
      throw new IllegalArgumentException(PREFIX + ".client-id (VIGIL_OIDC_CLIENT_ID) is not set");
    }
    scopes = List.copyOf(scopes.contains("openid") ? scopes : concat("openid", scopes));
    roles = roles == null ? Map.of() : copy(roles);
    teams = teams == null ? Map.of() : copy(teams);
    roles.keySet().forEach(Role::parse);
    if (!DENY.equalsIgnoreCase(defaultRole.trim())) {
      Role.parse(defaultRole);
    }
  }

  /** Binds {@code vigil.oidc.*}; fails with the setting's name when one is wrong. */
  static OidcSettings from(Environment env) {
    return Binder.get(env).bind(PREFIX, Bindable.of(OidcSettings.class)).get();
  }

  /** The role the user's groups give (the most powerful one), if any. */
  Optional<Role> mappedRole(Set<String> groups) {
    Map<Role, List<String>> byRole = new EnumMap<>(Role.class);
    roles.forEach((role, g) -> byRole.put(Role.parse(role), g));
    // Role's constants run from most to least powerful.
    return byRole.entrySet().stream().filter(e -> e.getValue().stream().anyMatch(groups::contains))
        .map(Map.Entry::getKey).findFirst();
  }

  /** The role of a user whose groups give none; empty when such users are refused. */
  Optional<Role> fallbackRole() {
    return DENY.equalsIgnoreCase(defaultRole.trim()) ? Optional.empty() : Optional.of(Role.parse(defaultRole));
  }

  boolean mapsRoles() {
    return !roles.isEmpty();
  }

  /** Without the client secret, which is never printed. */
  @Override
  public String toString() {
    return "OidcSettings[issuer=" + issuer + ", clientId=" + clientId + ", scopes=" + scopes + ", groupsClaim="
        + groupsClaim + ", roles=" + roles + ", teams=" + teams + ", defaultRole=" + defaultRole + ", provision="
        + provision + "]";
  }

  private static List<String> concat(String first, Collection<String> rest) {
    List<String> out = new java.util.ArrayList<>();
    out.add(first);
    out.addAll(rest);
    return out;
  }

  private static Map<String, List<String>> copy(Map<String, List<String>> m) {
    Map<String, List<String>> out = new LinkedHashMap<>();
    m.forEach((k, v) -> out.put(k, v.stream().map(String::trim).filter(s -> !s.isEmpty()).toList()));
    return java.util.Collections.unmodifiableMap(out);
  }

  /** Single sign-on is configured: {@code vigil.oidc.issuer} has a value. */
  static final class Configured implements Condition {
    @Override
    public boolean matches(ConditionContext context, AnnotatedTypeMetadata metadata) {
      return StringUtils.hasText(context.getEnvironment().getProperty(PREFIX + ".issuer"));
    }
  }
}
