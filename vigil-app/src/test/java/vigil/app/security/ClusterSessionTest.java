package vigil.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import vigil.app.TestServer;

/**
 * Two nodes over one PostgreSQL database: a browser signed in on one node is signed in on the
 * other (sessions live in the database), and signing out on one ends it on both.
 */
class ClusterSessionTest {
  private static final String PG = System.getProperty("vigil.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/vigil_test");

  @Test
  void aSessionStartedOnOneNodeIsValidOnTheOther() throws Exception {
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(PG, "postgres", ""); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    String url = "--vigil.db.url=" + PG + "?currentSchema=" + schema;
    try (TestServer a = TestServer.start(url, "--vigil.db.user=postgres");
        TestServer b = TestServer.start(url, "--vigil.db.user=postgres")) {
      HttpClient http = HttpClient.newHttpClient();
      HttpResponse<String> signIn = http.send(a.anonymous("/api/v1/session").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + TestServer.ADMIN_PASSWORD
              + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
      assertThat(signIn.statusCode()).as(signIn.body()).isEqualTo(200);
      String cookie = signIn.headers().allValues("Set-Cookie").stream().filter(h -> h.startsWith("VIGIL_SESSION="))
          .map(h -> h.substring(0, h.indexOf(';'))).findFirst().orElseThrow();

      HttpResponse<String> onB = http.send(HttpRequest.newBuilder(URI.create(b.base() + "/api/v1/me"))
          .header("Cookie", cookie).GET().build(), HttpResponse.BodyHandlers.ofString());
      assertThat(onB.statusCode()).as(onB.body()).isEqualTo(200);
      assertThat(onB.body()).contains("\"admin\"");

      // Signing out needs the CSRF token, which node A handed out as a cookie; node B accepts it.
      String csrf = http.send(HttpRequest.newBuilder(URI.create(a.base() + "/api/v1/me")).header("Cookie", cookie).GET()
          .build(), HttpResponse.BodyHandlers.ofString()).headers().allValues("Set-Cookie").stream()
          .filter(h -> h.startsWith("XSRF-TOKEN=")).map(h -> h.substring("XSRF-TOKEN=".length(), h.indexOf(';')))
          .findFirst().orElse(null);
      HttpRequest.Builder out = HttpRequest.newBuilder(URI.create(b.base() + "/api/v1/session")).DELETE();
      out.header("Cookie", csrf == null ? cookie : cookie + "; XSRF-TOKEN=" + csrf);
      if (csrf != null) {
        out.header("X-XSRF-TOKEN", csrf);
      }
      assertThat(http.send(out.build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
      assertThat(http.send(HttpRequest.newBuilder(URI.create(a.base() + "/api/v1/me")).header("Cookie", cookie).GET()
          .build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(401);
    }
  }
}
