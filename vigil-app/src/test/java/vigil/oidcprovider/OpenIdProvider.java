package vigil.oidcprovider;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.oauth2.core.oidc.endpoint.OidcParameterNames;
import org.springframework.security.oauth2.server.authorization.token.JwtEncodingContext;
import org.springframework.security.oauth2.server.authorization.token.OAuth2TokenCustomizer;

/**
 * A real OpenID provider (Spring Authorization Server) on a loopback port, with a directory of
 * users and their groups that a test can change between sign-ins. It signs users in with a form
 * (every password is {@link #PASSWORD}) and puts their groups in the ID token's "groups" claim.
 * It lives outside {@code vigil.app} so that the server's component scan never picks it up.
 */
public final class OpenIdProvider implements AutoCloseable {
  public static final String CLIENT_ID = "vigil";
  public static final String CLIENT_SECRET = "s3cret-for-the-test-client";
  public static final String PASSWORD = "provider password";

  private final ConfigurableApplicationContext context;

  private OpenIdProvider(ConfigurableApplicationContext context) {
    this.context = context;
  }

  /** Users and their groups. */
  public static final class Directory {
    private final Map<String, List<String>> groups = new ConcurrentHashMap<>();

    public void put(String user, String... groupNames) {
      groups.put(user, List.of(groupNames));
    }
  }

  /** Starts the provider on this port; its issuer is http://127.0.0.1:port. */
  public static OpenIdProvider start(int port) {
    String client = "spring.security.oauth2.authorizationserver.client.vigil.";
    ConfigurableApplicationContext context = new SpringApplicationBuilder(App.class)
        .run("--server.port=" + port, "--server.address=127.0.0.1",
            "--server.servlet.session.cookie.name=PROVIDER_SESSION",
            "--springdoc.api-docs.enabled=false", "--springdoc.swagger-ui.enabled=false",
            "--" + client + "registration.client-id=" + CLIENT_ID,
            "--" + client + "registration.client-secret={noop}" + CLIENT_SECRET,
            "--" + client + "registration.client-authentication-methods=client_secret_basic",
            "--" + client + "registration.authorization-grant-types=authorization_code",
            // A loopback redirect URI matches at any port (RFC 8252), so it fits every test server.
            "--" + client + "registration.redirect-uris=http://127.0.0.1/login/oauth2/code/oidc",
            "--" + client + "registration.scopes=openid,profile,email",
            "--" + client + "require-authorization-consent=false");
    return new OpenIdProvider(context);
  }

  public Directory directory() {
    return context.getBean(Directory.class);
  }

  public String issuer() {
    return "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
  }

  @Override
  public void close() {
    context.close();
  }

  /** A provider of its own: sessions in its memory, no database (Vigil's test classpath has both). */
  @SpringBootConfiguration
  @EnableAutoConfiguration(excludeName = {
      "org.springframework.boot.session.jdbc.autoconfigure.JdbcSessionAutoConfiguration",
      "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration"})
  static class App {
    @Bean
    public Directory directory() {
      return new Directory();
    }

    @Bean
    UserDetailsService users(Directory directory) {
      return username -> {
        if (!directory.groups.containsKey(username)) {
          throw new UsernameNotFoundException(username);
        }
        return User.withUsername(username).password("{noop}" + PASSWORD).roles("USER").build();
      };
    }

    @Bean
    OAuth2TokenCustomizer<JwtEncodingContext> idTokenClaims(Directory directory) {
      return context -> {
        if (OidcParameterNames.ID_TOKEN.equals(context.getTokenType().getValue())) {
          String user = context.getPrincipal().getName();
          context.getClaims().claim("preferred_username", user).claim("name", "User " + user)
              .claim("email", user + "@example.org").claim("email_verified", true)
              .claim("groups", directory.groups.getOrDefault(user, List.of()));
        }
      };
    }
  }
}
