package vigil.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.HttpCookie;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vigil.app.TestServer;
import vigil.store.security.ApiTokens;
import vigil.store.security.AuditLog;
import vigil.store.security.Role;

/** Sign-in, sessions with CSRF, throttling, tokens and roles, over real HTTP. */
class AuthenticationTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static TestServer server;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void withoutCredentialsOnlyHealthAndTheApiDescriptionAnswer() throws Exception {
    assertThat(send(server.anonymous("/api/v1/health")).statusCode()).isEqualTo(200);
    assertThat(send(server.anonymous("/api/openapi.json")).statusCode()).isEqualTo(200);
    for (String path : new String[] {"/api/v1/assets", "/api/v1/exposures", "/api/v1/imports", "/api/v1/fixes",
        "/api/v1/admin/users", "/api/v1/me", "/api/v1/graph/paths"}) {
      HttpResponse<String> r = send(server.anonymous(path));
      assertThat(r.statusCode()).as(path).isEqualTo(401);
      assertThat(r.body()).contains("authentication required");
    }
    assertThat(send(server.as("vgl_1_not-a-real-secret", "/api/v1/assets")).statusCode()).isEqualTo(401);
    assertThat(send(server.as("garbage", "/api/v1/assets")).statusCode()).isEqualTo(401);
  }

  @Test
  void aSessionSignInNeedsTheCsrfTokenForChanges() throws Exception {
    CookieManager cookies = new CookieManager(null, CookiePolicy.ACCEPT_ALL);
    HttpClient browser = HttpClient.newBuilder().cookieHandler(cookies).build();
    HttpResponse<String> bad = browser.send(server.anonymous("/api/v1/session").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"wrong password!\"}")).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(bad.statusCode()).isEqualTo(401);
    assertThat(bad.body()).contains("bad credentials");

    HttpResponse<String> ok = browser.send(server.anonymous("/api/v1/session").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"admin\",\"password\":\"" + TestServer.ADMIN_PASSWORD
            + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    assertThat(ok.headers().allValues("Set-Cookie").toString()).contains("VIGIL_SESSION").contains("HttpOnly");

    HttpResponse<String> me = browser.send(server.anonymous("/api/v1/me").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(me.body()).get("role").asString()).isEqualTo("admin");

    // A change through the session without the CSRF header is refused; with it, accepted.
    String newTeam = "{\"name\":\"csrf-team\"}";
    HttpResponse<String> forged = browser.send(server.anonymous("/api/v1/admin/teams").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(newTeam)).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(403);
    String csrf = cookies.getCookieStore().get(URI.create(server.base())).stream()
        .filter(c -> c.getName().equals("XSRF-TOKEN")).map(HttpCookie::getValue).findFirst().orElseThrow();
    HttpResponse<String> real = browser.send(server.anonymous("/api/v1/admin/teams").header("Content-Type", "application/json")
        .header("X-XSRF-TOKEN", csrf).POST(HttpRequest.BodyPublishers.ofString(newTeam)).build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(real.statusCode()).as(real.body()).isEqualTo(201);

    browser.send(server.anonymous("/api/v1/session").header("X-XSRF-TOKEN", csrf).DELETE().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(browser.send(server.anonymous("/api/v1/me").GET().build(), HttpResponse.BodyHandlers.ofString()).statusCode())
        .isEqualTo(401);
  }

  @Test
  void repeatedFailuresLockTheAccountEvenForTheRightPassword() throws Exception {
    String admin = server.token("lockme-admin", Role.ADMIN);
    HttpResponse<String> created = send(server.as(admin, "/api/v1/admin/users").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"frank\",\"role\":\"viewer\",\"password\":\"a long enough passphrase\"}")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.body()).doesNotContain("passphrase").doesNotContain("argon2");
    HttpResponse<String> linked = send(server.as(admin, "/api/v1/admin/users").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"gina\",\"role\":\"analyst\","
            + "\"oidcIssuer\":\"https://idp.example.org\",\"oidcSubject\":\"248289761001\"}")));
    assertThat(linked.statusCode()).as(linked.body()).isEqualTo(201);
    assertThat(JSON.readTree(linked.body()).get("sso").asBoolean()).isTrue();
    HttpResponse<String> half = send(server.as(admin, "/api/v1/admin/users").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"hal\",\"role\":\"viewer\",\"oidcSubject\":\"1\"}")));
    assertThat(half.statusCode()).isEqualTo(400);
    for (int i = 0; i < 5; i++) {
      assertThat(signIn("frank", "not the password").statusCode()).isEqualTo(401);
    }
    HttpResponse<String> locked = signIn("frank", "a long enough passphrase");
    assertThat(locked.statusCode()).isEqualTo(401);
    assertThat(locked.body()).contains("locked");
    JsonNode audit = JSON.readTree(send(server.request("/api/v1/admin/audit?action=login.&actor=frank")).body());
    assertThat(audit.get("items").toString()).contains("login.lockout");
  }

  private static HttpResponse<String> signIn(String user, String password) throws Exception {
    return send(server.anonymous("/api/v1/session").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"" + user + "\",\"password\":\"" + password + "\"}")));
  }

  @Test
  void rolesAndTokenScopesDecideWhatEachEndpointAllows() throws Exception {
    String viewer = server.token("vera", Role.VIEWER);
    String analystRead = server.token("andy", Role.ANALYST, ApiTokens.Scope.READ);
    String analyst = server.token("andy", Role.ANALYST, ApiTokens.Scope.WRITE);
    String owner = server.token("otto", Role.OWNER);

    assertThat(send(server.as(viewer, "/api/v1/exposures")).statusCode()).isEqualTo(200);
    assertThat(post(viewer, "/api/v1/mobilise?delivery=false").statusCode()).isEqualTo(403);
    assertThat(post(analystRead, "/api/v1/mobilise?delivery=false").statusCode()).isEqualTo(403);
    assertThat(post(analyst, "/api/v1/mobilise?delivery=false").statusCode()).isEqualTo(200);
    assertThat(post(owner, "/api/v1/mobilise?delivery=false").statusCode()).isEqualTo(403);
    for (String t : new String[] {viewer, analyst, owner}) {
      assertThat(send(server.as(t, "/api/v1/admin/users")).statusCode()).isEqualTo(403);
      assertThat(send(server.as(t, "/api/v1/scope")).statusCode()).isEqualTo(403);
      assertThat(send(server.as(t, "/api/v1/me")).statusCode()).isEqualTo(200);
    }
    assertThat(send(server.request("/api/v1/admin/users")).statusCode()).isEqualTo(200);
  }

  private static HttpResponse<String> post(String token, String path) throws Exception {
    return send(server.as(token, path).POST(HttpRequest.BodyPublishers.noBody()));
  }

  @Test
  void aTokenIsShownOnceAndStopsWorkingWhenRevoked() throws Exception {
    String analyst = server.token("tina", Role.ANALYST);
    HttpResponse<String> created = send(server.as(analyst, "/api/v1/me/tokens").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"laptop\",\"scopes\":[\"read\"],\"days\":7}")));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    JsonNode t = JSON.readTree(created.body());
    String secret = t.get("token").asString();
    assertThat(send(server.as(secret, "/api/v1/assets")).statusCode()).isEqualTo(200);
    // The read token cannot mint itself a stronger one.
    HttpResponse<String> escalate = send(server.as(secret, "/api/v1/me/tokens").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"more\",\"scopes\":[\"write\"]}")));
    assertThat(escalate.statusCode()).isEqualTo(403);
    HttpResponse<String> listed = send(server.as(analyst, "/api/v1/me/tokens"));
    assertThat(listed.body()).contains("laptop").doesNotContain(secret.substring(secret.lastIndexOf('_') + 1));
    assertThat(send(server.as(analyst, "/api/v1/me/tokens/" + t.get("id").asLong()).DELETE()).statusCode()).isEqualTo(200);
    assertThat(send(server.as(secret, "/api/v1/assets")).statusCode()).isEqualTo(401);
    // Revocations are in the audit trail, and the trail's chain is intact.
    assertThat(server.context().getBean(AuditLog.class).find(AuditLog.Query.first(1000)))
        .extracting(AuditLog.Event::action).contains("token.create", "token.revoke");
    assertThat(JSON.readTree(send(server.request("/api/v1/admin/audit/verify")).body()).get("intact").asBoolean()).isTrue();
  }
}
