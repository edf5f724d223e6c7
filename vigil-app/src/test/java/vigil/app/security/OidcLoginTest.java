package vigil.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;

import java.net.CookieManager;
import java.net.CookiePolicy;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vigil.oidcprovider.OpenIdProvider;
import vigil.app.TestServer;
import vigil.store.security.Accounts;
import vigil.store.security.Actor;

/**
 * Single sign-on through a real OpenID provider on loopback, driving the whole authorization-code
 * flow as a browser would: Vigil redirects to the provider, the user signs in there, the provider
 * redirects back with a code, Vigil redeems it and opens a session.
 */
class OidcLoginTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"");

  private static OpenIdProvider provider;
  private static TestServer vigil;

  @BeforeAll
  static void start() throws Exception {
    int port = freePort();
    // Vigil starts while its provider is still down: discovery waits for the first sign-in.
    vigil = TestServer.start(sso("http://127.0.0.1:" + port, "--vigil.oidc.roles.admin=vigil-admins",
        "--vigil.oidc.teams.payments=grp-payments"));
    provider = OpenIdProvider.start(port);
  }

  @AfterAll
  static void stop() {
    if (vigil != null) {
      vigil.close();
    }
    if (provider != null) {
      provider.close();
    }
  }

  @Test
  void aFirstSignInProvisionsAnSsoAccountWithTheDefaultRole() throws Exception {
    provider.directory().put("vic");
    Browser browser = new Browser(vigil);
    ListAppender<ILoggingEvent> logs = new ListAppender<>();
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    logs.start();
    root.addAppender(logs);

    HttpResponse<String> back;
    try {
      back = browser.signIn("vic");
    } finally {
      root.detachAppender(logs);
    }

    assertThat(back.statusCode()).isEqualTo(302);
    assertThat(back.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    JsonNode me = browser.me();
    assertThat(me.get("username").asString()).isEqualTo("vic");
    assertThat(me.get("role").asString()).isEqualTo("viewer");
    JsonNode account = user(vigil, "vic");
    assertThat(account.get("sso").asBoolean()).isTrue();
    assertThat(account.get("localPassword").asBoolean()).isFalse();
    assertThat(account.get("email").asString()).isEqualTo("vic@example.org");
    JsonNode logins = audit(vigil, "login.success", "vic");
    assertThat(logins.size()).isEqualTo(1);
    assertThat(logins.get(0).get("after").get("method").asString()).isEqualTo("oidc");
    assertThat(audit(vigil, "account.create", "sso").toString()).contains("\"vic\"");
    // Whatever the sign-in logged (discovery, the code exchange), the client secret is not in it.
    assertThat(logs.list).extracting(e -> e.getFormattedMessage() + (e.getThrowableProxy() == null ? ""
        : e.getThrowableProxy().getMessage())).noneMatch(m -> m.contains(OpenIdProvider.CLIENT_SECRET));
  }

  @Test
  void theProviderGroupsDecideTheRoleAndTeamsAtEverySignIn() throws Exception {
    provider.directory().put("ada", "vigil-admins", "grp-payments");
    Browser first = new Browser(vigil);
    first.signIn("ada");
    JsonNode me = first.me();
    assertThat(me.get("role").asString()).isEqualTo("admin");
    assertThat(me.get("teams").toString()).contains("payments");
    assertThat(first.get(vigil.base() + "/api/v1/admin/users").statusCode()).isEqualTo(200);

    // Removed from both groups at the provider: the next sign-in takes the role and the team away.
    provider.directory().put("ada");
    Browser second = new Browser(vigil);
    second.signIn("ada");
    me = second.me();
    assertThat(me.get("role").asString()).isEqualTo("viewer");
    assertThat(me.get("teams").size()).isZero();
    assertThat(second.get(vigil.base() + "/api/v1/admin/users").statusCode()).isEqualTo(403);
    assertThat(audit(vigil, "account.role", "sso").toString()).contains("ada");
    assertThat(audit(vigil, "team.member.remove", "sso").toString()).contains("ada");
    assertThat(audit(vigil, "login.success", "ada").size()).isEqualTo(2);
  }

  @Test
  void aDisabledAccountIsRefused() throws Exception {
    provider.directory().put("dana");
    new Browser(vigil).signIn("dana");
    vigil.context().getBean(Accounts.class).setDisabled("dana", true, Actor.system("test"), Instant.now());

    Browser browser = new Browser(vigil);
    HttpResponse<String> back = browser.signIn("dana");

    assertThat(back.statusCode()).isEqualTo(302);
    assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    assertThat(browser.get(vigil.base() + "/api/v1/me").statusCode()).isEqualTo(401);
    assertThat(audit(vigil, "login.failure", "dana").toString()).contains("account disabled");
  }

  @Test
  void withDefaultDenyOnlyUsersWhoseGroupsGiveARoleAreAdmitted() throws Exception {
    try (TestServer strict = TestServer.start(sso(provider.issuer(), "--vigil.oidc.default-role=deny",
        "--vigil.oidc.roles.analyst=vigil-analysts"))) {
      provider.directory().put("ulla", "some-other-group");
      Browser stranger = new Browser(strict);
      HttpResponse<String> refused = stranger.signIn("ulla");
      assertThat(refused.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
      assertThat(stranger.get(strict.base() + "/api/v1/me").statusCode()).isEqualTo(401);
      assertThat(strict.context().getBean(Accounts.class).find("ulla")).isEmpty();
      assertThat(audit(strict, "login.failure", "ulla").toString()).contains("no group of this user gives a Vigil role");

      provider.directory().put("anna", "vigil-analysts");
      Browser analyst = new Browser(strict);
      analyst.signIn("anna");
      assertThat(analyst.me().get("role").asString()).isEqualTo("analyst");
    }
  }

  @Test
  void whileTheProviderIsDownTheServerRunsAndSingleSignOnAnswersUnavailable() throws Exception {
    try (TestServer orphan = TestServer.start(sso("http://127.0.0.1:" + freePort()))) {
      assertThat(HTTP.send(orphan.anonymous("/api/v1/health").build(), HttpResponse.BodyHandlers.ofString())
          .statusCode()).isEqualTo(200);
      HttpResponse<String> start = new Browser(orphan).get(orphan.base() + OidcProvider.SIGN_IN_PATH);
      assertThat(start.statusCode()).isEqualTo(503);
      assertThat(start.body()).contains("identity provider cannot be reached");
      // Local accounts still sign in, and the sign-in page offers single sign-on.
      HttpResponse<String> session = HTTP.send(orphan.anonymous("/api/v1/session")
          .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
              "{\"username\":\"admin\",\"password\":\"" + TestServer.ADMIN_PASSWORD + "\"}")).build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(session.statusCode()).isEqualTo(200);
      assertThat(new Browser(orphan).get(orphan.base() + "/login").body()).contains(OidcProvider.SIGN_IN_PATH);
      assertThat(orphan.context().getBean(OidcSettings.class).toString()).doesNotContain(OpenIdProvider.CLIENT_SECRET);
    }
  }

  private static String[] sso(String issuer, String... more) {
    List<String> args = new ArrayList<>(List.of("--vigil.oidc.issuer=" + issuer,
        "--vigil.oidc.client-id=" + OpenIdProvider.CLIENT_ID,
        "--vigil.oidc.client-secret=" + OpenIdProvider.CLIENT_SECRET));
    args.addAll(List.of(more));
    return args.toArray(String[]::new);
  }

  private static int freePort() throws Exception {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  private static JsonNode user(TestServer server, String username) throws Exception {
    JsonNode users = JSON.readTree(HTTP.send(server.request("/api/v1/admin/users").build(),
        HttpResponse.BodyHandlers.ofString()).body()).get("items");
    for (JsonNode u : users) {
      if (u.get("username").asString().equals(username)) {
        return u;
      }
    }
    throw new AssertionError("no account " + username + " in " + users);
  }

  private static JsonNode audit(TestServer server, String action, String actor) throws Exception {
    return JSON.readTree(HTTP.send(server.request("/api/v1/admin/audit?action=" + action + "&actor=" + actor).build(),
        HttpResponse.BodyHandlers.ofString()).body()).get("items");
  }

  /** A browser: its own cookies, redirects followed one at a time. */
  private static final class Browser {
    private static final String ACCEPT = "text/html,*/*;q=0.8";
    private final TestServer server;
    private final HttpClient http = HttpClient.newBuilder()
        .cookieHandler(new CookieManager(null, CookiePolicy.ACCEPT_ALL))
        .followRedirects(HttpClient.Redirect.NEVER).build();

    Browser(TestServer server) {
      this.server = server;
    }

    HttpResponse<String> get(String url) throws Exception {
      return http.send(HttpRequest.newBuilder(URI.create(url)).header("Accept", ACCEPT).GET().build(),
          HttpResponse.BodyHandlers.ofString());
    }

    JsonNode me() throws Exception {
      HttpResponse<String> r = get(server.base() + "/api/v1/me");
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      return JSON.readTree(r.body());
    }

    /**
     * Starts single sign-on at Vigil, signs in at the provider's form, and follows the redirects
     * back; returns Vigil's answer to the provider's redirect (the end of the flow).
     */
    HttpResponse<String> signIn(String user) throws Exception {
      HttpResponse<String> r = get(server.base() + OidcProvider.SIGN_IN_PATH);
      for (int hop = 0; hop < 10; hop++) {
        if (r.statusCode() == 200 && r.body().contains("name=\"password\"")) {
          r = submitLogin(r, user);
          continue;
        }
        assertThat(r.statusCode()).as("%s: %s", r.uri(), r.body()).isEqualTo(302);
        URI next = r.uri().resolve(r.headers().firstValue("Location").orElseThrow());
        r = get(next.toString());
        if (next.toString().startsWith(server.base() + "/login/oauth2/code/")) {
          return r;
        }
      }
      throw new AssertionError("the sign-in did not come back to Vigil; last at " + r.uri());
    }

    private HttpResponse<String> submitLogin(HttpResponse<String> page, String user) throws Exception {
      Matcher csrf = CSRF.matcher(page.body());
      assertThat(csrf.find()).as(page.body()).isTrue();
      String form = "username=" + enc(user) + "&password=" + enc(OpenIdProvider.PASSWORD) + "&_csrf=" + enc(csrf.group(1));
      return http.send(HttpRequest.newBuilder(page.uri().resolve("/login"))
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String enc(String s) {
      return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }
  }
}
