package vigil.app.server;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vigil.app.TestCorpus;
import vigil.app.TestServer;
import vigil.ingest.ScanFile;
import vigil.integrations.Secret;
import vigil.integrations.notify.WebhookSignature;
import vigil.store.Database;
import vigil.store.imports.FileImporter;
import vigil.store.security.AuditLog;
import vigil.store.security.Secrets;

/**
 * Every log event (a ListAppender on the root logger, attached once Spring has configured logging,
 * which resets logback) and everything written to stdout and stderr (where the server's console
 * appender also writes every event, from the start), while a server starts with an administrator password,
 * someone signs in wrongly then rightly, an API token is made and used, a secret is stored over the
 * API and used by a mobilisation pass against a loopback webhook, and a request fails with 500:
 * none of the passwords, the token, the secret's value or VIGIL_SECRET_KEY appears. (The one-time
 * password printed when no VIGIL_ADMIN_PASSWORD is set is the one intended exception; this server
 * has one set.)
 */
class SecretsNeverLoggedTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @Test
  void noPasswordTokenSecretOrKeyReachesTheLogsOrTheConsole() throws Exception {
    String key = Secrets.newKey();
    String wrongPassword = "wrong-" + UUID.randomUUID();
    String secretValue = "hook-signing-" + UUID.randomUUID();

    List<String> received = new CopyOnWriteArrayList<>();
    HttpServer hook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    WebhookSignature signature = new WebhookSignature(List.of(Secret.of(secretValue)), Duration.ofMinutes(5),
        Clock.systemUTC());
    hook.createContext("/hook", ex -> {
      byte[] body = ex.getRequestBody().readAllBytes();
      received.add(signature.verify(ex.getRequestHeaders().getFirst(WebhookSignature.TIMESTAMP_HEADER),
          ex.getRequestHeaders().getFirst(WebhookSignature.SIGNATURE_HEADER), body).name());
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    hook.start();
    Path home = Files.createTempDirectory("vigil-secrets-log-test");
    Path settings = home.resolve("mobilisation.properties");
    Files.writeString(settings, String.join("\n",
        "vigil.integrations.webhook.siem.url=http://127.0.0.1:" + hook.getAddress().getPort() + "/hook",
        "vigil.integrations.webhook.siem.secret=secret:siem-hook",
        "vigil.notify.sla.near_breach=webhook:siem",
        "vigil.notify.near-breach-within=3650d", ""));

    Captured captured = Captured.start();
    String tokenSecret;
    try (TestServer server = TestServer.start("--vigil.home=" + home, "--vigil.secret.key=" + key,
        "--vigil.mobilisation.config=" + settings)) {
      captured.attachLogs();
      HttpClient http = HttpClient.newHttpClient();
      HttpClient browser = HttpClient.newBuilder().cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL)).build();
      assertThat(send(browser, server.anonymous("/api/v1/session"), "POST",
          "{\"username\":\"admin\",\"password\":\"" + wrongPassword + "\"}").statusCode()).isEqualTo(401);
      assertThat(send(browser, server.anonymous("/api/v1/session"), "POST",
          "{\"username\":\"admin\",\"password\":\"" + TestServer.ADMIN_PASSWORD + "\"}").statusCode()).isEqualTo(200);

      HttpResponse<String> created = send(http, server.request("/api/v1/admin/tokens"), "POST",
          "{\"username\":\"admin\",\"name\":\"ops\",\"scopes\":[\"admin\",\"read\",\"write\"],\"days\":1}");
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
      tokenSecret = JSON.readTree(created.body()).get("token").asString();
      assertThat(http.send(server.as(tokenSecret, "/api/v1/assets").GET().build(),
          HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);

      Database db = server.context().getBean(Database.class);
      new FileImporter(db).importFile(ScanFile.of(TestCorpus.file("trivy/scheme_2_many_vulns.json")), null, "tester");
      HttpResponse<String> stored = send(http, server.as(tokenSecret, "/api/v1/admin/secrets/siem-hook"), "PUT",
          "{\"value\":\"" + secretValue + "\"}");
      assertThat(stored.statusCode()).as(stored.body()).isEqualTo(200);
      HttpResponse<String> listed = http.send(server.as(tokenSecret, "/api/v1/admin/secrets").GET().build(),
          HttpResponse.BodyHandlers.ofString());
      JsonNode items = JSON.readTree(listed.body()).get("items");
      assertThat(items.findValuesAsString("name")).containsExactly("siem-hook");
      assertThat(listed.body()).doesNotContain(secretValue);

      MobilisationSchedule schedule = server.context().getBean(MobilisationSchedule.class);
      schedule.pass();
      schedule.deliver();
      assertThat(received).as("the pass signed its webhooks with the stored secret").isNotEmpty().containsOnly("VALID");

      // A failure inside a request that carries the secret: the store lost its table.
      try (Connection c = db.connection(); Statement s = c.createStatement()) {
        s.execute("ALTER TABLE secret RENAME TO secret_moved");
      }
      HttpResponse<String> failed = send(http, server.as(tokenSecret, "/api/v1/admin/secrets/siem-hook"), "PUT",
          "{\"value\":\"" + secretValue + "\"}");
      assertThat(failed.statusCode()).isEqualTo(500);
      assertThat(failed.body()).doesNotContain(secretValue);
      try (Connection c = db.connection(); Statement s = c.createStatement()) {
        s.execute("ALTER TABLE secret_moved RENAME TO secret");
      }
      List<AuditLog.Event> audit = server.context().getBean(AuditLog.class)
          .find(new AuditLog.Query(null, null, null, "secret.", null, null, 0, 10));
      assertThat(audit).extracting(AuditLog.Event::action).containsExactly("secret.create");
      assertThat(audit.get(0).after()).doesNotContain(secretValue);
    } finally {
      hook.stop(0);
      captured.stop();
    }

    String logs = captured.logs();
    String console = captured.console();
    assertThat(logs).as("the capture works").contains("request failed");
    assertThat(console).as("the capture works").contains("Tomcat started on port");
    for (String needle : List.of(TestServer.ADMIN_PASSWORD, wrongPassword, tokenSecret, secretValue, key)) {
      assertThat(logs).doesNotContain(needle);
      assertThat(console).doesNotContain(needle);
    }
  }

  private static HttpResponse<String> send(HttpClient client, HttpRequest.Builder b, String method, String json)
      throws Exception {
    return client.send(b.header("Content-Type", "application/json")
        .method(method, HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  /** The standard streams from start(), root-logger events from attachLogs(), until stop(). */
  private static final class Captured {
    private final LoggerContext context = (LoggerContext) LoggerFactory.getILoggerFactory();
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final ByteArrayOutputStream streams = new ByteArrayOutputStream();
    private final PrintStream out = System.out;
    private final PrintStream err = System.err;

    static Captured start() {
      Captured c = new Captured();
      c.appender.setContext(c.context);
      System.setOut(new PrintStream(c.tee(c.out), true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(c.tee(c.err), true, StandardCharsets.UTF_8));
      return c;
    }

    void attachLogs() {
      appender.start();
      context.getLogger(Logger.ROOT_LOGGER_NAME).addAppender(appender);
    }

    private OutputStream tee(PrintStream original) {
      return new OutputStream() {
        @Override
        public void write(int b) {
          synchronized (streams) {
            streams.write(b);
          }
          original.write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) {
          synchronized (streams) {
            streams.write(b, off, len);
          }
          original.write(b, off, len);
        }
      };
    }

    void stop() {
      System.setOut(out);
      System.setErr(err);
      context.getLogger(Logger.ROOT_LOGGER_NAME).detachAppender(appender);
      appender.stop();
    }

    String console() {
      synchronized (streams) {
        return streams.toString(StandardCharsets.UTF_8);
      }
    }

    /** Every event as text: message, arguments, MDC, and each throwable's class, message and frames. */
    String logs() {
      StringBuilder s = new StringBuilder();
      for (ILoggingEvent e : List.copyOf(appender.list)) {
        s.append(e.getLoggerName()).append(' ').append(e.getFormattedMessage()).append(' ').append(e.getMDCPropertyMap());
        if (e.getArgumentArray() != null) {
          for (Object a : e.getArgumentArray()) {
            s.append(' ').append(a);
          }
        }
        for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
          s.append('\n').append(t.getClassName()).append(": ").append(t.getMessage());
          for (IThrowableProxy suppressed : t.getSuppressed()) {
            s.append('\n').append(suppressed.getClassName()).append(": ").append(suppressed.getMessage());
          }
        }
        s.append('\n');
      }
      return s.toString();
    }
  }
}
