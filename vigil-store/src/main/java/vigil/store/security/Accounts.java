package vigil.store.security;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import vigil.store.Database;
import vigil.store.Sql;
import vigil.store.StoreException;

/**
 * Accounts, teams and grants, and what they add up to: an {@link Actor} with its permissions and
 * {@link Visibility}. Every change is written to the audit trail in the same transaction.
 */
public final class Accounts {
  /** Failed logins in a row before an account is locked. */
  public static final int LOCK_AFTER = 5;
  /** The first lock; each further failure while locked-out doubles it, up to {@link #MAX_LOCK}. */
  public static final Duration FIRST_LOCK = Duration.ofMinutes(1);
  public static final Duration MAX_LOCK = Duration.ofHours(1);

  private static final String COLUMNS = "id, username, display_name, email, role, password_hash, oidc_issuer,"
      + " oidc_subject, service_account, disabled, failed_logins, locked_until, created_at, last_login_at";

  private final Database db;
  private final AuditLog audit;

  public Accounts(Database db) {
    this.db = Objects.requireNonNull(db, "db");
    this.audit = new AuditLog(db);
  }

  /** A new account. */
  public record NewAccount(String username, String displayName, String email, Role role, String passwordHash,
      String oidcIssuer, String oidcSubject, boolean serviceAccount) {
    public NewAccount {
      if (username == null || !username.matches("[A-Za-z0-9][A-Za-z0-9._@+-]{0,127}")) {
        throw new IllegalArgumentException("a username is 1 to 128 letters, digits and . _ @ + -, not '" + username + "'");
      }
      Objects.requireNonNull(role, "role");
    }
  }

  public Account create(NewAccount a, Actor by, Instant now) {
    long id = db.ids().next();
    inTransaction(c -> {
      if (findBy(c, "LOWER(username) = ?", a.username().toLowerCase(Locale.ROOT)).isPresent()) {
        throw new IllegalArgumentException("an account named '" + a.username() + "' exists");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO app_user (" + COLUMNS
          + ") VALUES (?,?,?,?,?,?,?,?,?,FALSE,0,NULL,?,NULL)")) {
        ps.setLong(1, id);
        ps.setString(2, a.username());
        ps.setString(3, a.displayName());
        ps.setString(4, a.email());
        ps.setString(5, a.role().name());
        ps.setString(6, a.passwordHash());
        ps.setString(7, a.oidcIssuer());
        ps.setString(8, a.oidcSubject());
        ps.setBoolean(9, a.serviceAccount());
        Sql.setInstant(ps, 10, now);
        ps.executeUpdate();
      }
      Account created = findBy(c, "id = ?", id).orElseThrow();
      audit.record(c, AuditLog.Entry.of(by, "account.create", "account", a.username(), null, created.view()), now);
    });
    return find(id).orElseThrow();
  }

  public long count() {
    try (Connection c = db.connection(); PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM app_user");
        ResultSet rs = ps.executeQuery()) {
      rs.next();
      return rs.getLong(1);
    } catch (SQLException e) {
      throw new StoreException("counting accounts", e);
    }
  }

  public Optional<Account> find(long id) {
    return read(c -> findBy(c, "id = ?", id));
  }

  /** By username, case-insensitively. */
  public Optional<Account> find(String username) {
    if (username == null) {
      return Optional.empty();
    }
    return read(c -> findBy(c, "LOWER(username) = ?", username.toLowerCase(Locale.ROOT)));
  }

  public Optional<Account> findOidc(String issuer, String subject) {
    return read(c -> findBy(c, "oidc_issuer = ? AND oidc_subject = ?", issuer, subject));
  }

  public List<Account> list() {
    return read(c -> {
      List<Account> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM app_user ORDER BY username");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(account(rs));
        }
      }
      return out;
    });
  }

  public Account setRole(String username, Role role, Actor by, Instant now) {
    return update(username, "role = ?", role.name(), "account.role", by, now);
  }

  public Account setDisabled(String username, boolean disabled, Actor by, Instant now) {
    return update(username, "disabled = ?", disabled, disabled ? "account.disable" : "account.enable", by, now);
  }

  /** Sets a new password hash and clears any lock-out. */
  public Account setPasswordHash(String username, String hash, Actor by, Instant now) {
    return update(username, "password_hash = ?, failed_logins = 0, locked_until = NULL", hash, "account.password", by,
        now);
  }

  private Account update(String username, String set, Object value, String action, Actor by, Instant now) {
    Account before = find(username).orElseThrow(() -> new IllegalArgumentException("no account named '" + username + "'"));
    inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET " + set + " WHERE id = ?")) {
        ps.setObject(1, value);
        ps.setLong(2, before.id());
        ps.executeUpdate();
      }
      Account after = findBy(c, "id = ?", before.id()).orElseThrow();
      audit.record(c, AuditLog.Entry.of(by, action, "account", username, before.view(), after.view()), now);
    });
    return find(before.id()).orElseThrow();
  }

  /**
   * Records a failed login: after {@link #LOCK_AFTER} in a row the account is locked for {@link
   * #FIRST_LOCK}, doubling with each further failure up to {@link #MAX_LOCK}. The lock is in the
   * database, so it holds across nodes.
   */
  public void loginFailed(Account a, String source, Instant now) {
    int failures = a.failedLogins() + 1;
    Instant lockedUntil = null;
    if (failures >= LOCK_AFTER) {
      long factor = 1L << Math.min(20, failures - LOCK_AFTER);
      Duration lock = FIRST_LOCK.multipliedBy(factor);
      lockedUntil = now.plus(lock.compareTo(MAX_LOCK) > 0 ? MAX_LOCK : lock);
    }
    Instant until = lockedUntil;
    inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE app_user SET failed_logins = ?, locked_until = ? WHERE id = ?")) {
        ps.setInt(1, failures);
        Sql.setInstant(ps, 2, until);
        ps.setLong(3, a.id());
        ps.executeUpdate();
      }
      Map<String, Object> after = new LinkedHashMap<>();
      after.put("failedLogins", failures);
      after.put("lockedUntil", until);
      after.put("source", source);
      audit.record(c, AuditLog.Entry.of(a.username(), until == null ? "login.failure" : "login.lockout", "account",
          a.username(), null, after, source), now);
    });
  }

  /** Records a successful login: resets the failure count. */
  public void loginSucceeded(Account a, String method, String source, Instant now) {
    inTransaction(c -> {
      try (PreparedStatement ps = c.prepareStatement(
          "UPDATE app_user SET failed_logins = 0, locked_until = NULL, last_login_at = ? WHERE id = ?")) {
        Sql.setInstant(ps, 1, now);
        ps.setLong(2, a.id());
        ps.executeUpdate();
      }
      audit.record(c, AuditLog.Entry.of(a.username(), "login.success", "account", a.username(), null,
          Map.of("method", method), source), now);
    });
  }

  /**
   * The actor an account acts as: its role's permissions (narrowed to {@code scopes} when not
   * null) and the visibility of its teams' grants (everything for administrators; owners also see
   * the assets they own).
   */
  public Actor actor(Account a, Set<Permission> scopes, String via) {
    Set<Permission> permissions = a.role().permissions();
    if (scopes != null) {
      permissions.retainAll(scopes);
    }
    String name = via == null ? a.username() : a.username() + " via " + via;
    if (a.role() == Role.ADMIN) {
      return new Actor(a.id(), name, a.role(), permissions, Visibility.everything(), teamIds(a.id()));
    }
    Set<Long> teams = teamIds(a.id());
    Set<String> services = new TreeSet<>();
    read(c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT g.service FROM team_grant g JOIN team_member m"
          + " ON m.team_id = g.team_id WHERE m.user_id = ?")) {
        ps.setLong(1, a.id());
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            services.add(rs.getString(1));
          }
        }
      }
      return null;
    });
    Set<String> owners = new HashSet<>();
    if (a.role() == Role.OWNER) {
      owners.add(a.username());
      if (a.email() != null && !a.email().isBlank()) {
        owners.add(a.email());
      }
    }
    return new Actor(a.id(), name, a.role(), permissions, Visibility.of(services, owners), teams);
  }

  private Set<Long> teamIds(long userId) {
    return read(c -> {
      Set<Long> out = new TreeSet<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT team_id FROM team_member WHERE user_id = ?")) {
        ps.setLong(1, userId);
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(rs.getLong(1));
          }
        }
      }
      return out;
    });
  }

  // ---- teams

  /** A team with its members (usernames) and granted services. */
  public record Team(long id, String name, String description, List<String> members, List<String> services) {}

  public Team createTeam(String name, String description, Actor by, Instant now) {
    if (name == null || name.isBlank() || name.length() > 256) {
      throw new IllegalArgumentException("a team needs a name of 1 to 256 characters");
    }
    long id = db.ids().next();
    inTransaction(c -> {
      if (teamId(c, name).isPresent()) {
        throw new IllegalArgumentException("a team named '" + name + "' exists");
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO team (id, name, description, created_at) VALUES (?,?,?,?)")) {
        ps.setLong(1, id);
        ps.setString(2, name.trim());
        ps.setString(3, description);
        Sql.setInstant(ps, 4, now);
        ps.executeUpdate();
      }
      audit.record(c, AuditLog.Entry.of(by, "team.create", "team", name, null, Map.of("name", name)), now);
    });
    return team(name).orElseThrow();
  }

  public Team addMember(String team, String username, Actor by, Instant now) {
    return changeTeam(team, "team.member.add", username, (c, teamId) -> {
      Account a = findBy(c, "LOWER(username) = ?", username.toLowerCase(Locale.ROOT))
          .orElseThrow(() -> new IllegalArgumentException("no account named '" + username + "'"));
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM team_member WHERE team_id = ? AND user_id = ?")) {
        ps.setLong(1, teamId);
        ps.setLong(2, a.id());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO team_member (team_id, user_id) VALUES (?,?)")) {
        ps.setLong(1, teamId);
        ps.setLong(2, a.id());
        ps.executeUpdate();
      }
    }, by, now);
  }

  public Team removeMember(String team, String username, Actor by, Instant now) {
    return changeTeam(team, "team.member.remove", username, (c, teamId) -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM team_member WHERE team_id = ? AND user_id IN"
          + " (SELECT id FROM app_user WHERE LOWER(username) = ?)")) {
        ps.setLong(1, teamId);
        ps.setString(2, username.toLowerCase(Locale.ROOT));
        ps.executeUpdate();
      }
    }, by, now);
  }

  /** Grants a business service (by name; {@value Visibility#ALL_SERVICES} for everything) to a team. */
  public Team grant(String team, String service, Actor by, Instant now) {
    if (service == null || service.isBlank()) {
      throw new IllegalArgumentException("a grant names a business service (or * for all)");
    }
    return changeTeam(team, "team.grant", service, (c, teamId) -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM team_grant WHERE team_id = ? AND service = ?")) {
        ps.setLong(1, teamId);
        ps.setString(2, service.trim());
        ps.executeUpdate();
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO team_grant (team_id, service) VALUES (?,?)")) {
        ps.setLong(1, teamId);
        ps.setString(2, service.trim());
        ps.executeUpdate();
      }
    }, by, now);
  }

  public Team revoke(String team, String service, Actor by, Instant now) {
    return changeTeam(team, "team.revoke", service, (c, teamId) -> {
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM team_grant WHERE team_id = ? AND service = ?")) {
        ps.setLong(1, teamId);
        ps.setString(2, service);
        ps.executeUpdate();
      }
    }, by, now);
  }

  public Optional<Team> team(String name) {
    return teams().stream().filter(t -> t.name().equals(name)).findFirst();
  }

  public List<Team> teams() {
    return read(c -> {
      Map<Long, String[]> rows = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT id, name, description FROM team ORDER BY name");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          rows.put(rs.getLong(1), new String[] {rs.getString(2), rs.getString(3)});
        }
      }
      Map<Long, List<String>> members = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT m.team_id, u.username FROM team_member m"
          + " JOIN app_user u ON u.id = m.user_id ORDER BY u.username"); ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          members.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
      Map<Long, List<String>> grants = new LinkedHashMap<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT team_id, service FROM team_grant ORDER BY service");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          grants.computeIfAbsent(rs.getLong(1), k -> new ArrayList<>()).add(rs.getString(2));
        }
      }
      List<Team> out = new ArrayList<>();
      rows.forEach((id, r) -> out.add(new Team(id, r[0], r[1], members.getOrDefault(id, List.of()),
          grants.getOrDefault(id, List.of()))));
      return out;
    });
  }

  private interface TeamChange {
    void apply(Connection c, long teamId) throws SQLException;
  }

  private Team changeTeam(String team, String action, String subject, TeamChange change, Actor by, Instant now) {
    Team before = team(team).orElseThrow(() -> new IllegalArgumentException("no team named '" + team + "'"));
    inTransaction(c -> {
      change.apply(c, before.id());
      Team after = readTeam(c, before.id());
      audit.record(c, AuditLog.Entry.of(by, action, "team", team, teamView(before), teamView(after)), now);
    });
    return team(team).orElseThrow();
  }

  private Team readTeam(Connection c, long id) throws SQLException {
    // Within the transaction: the audit's after-state must be what is about to be committed.
    String name;
    String description;
    try (PreparedStatement ps = c.prepareStatement("SELECT name, description FROM team WHERE id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        rs.next();
        name = rs.getString(1);
        description = rs.getString(2);
      }
    }
    List<String> members = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT u.username FROM team_member m JOIN app_user u"
        + " ON u.id = m.user_id WHERE m.team_id = ? ORDER BY u.username")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          members.add(rs.getString(1));
        }
      }
    }
    List<String> services = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT service FROM team_grant WHERE team_id = ? ORDER BY service")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          services.add(rs.getString(1));
        }
      }
    }
    return new Team(id, name, description, members, services);
  }

  private static Map<String, Object> teamView(Team t) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("name", t.name());
    m.put("members", t.members());
    m.put("services", t.services());
    return m;
  }

  private static Optional<Long> teamId(Connection c, String name) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT id FROM team WHERE name = ?")) {
      ps.setString(1, name);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(rs.getLong(1)) : Optional.empty();
      }
    }
  }

  // ---- plumbing

  private static Optional<Account> findBy(Connection c, String where, Object... args) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM app_user WHERE " + where)) {
      for (int i = 0; i < args.length; i++) {
        ps.setObject(i + 1, args[i]);
      }
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(account(rs)) : Optional.empty();
      }
    }
  }

  private static Account account(ResultSet rs) throws SQLException {
    return new Account(rs.getLong(1), rs.getString(2), rs.getString(3), rs.getString(4), Role.valueOf(rs.getString(5)),
        rs.getString(6), rs.getString(7), rs.getString(8), rs.getBoolean(9), rs.getBoolean(10), rs.getInt(11),
        Sql.instant(rs.getObject(12)), Sql.instant(rs.getObject(13)), Sql.instant(rs.getObject(14)));
  }

  private <T> T read(Database.Read<T> work) {
    return db.read("reading accounts", work);
  }

  private void inTransaction(Database.Work work) {
    db.inTransaction("changing accounts", work);
  }
}
