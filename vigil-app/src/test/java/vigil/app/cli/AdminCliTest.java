package vigil.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.app.cli.CliTest.vigil;
import static vigil.app.cli.RemoteCliTest.withStdin;

import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.app.TestServer;
import vigil.app.cli.CliTest.Run;
import vigil.app.security.Passwords;
import vigil.store.Database;
import vigil.store.StoreConfig;
import vigil.store.security.Account;
import vigil.store.security.Accounts;

/** The local administration commands: accounts, teams, tokens, the audit trail, secrets. */
class AdminCliTest {
  private static final String OPERATOR = "cli:" + System.getProperty("user.name");

  @TempDir Path home;

  @BeforeEach
  void useTemporaryHome() {
    System.setProperty("vigil.home", home.toString());
  }

  @AfterEach
  void clearHome() {
    System.clearProperty("vigil.home");
  }

  @Test
  void anOperatorCreatesAUserATeamAGrantAndATokenShownOnce() {
    Run added = withStdin("a long enough passphrase\n",
        () -> vigil("users", "add", "alice", "--role", "analyst", "--email", "alice@example.org", "--password-stdin",
            "--json"));
    assertThat(added.code()).as(added.err()).isZero();
    JsonNode alice = added.lines().get(0);
    assertThat(alice.get("role").asString()).isEqualTo("analyst");
    assertThat(alice.get("localPassword").asBoolean()).isTrue();
    assertThat(alice.has("passwordHash")).isFalse();
    try (Database db = Database.open(StoreConfig.fromEnvironment())) {
      Account stored = new Accounts(db).find("alice").orElseThrow();
      assertThat(stored.passwordHash()).startsWith("$argon2id$");
      assertThat(Passwords.encoder().matches("a long enough passphrase", stored.passwordHash())).isTrue();
    }

    assertThat(vigil("teams", "add", "payments-team").code()).isZero();
    assertThat(vigil("teams", "add-member", "payments-team", "alice").code()).isZero();
    JsonNode team = vigil("teams", "grant", "payments-team", "payments", "--json").lines().get(0);
    assertThat(team.get("members").get(0).asString()).isEqualTo("alice");
    assertThat(team.get("services").get(0).asString()).isEqualTo("payments");
    assertThat(vigil("teams", "list").out()).contains("payments-team").contains("alice").contains("payments");

    Run created = vigil("tokens", "create", "--user", "alice", "--name", "ci-upload", "--scope", "read,write");
    assertThat(created.code()).as(created.err()).isZero();
    String secret = created.out().trim();
    assertThat(secret).startsWith("vgl_");
    assertThat(created.err()).contains("it is not shown again").doesNotContain(secret);

    Run listed = vigil("tokens", "list", "--user", "alice", "--json");
    JsonNode token = listed.lines().get(0).get("items").get(0);
    assertThat(token.get("name").asString()).isEqualTo("ci-upload");
    assertThat(token.get("scopes").toString()).isEqualTo("[\"read\",\"write\"]");
    assertThat(token.has("token")).isFalse();
    assertThat(listed.out()).doesNotContain(secret.substring(secret.lastIndexOf('_') + 1));

    JsonNode audit = vigil("audit", "--actor", OPERATOR, "--json").lines().get(0);
    assertThat(audit.get("items").valueStream().map(e -> e.get("action").asString()).toList())
        .containsSubsequence("account.create", "team.create", "team.member.add", "team.grant", "token.create");
  }

  @Test
  void aTokenCreatedLocallyWorksAgainstAServerOnTheSameStore() throws Exception {
    try (TestServer server = TestServer.start("--vigil.home=" + home)) {
      // The command line on the server's machine, while it runs (the embedded store allows both).
      assertThat(vigil("users", "add", "ci-bot", "--role", "admin", "--service-account").code()).isZero();
      String secret = vigil("tokens", "create", "--user", "ci-bot", "--name", "ci", "--scope", "read").out().trim();
      Run r = withStdin(secret + "\n", () -> vigil("--server", server.base(), "--token", "-", "users", "list"));
      // read scope: the admin endpoint is refused with the server's reason, the token itself is accepted.
      assertThat(r.code()).isEqualTo(1);
      assertThat(r.err()).startsWith("vigil: forbidden");
      Run assets = withStdin(secret + "\n", () -> vigil("--server", server.base(), "--token", "-", "assets", "--json"));
      assertThat(assets.code()).as(assets.err()).isZero();
      assertThat(assets.lines().get(0).get("total").asInt()).isZero();
    }
  }

  @Test
  void aWeakPasswordIsRefusedAndNoAccountCreated() {
    Run r = withStdin("short\n", () -> vigil("users", "add", "bob", "--role", "viewer", "--password-stdin"));
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).isEqualTo("vigil: a password has at least 12 characters\n");
    assertThat(vigil("users", "list", "--json").lines().get(0).get("total").asInt()).isZero();
  }

  @Test
  void roleChangesDisablingAndPasswordsAreAudited() {
    assertThat(vigil("users", "add", "dave", "--role", "viewer").code()).isZero();
    assertThat(vigil("users", "set-role", "dave", "owner", "--json").lines().get(0).get("role").asString())
        .isEqualTo("owner");
    assertThat(vigil("users", "disable", "dave", "--json").lines().get(0).get("disabled").asBoolean()).isTrue();
    assertThat(vigil("users", "enable", "dave", "--json").lines().get(0).get("disabled").asBoolean()).isFalse();
    Run p = withStdin("another fine passphrase\n", () -> vigil("users", "password", "dave", "--json"));
    assertThat(p.lines().get(0).get("localPassword").asBoolean()).isTrue();
    Run jsonl = vigil("audit", "--action", "account.", "--jsonl");
    assertThat(jsonl.lines()).extracting(e -> e.get("action").asString())
        .containsExactly("account.create", "account.role", "account.disable", "account.enable", "account.password");
  }

  @Test
  void auditVerifyPassesOnAnIntactTrailAndFailsOnATamperedOne() throws Exception {
    assertThat(vigil("teams", "add", "red").code()).isZero();
    assertThat(vigil("teams", "add", "green").code()).isZero();
    Run intact = vigil("audit", "verify");
    assertThat(intact.code()).isZero();
    assertThat(intact.out()).isEqualTo("audit trail intact: 2 events\n");

    Path export = home.resolve("audit.jsonl");
    assertThat(vigil("audit", "export", "--out", export.toString()).code()).isZero();
    assertThat(Files.readAllLines(export)).hasSize(2).allMatch(l -> l.startsWith("{\"seq\":"));

    // Someone with the database owner's rights drops the trigger and rewrites history.
    try (Connection c = DriverManager.getConnection(StoreConfig.fromEnvironment().url(), "sa", "");
        Statement s = c.createStatement()) {
      s.execute("DROP TRIGGER audit_event_no_update");
      s.executeUpdate("UPDATE audit_event SET actor = 'mallory' WHERE seq = 1");
    }
    Run broken = vigil("audit", "verify");
    assertThat(broken.code()).isEqualTo(1);
    assertThat(broken.out()).startsWith("audit trail BROKEN at event 1");
    JsonNode json = vigil("audit", "verify", "--json").lines().get(0);
    assertThat(json.get("intact").asBoolean()).isFalse();
    assertThat(json.get("firstBrokenSeq").asLong()).isEqualTo(1);
  }

  @Test
  void keygenPrintsA256BitKey() {
    Run r = vigil("secrets", "keygen");
    assertThat(r.code()).isZero();
    assertThat(Base64.getDecoder().decode(r.out().trim())).hasSize(32);
    assertThat(vigil("secrets", "list", "--json").lines().get(0).get("total").asInt()).isZero();
  }
}
