package vigil.app.security;

import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpMethod;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.DefaultLoginPageConfigurer;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestRedirectFilter;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.security.web.authentication.UsernamePasswordAuthenticationFilter;
import org.springframework.security.web.authentication.ui.DefaultLoginPageGeneratingFilter;
import org.springframework.security.web.servlet.util.matcher.PathPatternRequestMatcher;
import org.springframework.security.web.util.matcher.RequestMatcher;
import vigil.store.Database;
import vigil.store.security.Accounts;
import vigil.store.security.ApiTokens;
import vigil.store.security.AuditLog;
import vigil.store.security.Permission;

/**
 * Who may call what. Every request is authenticated (an API token, or a session from a password or
 * single sign-on login) except health, the API description and the login itself; every endpoint
 * under {@code /api} is mapped to the permission it needs, and an endpoint not mapped here is
 * refused to everyone (fail closed). Permissions are decided on the account as it is at the
 * request, not at login. Sessions carry CSRF protection (token in a cookie, echoed in a header);
 * bearer-token requests carry no ambient credential and need none.
 */
@Configuration
@EnableWebSecurity
public class SecurityConfig {

  @Bean
  Clock clock() {
    return Clock.systemUTC();
  }

  @Bean
  Accounts accounts(Database db) {
    return new Accounts(db);
  }

  @Bean
  ApiTokens apiTokens(Database db) {
    return new ApiTokens(db);
  }

  @Bean
  AuditLog auditLog(Database db) {
    return new AuditLog(db);
  }

  /** The hashing the local command line uses too (see {@link Passwords#encoder()}). */
  @Bean
  PasswordEncoder passwordEncoder() {
    return Passwords.encoder();
  }

  /** Password sign-in, and the redemption of the provider's authorization code when single sign-on is on. */
  @Bean
  AuthenticationManager authenticationManager(PasswordLogin passwordLogin, ObjectProvider<OidcLogin> oidcLogin) {
    List<AuthenticationProvider> providers = new ArrayList<>(List.of(passwordLogin));
    oidcLogin.ifAvailable(o -> providers.add(o.authenticationProvider()));
    return new ProviderManager(providers);
  }

  /** Single sign-on settings; only when {@code vigil.oidc.issuer} is set. */
  @Bean
  @Conditional(OidcSettings.Configured.class)
  OidcSettings oidcSettings(Environment env) {
    return OidcSettings.from(env);
  }

  @Bean
  @Conditional(OidcSettings.Configured.class)
  OidcProvider oidcProvider(OidcSettings settings) {
    return new OidcProvider(settings);
  }

  /** Discovery once the server is up, so a wrong issuer is in the log early; a provider that is down stops nothing. */
  @Bean
  @Conditional(OidcSettings.Configured.class)
  ApplicationListener<ApplicationReadyEvent> oidcEarlyDiscovery(OidcProvider provider) {
    return event -> provider.discoverEarly();
  }

  @Bean
  @Conditional(OidcSettings.Configured.class)
  OidcLogin oidcLogin(OidcSettings settings, Accounts accounts, AuditLog audit, Clock clock) {
    return new OidcLogin(settings, accounts, audit, clock);
  }

  @Bean
  SecurityFilterChain filterChain(HttpSecurity http, ActorResolver actors, ApiTokens tokens, Accounts accounts,
      Clock clock, AuthenticationManager authenticationManager, ObjectProvider<OidcProvider> oidcProvider,
      ObjectProvider<OidcLogin> oidcLogin) throws Exception {
    RequestMatcher api = PathPatternRequestMatcher.pathPattern("/api/**");
    http
        .authenticationManager(authenticationManager)
        .addFilterBefore(new ApiTokenFilter(tokens, accounts, clock), UsernamePasswordAuthenticationFilter.class)
        .authorizeHttpRequests(a -> a
            .requestMatchers(HttpMethod.GET, "/api/v1/health", "/api/openapi.json", "/api/openapi.json/**",
                "/api/docs", "/api/docs/**", "/swagger-ui/**", "/login", "/favicon.ico").permitAll()
            .requestMatchers(HttpMethod.POST, "/api/v1/session").permitAll()
            .requestMatchers("/error").permitAll()
            .requestMatchers("/api/v1/me", "/api/v1/me/**", "/api/v1/session").access(signedIn(actors))
            .requestMatchers("/api/v1/admin/**").access(needs(actors, Permission.ADMIN))
            .requestMatchers("/api/v1/scope").access(needs(actors, Permission.ADMIN))
            .requestMatchers(HttpMethod.GET, "/api/v1/**").access(needs(actors, Permission.READ))
            .requestMatchers(HttpMethod.POST, "/api/v1/graph/whatif").access(needs(actors, Permission.READ))
            .requestMatchers(HttpMethod.POST, "/api/v1/exposures/*/acceptance", "/api/v1/exposures/*/false-positive",
                "/api/v1/fixes/*/acceptance").access(needs(actors, Permission.ACT))
            .requestMatchers(HttpMethod.POST, "/api/v1/imports", "/api/v1/mobilise", "/api/v1/feeds/*")
                .access(needs(actors, Permission.WRITE))
            .requestMatchers(HttpMethod.PUT, "/api/v1/topology").access(needs(actors, Permission.WRITE))
            .anyRequest().denyAll())
        .formLogin(f -> f.permitAll())
        .logout(l -> l.logoutUrl("/logout").logoutSuccessUrl("/login?logout"))
        .csrf(c -> c.spa().ignoringRequestMatchers(ApiTokenFilter::hasBearer,
            PathPatternRequestMatcher.pathPattern(HttpMethod.POST, "/api/v1/session")))
        .exceptionHandling(e -> e
            .defaultAuthenticationEntryPointFor((req, res, ex) -> JsonErrors.write(res, 401,
                "authentication required: an API token (Authorization: Bearer ...) or a session"), api)
            .defaultAccessDeniedHandlerFor((req, res, ex) -> JsonErrors.write(res, 403,
                "forbidden: your role or token scope does not allow this"), api));
    OidcProvider sso = oidcProvider.getIfAvailable();
    if (sso != null) {
      http.oauth2Login(o -> o
          .clientRegistrationRepository(sso)
          // Vigil asks the provider who the user is, nothing more: its tokens are not kept.
          .authorizedClientRepository(OidcLogin.KEEP_NO_TOKENS)
          .userInfoEndpoint(u -> u.oidcUserService(oidcLogin.getObject()))
          .withObjectPostProcessor(new ObjectPostProcessor<OAuth2AuthorizationRequestRedirectFilter>() {
            @Override
            public <O extends OAuth2AuthorizationRequestRedirectFilter> O postProcess(O filter) {
              filter.setAuthenticationFailureHandler(OidcProvider.signInFailure());
              return filter;
            }
          }));
      http.getConfigurer(DefaultLoginPageConfigurer.class).withObjectPostProcessor(
          new ObjectPostProcessor<DefaultLoginPageGeneratingFilter>() {
            @Override
            public <O extends DefaultLoginPageGeneratingFilter> O postProcess(O page) {
              page.setOauth2AuthenticationUrlToClientName(Map.of(OidcProvider.SIGN_IN_PATH, sso.name()));
              return page;
            }
          });
    }
    return http.build();
  }

  private static AuthorizationManager<RequestAuthorizationContext> needs(ActorResolver actors, Permission p) {
    return (Supplier<? extends Authentication> auth, RequestAuthorizationContext ctx) -> new AuthorizationDecision(
        actors.resolve(auth.get(), ctx.getRequest()).map(a -> a.can(p)).orElse(false));
  }

  private static AuthorizationManager<RequestAuthorizationContext> signedIn(ActorResolver actors) {
    return (Supplier<? extends Authentication> auth, RequestAuthorizationContext ctx) -> new AuthorizationDecision(
        actors.resolve(auth.get(), ctx.getRequest()).isPresent());
  }
}
