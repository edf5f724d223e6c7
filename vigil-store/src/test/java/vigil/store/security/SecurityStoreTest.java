package vigil.store.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.store.Database;
import vigil.store.TestDatabases;

/** Accounts, teams, tokens, the audit trail and secrets, on H2 and PostgreSQL. */
class SecurityStoreTest {
  private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
  private static final Actor ROOT = Actor.system("tester");

  static List<String> engines() {
    return TestDatabases.engines();
  }

  private static Accounts.NewAccount user(String name, Role role) {
    return new Accounts.NewAccount(name, null, name + "@example.org", role, "hash", null, null, false);
  }

  @ParameterizedTest
  @MethodSource("engines")
  void anActorSeesTheServicesItsTeamsAreGrantedAndNothingWithoutATeam(String engine) {
    try (Database db = TestDatabases.open(engine)) {
      Accounts accounts = new Accounts(db);
      Account alice = accounts.create(user("alice", Role.ANALYST), ROOT, NOW);
      Account bob = accounts.create(user("bob", Role.VIEWER), ROOT, NOW);
      Account olga = accounts.create(user("olga", Role.OWNER), ROOT, NOW);
      Account root = accounts.create(user("root", Role.ADMIN), ROOT, NOW);
      accounts.createTeam("payments", "card processing", ROOT, NOW);
      accounts.grant("payments", "shop", ROOT, NOW);
      accounts.grant("payments", "billing", ROOT, NOW);
      accounts.addMember("payments", "alice", ROOT, NOW);

      Actor a = accounts.actor(alice, null, null);
      assertThat(a.visibility().services()).containsExactlyInAnyOrder("shop", "billing");
      assertThat(a.can(Permission.WRITE)).isTrue();
      assertThat(a.can(Permission.ADMIN)).isFalse();
      assertThat(accounts.actor(bob, null, null).visibility().nothing()).isTrue();
      assertThat(accounts.actor(olga, null, null).visibility().owners()).containsExactlyInAnyOrder("olga", "olga@example.org");
      assertThat(accounts.actor(root, null, null).visibility().all()).isTrue();
      // A token's scopes narrow the role: a read token of an analyst cannot write.
      Actor readOnly = accounts.actor(alice, ApiTokens.Scope.permissions(EnumSet.of(ApiTokens.Scope.READ)), "token ci");
      assertThat(readOnly.permissions()).containsExactly(Permission.READ);
      assertThat(readOnly.name()).isEqualTo("alice via token ci");
      // ... and never widen it.
      Actor viewerAdminToken = accounts.actor(bob, ApiTokens.Scope.permissions(EnumSet.of(ApiTokens.Scope.ADMIN)), "t");
      assertThat(viewerAdminToken.permissions()).containsExactly(Permission.READ);

      accounts.createTeam("everyone", null, ROOT, NOW);
      accounts.grant("everyone", Visibility.ALL_SERVICES, ROOT, NOW);
      accounts.addMember("everyone", "bob", ROOT, NOW);
      assertThat(accounts.actor(accounts.find("bob").orElseThrow(), null, null).visibility().all()).isTrue();

      assertThatThrownBy(() -> accounts.create(user("Alice", Role.VIEWER), ROOT, NOW))
          .hasMessageContaining("exists");
      assertThatThrownBy(() -> accounts.create(user("bad name", Role.VIEWER), ROOT, NOW))
          .hasMessageContaining("username");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void failedLoginsLockTheAccountForLongerEachTime(String engine) {
    try (Database db = TestDatabases.open(engine)) {
      Accounts accounts = new Accounts(db);
      accounts.create(user("carol", Role.VIEWER), ROOT, NOW);
      for (int i = 0; i < Accounts.LOCK_AFTER - 1; i++) {
        accounts.loginFailed(accounts.find("carol").orElseThrow(), "127.0.0.1", NOW);
      }
      assertThat(accounts.find("carol").orElseThrow().lockedAt(NOW)).isFalse();
      accounts.loginFailed(accounts.find("carol").orElseThrow(), "127.0.0.1", NOW);
      Account locked = accounts.find("carol").orElseThrow();
      assertThat(locked.lockedUntil()).isEqualTo(NOW.plus(Accounts.FIRST_LOCK));
      accounts.loginFailed(locked, "127.0.0.1", NOW);
      assertThat(accounts.find("carol").orElseThrow().lockedUntil()).isEqualTo(NOW.plus(Accounts.FIRST_LOCK.multipliedBy(2)));
      accounts.loginSucceeded(accounts.find("carol").orElseThrow(), "password", "127.0.0.1", NOW.plus(Duration.ofHours(2)));
      assertThat(accounts.find("carol").orElseThrow().failedLogins()).isZero();
      assertThat(new AuditLog(db).find(new AuditLog.Query(null, null, "carol", "login.", null, null, 0, 100)))
          .extracting(AuditLog.Event::action)
          .containsExactly("login.failure", "login.failure", "login.failure", "login.failure", "login.lockout",
              "login.lockout", "login.success");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void tokensAreShownOnceStoredHashedAndStopAtRevocationExpiryOrDisabledAccount(String engine) throws SQLException {
    try (Database db = TestDatabases.open(engine)) {
      Accounts accounts = new Accounts(db);
      ApiTokens tokens = new ApiTokens(db);
      Account dave = accounts.create(user("dave", Role.ANALYST), ROOT, NOW);
      ApiTokens.Issued issued = tokens.issue(dave, "ci upload", EnumSet.of(ApiTokens.Scope.WRITE),
          NOW.plus(Duration.ofDays(30)), ROOT, NOW);
      assertThat(issued.secret()).startsWith("vgl_" + issued.token().id() + "_");
      String secretPart = issued.secret().substring(issued.secret().lastIndexOf('_') + 1);
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM api_token WHERE secret_hash LIKE '%" + secretPart + "%'"))
          .isZero();

      assertThat(tokens.authenticate(issued.secret(), accounts, NOW)).get()
          .satisfies(g -> assertThat(g.account().username()).isEqualTo("dave"));
      assertThat(tokens.authenticate(issued.secret() + "x", accounts, NOW)).isEmpty();
      assertThat(tokens.authenticate("vgl_999_" + secretPart, accounts, NOW)).isEmpty();
      assertThat(tokens.authenticate("garbage", accounts, NOW)).isEmpty();
      assertThat(tokens.authenticate(issued.secret(), accounts, NOW.plus(Duration.ofDays(31)))).isEmpty();
      assertThat(tokens.find(issued.token().id()).orElseThrow().lastUsedAt()).isEqualTo(NOW);

      accounts.setDisabled("dave", true, ROOT, NOW);
      assertThat(tokens.authenticate(issued.secret(), accounts, NOW)).isEmpty();
      accounts.setDisabled("dave", false, ROOT, NOW);
      tokens.revoke(issued.token().id(), ROOT, NOW);
      assertThat(tokens.authenticate(issued.secret(), accounts, NOW)).isEmpty();
      assertThatThrownBy(() -> tokens.revoke(issued.token().id(), ROOT, NOW)).hasMessageContaining("was revoked");
      assertThatThrownBy(() -> tokens.issue(dave, "forever", EnumSet.of(ApiTokens.Scope.READ),
          NOW.plus(Duration.ofDays(400)), ROOT, NOW)).hasMessageContaining("within 366 days");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void theAuditTrailIsAppendOnlyAndItsChainShowsTampering(String engine) throws SQLException {
    try (Database db = TestDatabases.open(engine)) {
      Accounts accounts = new Accounts(db);
      accounts.create(user("erin", Role.VIEWER), ROOT, NOW);
      accounts.setRole("erin", Role.ANALYST, ROOT, NOW.plusSeconds(1));
      AuditLog audit = new AuditLog(db);
      List<AuditLog.Event> events = audit.find(AuditLog.Query.first(10));
      assertThat(events).extracting(AuditLog.Event::action).containsExactly("account.create", "account.role");
      AuditLog.Event role = events.get(1);
      assertThat(role.actor()).isEqualTo("tester");
      assertThat(role.before()).contains("\"role\":\"viewer\"");
      assertThat(role.after()).contains("\"role\":\"analyst\"");
      assertThat(audit.verify().intact()).isTrue();

      try (Connection c = db.connection(); Statement s = c.createStatement()) {
        assertThatThrownBy(() -> s.executeUpdate("UPDATE audit_event SET actor = 'mallory'"))
            .hasMessageContaining("append-only");
        assertThatThrownBy(() -> s.executeUpdate("DELETE FROM audit_event"))
            .hasMessageContaining("append-only");
        // Someone with the database owner's rights drops the trigger and rewrites history: the chain shows it.
        s.execute(engine.equals("h2") ? "DROP TRIGGER audit_event_no_update" : "DROP TRIGGER audit_event_append_only ON audit_event");
        s.executeUpdate("UPDATE audit_event SET actor = 'mallory' WHERE seq = 1");
      }
      AuditLog.Verification v = audit.verify();
      assertThat(v.intact()).isFalse();
      assertThat(v.firstBrokenSeq()).isEqualTo(1L);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void secretsAreEncryptedAtRestAndNeedTheirKey(String engine) {
    try (Database db = TestDatabases.open(engine)) {
      String key = Secrets.newKey();
      Secrets secrets = new Secrets(db, key);
      secrets.put("jira-token", "s3cr3t-jira-value", ROOT, NOW);
      assertThat(secrets.get("jira-token")).hasValue("s3cr3t-jira-value");
      assertThat(TestDatabases.scalar(db, "SELECT COUNT(*) FROM secret WHERE ciphertext LIKE '%s3cr3t%'")).isZero();
      assertThat(secrets.list()).extracting(m -> m.get("name")).containsExactly("jira-token");
      assertThat(secrets.list().toString()).doesNotContain("s3cr3t");
      assertThat(new AuditLog(db).find(AuditLog.Query.first(10)).toString()).doesNotContain("s3cr3t");

      assertThatThrownBy(() -> new Secrets(db, Secrets.newKey()).get("jira-token"))
          .hasMessageContaining("encrypted under key");
      assertThatThrownBy(() -> new Secrets(db, null).get("jira-token")).hasMessageContaining("VIGIL_SECRET_KEY");
      assertThatThrownBy(() -> new Secrets(db, "c2hvcnQ=")).hasMessageContaining("32 bytes");
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void visibilityBecomesAConditionOnAssets(String engine) {
    Visibility v = Visibility.of(Set.of("shop"), Set.of("olga"));
    List<Object> args = new java.util.ArrayList<>();
    assertThat(v.assetCondition("a.id", args)).contains("asset_service").contains("asset_scope");
    assertThat(args).containsExactly("shop", "olga");
    assertThat(Visibility.of(Set.of(), Set.of()).assetCondition("a.id", new java.util.ArrayList<>())).isEqualTo(" AND 1=0");
    assertThat(Visibility.everything().assetCondition("a.id", new java.util.ArrayList<>())).isEmpty();
  }
}
