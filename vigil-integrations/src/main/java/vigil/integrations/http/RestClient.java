package vigil.integrations.http;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vigil.integrations.IntegrationException;
import vigil.integrations.IntegrationException.Kind;
import vigil.integrations.Redaction;
import vigil.integrations.Secret;

/**
 * Sends one HTTP request to one outside system and returns its 2xx answer, or throws an {@link
 * IntegrationException} that says what was attempted, where (redacted), the status, an excerpt of
 * the answer (secrets removed) and the server's {@code Retry-After}. Redirects are not followed,
 * so credentials never travel to another host. Thread-safe.
 */
public final class RestClient {
  private static final Logger LOG = LoggerFactory.getLogger(RestClient.class);
  /**
   * The JDK client's own traces print full request URLs (a webhook URL is a credential) and, with
   * {@code -Djdk.httpclient.HttpClient.log=headers}, the Authorization header. They are switched
   * off here, whatever the root level; the references are held because java.util.logging forgets
   * the level of a logger nobody references. (This covers the default java.util.logging backend;
   * a custom {@code System.LoggerFinder} must keep these two loggers off in its own configuration.)
   */
  private static final List<java.util.logging.Logger> JDK_TRACES = List.of(
      quiet("jdk.internal.httpclient.debug"), quiet("jdk.httpclient.HttpClient"));
  /** Largest answer read; Vigil's calls return one issue, one record or a short acknowledgement. */
  static final int MAX_BODY_BYTES = 4 * 1024 * 1024;
  private static final int EXCERPT_CHARS = 300;

  private final HttpClient http;
  private final HttpAuth auth;
  private final Duration requestTimeout;
  private final List<Secret> secrets;
  private final Function<URI, String> redactor;
  private final Clock clock;

  private RestClient(HttpClient http, HttpAuth auth, Duration requestTimeout,
      Collection<Secret> extraSecrets, Function<URI, String> redactor, Clock clock) {
    this.http = Objects.requireNonNull(http, "http");
    this.auth = Objects.requireNonNull(auth, "auth");
    this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
    List<Secret> all = new ArrayList<>(auth.secrets());
    all.addAll(extraSecrets);
    this.secrets = List.copyOf(all);
    this.redactor = redactor;
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  private static java.util.logging.Logger quiet(String name) {
    java.util.logging.Logger logger = java.util.logging.Logger.getLogger(name);
    logger.setLevel(java.util.logging.Level.OFF);
    return logger;
  }

  /** An HTTP client for the integrations: HTTP/1.1, a connect timeout, redirects never followed. */
  public static HttpClient newHttpClient(Duration connectTimeout) {
    // HTTP/1.1 because the JDK's h2c upgrade on http:// URLs trips some webhook receivers and
    // proxies; TLS APIs gain nothing from HTTP/2 at one request at a time.
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(connectTimeout)
        .followRedirects(HttpClient.Redirect.NEVER)
        .build();
  }

  /** For an API whose URLs are not secret (Jira, ServiceNow): paths are kept in messages. */
  public static RestClient forApi(HttpClient http, HttpAuth auth, Duration requestTimeout, Clock clock) {
    return new RestClient(http, auth, requestTimeout, List.of(), Redaction::endpoint, clock);
  }

  /**
   * For a URL that is itself the credential (chat and generic webhooks): messages show only its
   * origin, and its path and query are scrubbed from any answer quoted in an error.
   */
  public static RestClient forSecretUrl(HttpClient http, URI url, Duration requestTimeout,
      Collection<Secret> extraSecrets, Clock clock) {
    List<Secret> all = new ArrayList<>(extraSecrets);
    all.add(Secret.of(url.toString()));
    if (url.getRawPath() != null && url.getRawPath().length() > 1) {
      all.add(Secret.of(url.getRawPath()));
    }
    if (url.getRawQuery() != null && !url.getRawQuery().isEmpty()) {
      all.add(Secret.of(url.getRawQuery()));
    }
    return new RestClient(http, HttpAuth.none(), requestTimeout, all, Redaction::secretUrl, clock);
  }

  /**
   * Parses a URL that is a credential. Unlike {@link URI#create}, a malformed value is not
   * repeated in the exception message.
   */
  public static URI secretUrl(Secret url) {
    try {
      URI uri = new URI(url.reveal());
      if (uri.getHost() == null || !("https".equalsIgnoreCase(uri.getScheme())
          || "http".equalsIgnoreCase(uri.getScheme()))) {
        throw new IllegalArgumentException("a webhook URL must be an http(s) URL with a host");
      }
      return uri;
    } catch (URISyntaxException e) {
      throw new IllegalArgumentException("the webhook URL is malformed (error at index " + e.getIndex() + ")");
    }
  }

  /** Every secret this client knows, for callers that quote text from an answer. */
  public List<Secret> secrets() {
    return secrets;
  }

  /** The URL as it may be shown. */
  public String redact(URI uri) {
    return redactor.apply(uri);
  }

  /** Starts a request; {@code operation} names it in logs and errors, e.g. "jira: create issue". */
  public Call call(String operation, String method, URI uri) {
    return new Call(operation, method, uri);
  }

  /** A 2xx answer. */
  public record Response(int status, HttpHeaders headers, String body) {}

  /** One request being put together. */
  public final class Call {
    private final String operation;
    private final String method;
    private final URI uri;
    private final Map<String, String> headers = new LinkedHashMap<>();
    private String body;

    private Call(String operation, String method, URI uri) {
      this.operation = Objects.requireNonNull(operation, "operation");
      this.method = Objects.requireNonNull(method, "method");
      this.uri = Objects.requireNonNull(uri, "uri");
      headers.put("Accept", "application/json");
    }

    public Call header(String name, String value) {
      headers.put(name, value);
      return this;
    }

    /** A JSON body (UTF-8). */
    public Call json(String json) {
      this.body = json;
      headers.put("Content-Type", "application/json; charset=utf-8");
      return this;
    }

    public Response send() {
      String where = redactor.apply(uri);
      HttpRequest request = build(where);
      long start = System.nanoTime();
      HttpResponse<InputStream> response;
      String text;
      try {
        response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        text = readBounded(response, where);
      } catch (HttpTimeoutException e) {
        throw failure(Kind.TIMEOUT, where).problem("no answer within the timeout").cause(e).build();
      } catch (ConnectException e) {
        throw failure(Kind.UNREACHABLE, where).problem("cannot connect").cause(e).build();
      } catch (IOException e) {
        throw failure(Kind.UNREACHABLE, where)
            .problem("I/O error: " + Redaction.text(String.valueOf(e.getMessage()), secrets))
            .cause(e).build();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw failure(Kind.UNREACHABLE, where).problem("interrupted").build();
      }
      int status = response.statusCode();
      LOG.debug("{} {} {} -> {} ({} ms)", operation, method, where, status,
          (System.nanoTime() - start) / 1_000_000);
      if (status / 100 != 2) {
        throw failure(Kind.HTTP_STATUS, where)
            .status(status)
            .retryAfter(RetryAfter.parse(
                response.headers().firstValue("Retry-After").orElse(null), clock.instant()).orElse(null))
            .problem("HTTP " + status + excerptSuffix(text))
            .build();
      }
      return new Response(status, response.headers(), text);
    }

    private HttpRequest build(String where) {
      HttpRequest.Builder b;
      try {
        b = HttpRequest.newBuilder(uri).timeout(requestTimeout);
      } catch (IllegalArgumentException e) {
        // The JDK's message repeats the URL, which may be secret: not attached.
        throw failure(Kind.CONFIGURATION, where).problem("not a usable http(s) URL").build();
      }
      headers.forEach(b::header);
      auth.authorization().ifPresent(a -> b.header("Authorization", a.reveal()));
      b.method(method, body == null
          ? HttpRequest.BodyPublishers.noBody()
          : HttpRequest.BodyPublishers.ofString(body, StandardCharsets.UTF_8));
      return b.build();
    }

    private String readBounded(HttpResponse<InputStream> response, String where) throws IOException {
      try (InputStream in = response.body()) {
        byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
        if (bytes.length > MAX_BODY_BYTES) {
          throw failure(Kind.BAD_RESPONSE, where).status(response.statusCode())
              .problem("answer larger than " + MAX_BODY_BYTES + " bytes").build();
        }
        return new String(bytes, StandardCharsets.UTF_8);
      }
    }

    private String excerptSuffix(String text) {
      String excerpt = Redaction.excerpt(text, EXCERPT_CHARS, secrets);
      return excerpt.isEmpty() ? "" : ": " + excerpt;
    }

    private IntegrationException.Builder failure(Kind kind, String where) {
      return IntegrationException.of(kind, operation, method + " " + where);
    }
  }
}
