package vigil.integrations.notify;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import vigil.integrations.Secret;
import vigil.integrations.Settings;

/**
 * An SMTP relay and the message envelope for one e-mail target.
 *
 * @param security {@code NONE} (plain, loopback relays only), {@code STARTTLS} (port 587, required
 *     once asked for), or {@code TLS} (implicit TLS, port 465)
 * @param user login name; empty for an open relay
 */
public record SmtpConfig(
    String host,
    int port,
    Security security,
    Optional<String> user,
    Optional<Secret> password,
    String from,
    List<String> to,
    Duration connectTimeout,
    Duration timeout) {

  /** How the connection to the relay is protected. */
  public enum Security { NONE, STARTTLS, TLS }

  public SmtpConfig {
    Objects.requireNonNull(host, "host");
    Objects.requireNonNull(security, "security");
    Objects.requireNonNull(user, "user");
    Objects.requireNonNull(password, "password");
    Objects.requireNonNull(from, "from");
    to = List.copyOf(to);
    if (to.isEmpty()) {
      throw new IllegalArgumentException("an e-mail target needs at least one recipient");
    }
    if (user.isPresent() != password.isPresent()) {
      throw new IllegalArgumentException("SMTP user and password go together");
    }
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(timeout, "timeout");
  }

  /**
   * Reads a target's settings (keys relative to {@code s}, e.g. under {@code
   * vigil.integrations.email.secops}): {@code host}, {@code port} (587, 465 for TLS, 25 for NONE),
   * {@code security} (starttls), {@code user}, {@code password}, {@code from}, {@code to}
   * (comma-separated), {@code connect-timeout} (10s), {@code timeout} (30s).
   */
  public static SmtpConfig fromSettings(Settings s) {
    Security security;
    String value = s.get("security", "starttls");
    try {
      security = Security.valueOf(value.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("setting " + s.key("security") + " = '" + value
          + "' is not one of none, starttls, tls", e);
    }
    int defaultPort = switch (security) {
      case NONE -> 25;
      case STARTTLS -> 587;
      case TLS -> 465;
    };
    return new SmtpConfig(
        s.required("host"),
        s.integer("port", defaultPort),
        security,
        s.optional("user"),
        s.optionalSecret("password"),
        s.required("from"),
        s.list("to"),
        s.duration("connect-timeout", Duration.ofSeconds(10)),
        s.duration("timeout", Duration.ofSeconds(30)));
  }
}
