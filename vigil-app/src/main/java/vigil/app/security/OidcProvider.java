package vigil.app.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.oauth2.client.registration.ClientRegistrationRepository;
import org.springframework.security.oauth2.client.registration.ClientRegistrations;
import org.springframework.security.oauth2.core.ClientAuthenticationMethod;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.util.StringUtils;

/**
 * The configured OpenID provider as Spring Security's one client registration, built from the
 * provider's discovery document on first use and kept once it succeeds. A provider that cannot be
 * reached does not stop the server: the failure is logged and discovery is tried again at the next
 * sign-in, which meanwhile answers 503.
 */
final class OidcProvider implements ClientRegistrationRepository {
  /** The registration's id: sign-in starts at /oauth2/authorization/oidc, the provider returns to /login/oauth2/code/oidc. */
  static final String REGISTRATION_ID = "oidc";
  static final String SIGN_IN_PATH = "/oauth2/authorization/" + REGISTRATION_ID;

  private static final Logger LOG = LoggerFactory.getLogger(OidcProvider.class);

  private final OidcSettings settings;
  private volatile ClientRegistration registration;

  OidcProvider(OidcSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
  }

  /** The provider could not be reached or its discovery document was not usable. */
  static final class Unavailable extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Unavailable(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** What the sign-in page calls the provider. */
  String name() {
    return settings.name();
  }

  @Override
  public ClientRegistration findByRegistrationId(String registrationId) {
    return REGISTRATION_ID.equals(registrationId) ? registration() : null;
  }

  /** Discovers the provider unless done; throws {@link Unavailable} (and logs why) when it cannot. */
  ClientRegistration registration() {
    ClientRegistration r = registration;
    if (r != null) {
      return r;
    }
    synchronized (this) {
      if (registration == null) {
        registration = discover();
        LOG.info("single sign-on: provider {} discovered, client id {}", settings.issuer(), settings.clientId());
      }
      return registration;
    }
  }

  /** Tries discovery now, at startup, so a wrong issuer shows in the log before anyone signs in. */
  void discoverEarly() {
    try {
      registration();
    } catch (Unavailable e) {
      // Already logged; the next sign-in tries again.
    }
  }

  private ClientRegistration discover() {
    try {
      ClientRegistration.Builder builder = ClientRegistrations.fromIssuerLocation(settings.issuer());
      if (!StringUtils.hasText(settings.clientSecret())) {
        // A public client: PKCE alone protects the code exchange.
        builder.clientAuthenticationMethod(ClientAuthenticationMethod.NONE);
      }
      return builder
          .registrationId(REGISTRATION_ID)
          .clientId(settings.clientId())
          .clientSecret(settings.clientSecret())
          .scope(settings.scopes())
          .clientName(settings.name())
          .redirectUri("{baseUrl}/login/oauth2/code/{registrationId}")
          // PKCE as well as the client secret: a stolen authorization code is useless on its own.
          .clientSettings(ClientRegistration.ClientSettings.builder().requireProofKey(true).build())
          .build();
    } catch (RuntimeException e) {
      // The message names the issuer and the cause only: the registration (and its secret) is never printed.
      String message = "single sign-on provider " + settings.issuer() + " is unavailable (" + e.getMessage()
          + "); sign-in through it will be retried at the next attempt";
      LOG.warn(message);
      throw new Unavailable(message, e);
    }
  }

  /**
   * Answers a sign-in that could not start: 503 when the provider is unreachable, otherwise back to
   * the sign-in page with an error.
   */
  static AuthenticationFailureHandler signInFailure() {
    return (HttpServletRequest request, HttpServletResponse response, AuthenticationException e) -> {
      if (causedByUnavailable(e)) {
        JsonErrors.write(response, 503, "single sign-on is unavailable: the identity provider cannot be reached;"
            + " try again later");
      } else {
        redirectToLoginError(request, response);
      }
    };
  }

  private static boolean causedByUnavailable(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof Unavailable) {
        return true;
      }
    }
    return false;
  }

  private static void redirectToLoginError(HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    response.sendRedirect(request.getContextPath() + "/login?error");
  }
}
