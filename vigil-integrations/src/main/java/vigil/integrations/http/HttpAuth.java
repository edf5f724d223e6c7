package vigil.integrations.http;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import vigil.integrations.Secret;

/** How Vigil authenticates to an HTTP API: not at all, HTTP Basic, or a bearer token. */
public sealed interface HttpAuth {

  /** The {@code Authorization} header value, when there is one. */
  Optional<Secret> authorization();

  /** Every value that must never appear in a log line or stored message. */
  List<Secret> secrets();

  static HttpAuth none() {
    return new None();
  }

  /** HTTP Basic: Jira Cloud (account e-mail + API token), ServiceNow (user + password). */
  static HttpAuth basic(String user, Secret password) {
    return new Basic(user, password);
  }

  /** A bearer token: Jira Data Center personal access token, ServiceNow OAuth access token. */
  static HttpAuth bearer(Secret token) {
    return new Bearer(token);
  }

  /** No credentials (the URL itself is the credential, as with chat webhooks). */
  record None() implements HttpAuth {
    @Override
    public Optional<Secret> authorization() {
      return Optional.empty();
    }

    @Override
    public List<Secret> secrets() {
      return List.of();
    }
  }

  /** HTTP Basic authentication. */
  record Basic(String user, Secret password) implements HttpAuth {
    public Basic {
      Objects.requireNonNull(user, "user");
      Objects.requireNonNull(password, "password");
      if (user.contains(":")) {
        throw new IllegalArgumentException("a Basic-auth user name must not contain ':'");
      }
    }

    @Override
    public Optional<Secret> authorization() {
      return Optional.of(Secret.of("Basic " + encoded()));
    }

    @Override
    public List<Secret> secrets() {
      return List.of(password, Secret.of(encoded()));
    }

    private String encoded() {
      return Base64.getEncoder()
          .encodeToString((user + ":" + password.reveal()).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** Bearer-token authentication. */
  record Bearer(Secret token) implements HttpAuth {
    public Bearer {
      Objects.requireNonNull(token, "token");
    }

    @Override
    public Optional<Secret> authorization() {
      return Optional.of(Secret.of("Bearer " + token.reveal()));
    }

    @Override
    public List<Secret> secrets() {
      return List.of(token);
    }
  }
}
