package vigil.integrations.testing;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server on 127.0.0.1 for tests: records every request and answers through a handler.
 * A handler that throws answers 500 and the error is kept, so a test can fail on it.
 */
public final class LoopbackServer implements AutoCloseable {

  /** A request as the server received it. */
  public record Request(String method, String path, String query, Headers headers, byte[] bytes) {
    public String body() {
      return new String(bytes, StandardCharsets.UTF_8);
    }

    public String header(String name) {
      return headers.getFirst(name);
    }
  }

  /** An answer. */
  public record Reply(int status, Map<String, String> headers, String body) {
    public static Reply json(int status, String body) {
      return new Reply(status, Map.of("Content-Type", "application/json;charset=UTF-8"), body);
    }

    public static Reply text(int status, String body) {
      return new Reply(status, Map.of("Content-Type", "text/plain; charset=utf-8"), body);
    }

    public static Reply empty(int status) {
      return new Reply(status, Map.of(), "");
    }
  }

  /** Answers one request. */
  public interface Handler {
    Reply handle(Request request) throws Exception;
  }

  private final HttpServer server;
  private final List<Request> requests = new CopyOnWriteArrayList<>();
  private final List<Throwable> errors = new CopyOnWriteArrayList<>();

  private LoopbackServer(HttpServer server) {
    this.server = server;
  }

  /** Starts on a free port. */
  public static LoopbackServer start(Handler handler) {
    return start(0, handler);
  }

  /** Starts on {@code port} (0 for any free one). */
  public static LoopbackServer start(int port, Handler handler) {
    try {
      HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
      LoopbackServer s = new LoopbackServer(server);
      server.createContext("/", exchange -> s.serve(exchange, handler));
      server.start();
      return s;
    } catch (IOException e) {
      throw new IllegalStateException("cannot start a loopback server on port " + port, e);
    }
  }

  /** A port that nothing listens on right now (bound once, then released). */
  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public int port() {
    return server.getAddress().getPort();
  }

  public URI uri(String path) {
    return URI.create("http://127.0.0.1:" + port() + path);
  }

  public List<Request> requests() {
    if (!errors.isEmpty()) {
      throw new AssertionError("the loopback server's handler failed", errors.get(0));
    }
    return new ArrayList<>(requests);
  }

  public Request last() {
    List<Request> all = requests();
    if (all.isEmpty()) {
      throw new AssertionError("no request reached the server");
    }
    return all.get(all.size() - 1);
  }

  @Override
  public void close() {
    server.stop(0);
  }

  private void serve(HttpExchange exchange, Handler handler) throws IOException {
    try (exchange) {
      URI uri = exchange.getRequestURI();
      Request request = new Request(exchange.getRequestMethod(), uri.getRawPath(), uri.getRawQuery(),
          exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes());
      requests.add(request);
      Reply reply;
      try {
        reply = handler.handle(request);
      } catch (Exception | AssertionError e) {
        errors.add(e);
        reply = Reply.text(500, "test handler failed: " + e);
      }
      reply.headers().forEach((k, v) -> exchange.getResponseHeaders().add(k, v));
      byte[] body = reply.body().getBytes(StandardCharsets.UTF_8);
      boolean noBody = reply.status() == 204 || body.length == 0;
      exchange.sendResponseHeaders(reply.status(), noBody ? -1 : body.length);
      if (!noBody) {
        try (OutputStream out = exchange.getResponseBody()) {
          out.write(body);
        }
      }
    }
  }
}
