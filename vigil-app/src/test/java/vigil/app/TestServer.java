package vigil.app;

import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import org.springframework.context.ConfigurableApplicationContext;
import vigil.app.server.VigilServer;
import vigil.store.security.Account;
import vigil.store.security.Accounts;
import vigil.store.security.Actor;
import vigil.store.security.ApiTokens;
import vigil.store.security.Role;

/**
 * A real server on a loopback port over a fresh embedded store, with its bootstrapped
 * administrator and an admin API token for the tests' requests.
 */
public final class TestServer implements AutoCloseable {
  public static final String ADMIN_PASSWORD = "correct horse battery staple";

  private final ConfigurableApplicationContext context;
  private final String base;
  private final String adminToken;

  private TestServer(ConfigurableApplicationContext context) {
    this.context = context;
    this.base = "http://127.0.0.1:" + context.getEnvironment().getProperty("local.server.port");
    this.adminToken = token("admin", ApiTokens.Scope.ADMIN);
  }

  /** Starts a server (with a fresh home folder unless --vigil.home is given); extra arguments are Spring properties ("--name=value"). */
  public static TestServer start(String... args) throws Exception {
    List<String> all = new ArrayList<>(List.of("--server.port=0", "--vigil.admin.password=" + ADMIN_PASSWORD));
    if (List.of(args).stream().noneMatch(a -> a.startsWith("--vigil.home="))) {
      all.add("--vigil.home=" + Files.createTempDirectory("vigil-server-test"));
    }
    all.addAll(List.of(args));
    return new TestServer(VigilServer.start(all.toArray(String[]::new)));
  }

  public String base() {
    return base;
  }

  public ConfigurableApplicationContext context() {
    return context;
  }

  /** A request as the administrator (bearer token). */
  public HttpRequest.Builder request(String path) {
    return as(adminToken, path);
  }

  /** A request with a given bearer token. */
  public HttpRequest.Builder as(String token, String path) {
    return HttpRequest.newBuilder(URI.create(base + path)).header("Authorization", "Bearer " + token);
  }

  /** A request with no credentials. */
  public HttpRequest.Builder anonymous(String path) {
    return HttpRequest.newBuilder(URI.create(base + path));
  }

  /** Creates an account (if new) and returns a 30-day token for it with these scopes. */
  public String token(String username, Role role, ApiTokens.Scope... scopes) {
    Accounts accounts = context.getBean(Accounts.class);
    Account a = accounts.find(username).orElseGet(() -> accounts.create(new Accounts.NewAccount(username, null,
        username + "@example.org", role, null, null, null, false), Actor.system("test"), Instant.now()));
    return issue(a, scopes);
  }

  private String token(String username, ApiTokens.Scope... scopes) {
    return issue(context.getBean(Accounts.class).find(username).orElseThrow(), scopes);
  }

  private String issue(Account a, ApiTokens.Scope... scopes) {
    EnumSet<ApiTokens.Scope> set = scopes.length == 0 ? EnumSet.allOf(ApiTokens.Scope.class) : EnumSet.copyOf(List.of(scopes));
    return context.getBean(ApiTokens.class).issue(a, "test", set, Instant.now().plus(Duration.ofDays(30)),
        Actor.system("test"), Instant.now()).secret();
  }

  @Override
  public void close() {
    context.close();
  }
}
