package vigil.app.cli;

import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.StringJoiner;
import java.util.UUID;
import javax.net.ssl.SSLException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The REST API of a remote Vigil server as the command line calls it: every request carries the
 * API token as a bearer header, bodies are JSON, HTTPS uses the JDK's trust store. A failure is a
 * {@link Failure} whose message is one line for the user; no message ever contains the token.
 */
final class Server {
  private final URI base;
  private final String token;
  private final HttpClient http;

  Server(URI base, String token) {
    this.base = Objects.requireNonNull(base, "base");
    this.token = Objects.requireNonNull(token, "token");
    String scheme = base.getScheme() == null ? "" : base.getScheme().toLowerCase(java.util.Locale.ROOT);
    if (!scheme.equals("http") && !scheme.equals("https") || base.getHost() == null) {
      throw new IllegalArgumentException("--server takes an http:// or https:// address, not '" + base + "'");
    }
    this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(20))
        .followRedirects(HttpClient.Redirect.NEVER).build();
  }

  /** A request the server answered with an error, or could not be reached. */
  static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final int status;

    Failure(int status, String message) {
      super(message);
      this.status = status;
    }

    /** The HTTP status, or 0 when the server was not reached. */
    int status() {
      return status;
    }
  }

  JsonNode get(String path, Map<String, ?> query) {
    return json(send(request(path, query).GET(), HttpResponse.BodyHandlers.ofString()));
  }

  /** GET of a text body (a scope file). */
  String text(String path) {
    return send(request(path, Map.of()).GET(), HttpResponse.BodyHandlers.ofString());
  }

  /** GET streamed into a file (an export), replaced only once the whole body arrived. */
  void download(String path, Map<String, ?> query, Path out) throws IOException {
    try (InputStream in = send(request(path, query).GET(), HttpResponse.BodyHandlers.ofInputStream())) {
      Path tmp = Files.createTempFile(out.toAbsolutePath().getParent(), ".vigil-download-", ".tmp");
      try {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
        Files.move(tmp, out, StandardCopyOption.REPLACE_EXISTING);
      } finally {
        Files.deleteIfExists(tmp);
      }
    }
  }

  /** POST, PUT, PATCH or DELETE with a JSON body (none when null). */
  JsonNode send(String method, String path, Map<String, ?> query, Object body) {
    HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
        : HttpRequest.BodyPublishers.ofString(Json.write(body));
    HttpRequest.Builder b = request(path, query).method(method, publisher);
    if (body != null) {
      b.header("Content-Type", "application/json");
    }
    return json(send(b, HttpResponse.BodyHandlers.ofString()));
  }

  /** PUT of a text document (a YAML scope file). */
  JsonNode putText(String path, Map<String, ?> query, String contentType, String body) {
    return json(send(request(path, query).header("Content-Type", contentType)
        .PUT(HttpRequest.BodyPublishers.ofString(body)), HttpResponse.BodyHandlers.ofString()));
  }

  /** Uploads a file as the multipart field {@code file}, streamed from disk. */
  JsonNode upload(String path, Map<String, ?> query, Path file) throws IOException {
    if (!Files.isReadable(file) || Files.isDirectory(file)) {
      throw new IOException("not a readable file");
    }
    String boundary = "vigil-" + UUID.randomUUID();
    String name = file.getFileName().toString().replaceAll("[\"\\\\\\r\\n]", "_");
    String head = "--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + name
        + "\"\r\nContent-Type: application/octet-stream\r\n\r\n";
    HttpRequest.BodyPublisher body = HttpRequest.BodyPublishers.concat(
        HttpRequest.BodyPublishers.ofString(head, StandardCharsets.UTF_8),
        HttpRequest.BodyPublishers.ofFile(file),
        HttpRequest.BodyPublishers.ofString("\r\n--" + boundary + "--\r\n", StandardCharsets.UTF_8));
    return json(send(request(path, query).header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(body), HttpResponse.BodyHandlers.ofString()));
  }

  private HttpRequest.Builder request(String path, Map<String, ?> query) {
    StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
    query.forEach((k, v) -> {
      if (v instanceof Iterable<?> values) {
        values.forEach(x -> q.add(encode(k) + "=" + encode(String.valueOf(x))));
      } else if (v != null) {
        q.add(encode(k) + "=" + encode(String.valueOf(v)));
      }
    });
    String root = base.toString().endsWith("/") ? base.toString().substring(0, base.toString().length() - 1)
        : base.toString();
    return HttpRequest.newBuilder(URI.create(root + path + q))
        .header("Authorization", "Bearer " + token)
        .header("Accept", "application/json, application/yaml, application/x-ndjson");
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }

  private <T> T send(HttpRequest.Builder request, HttpResponse.BodyHandler<T> handler) {
    HttpResponse<T> response;
    try {
      response = http.send(request.build(), handler);
    } catch (ConnectException | HttpConnectTimeoutException e) {
      throw new Failure(0, "cannot connect to the server at " + base + " (" + reason(e) + ")");
    } catch (SSLException e) {
      throw new Failure(0, "TLS with " + base + " failed (" + reason(e) + "); the server's certificate must be"
          + " trusted by the JDK's trust store");
    } catch (IOException e) {
      throw new Failure(0, "the server at " + base + " did not answer (" + reason(e) + ")");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Failure(0, "interrupted");
    }
    int status = response.statusCode();
    if (status >= 200 && status < 300) {
      return response.body();
    }
    String error = error(response.body());
    switch (status) {
      case 401 -> throw new Failure(status, "the server refused the token (expired, revoked or wrong)");
      case 403 -> throw new Failure(status, error == null ? "forbidden" : error);
      default -> throw new Failure(status, error == null ? "the server answered " + status : error);
    }
  }

  private static String reason(Exception e) {
    return e.getMessage() == null || e.getMessage().isBlank() ? e.getClass().getSimpleName() : e.getMessage();
  }

  /** The {@code error} of an error body, if it has one. */
  private static String error(Object body) {
    String text;
    try {
      text = body instanceof InputStream in ? new String(in.readNBytes(64 * 1024), StandardCharsets.UTF_8)
          : String.valueOf(body);
      if (body instanceof InputStream in) {
        in.close();
      }
    } catch (IOException e) {
      return null;
    }
    try {
      JsonNode error = Json.MAPPER.readTree(text).get("error");
      return error == null || !error.isString() ? null : error.asString();
    } catch (JacksonException e) {
      return null;
    }
  }

  private JsonNode json(String body) {
    try {
      return Json.MAPPER.readTree(body.isEmpty() ? "null" : body);
    } catch (JacksonException e) {
      throw new Failure(0, "the server at " + base + " did not answer with JSON (is it a Vigil server?)");
    }
  }
}
