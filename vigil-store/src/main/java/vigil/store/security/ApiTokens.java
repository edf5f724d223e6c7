package vigil.store.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HexFormat;
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

/**
 * API tokens for scripts, CI jobs and the command line against a remote server. A token is {@code
 * vgl_<id>_<secret>} with 256 random bits of secret (64 hex digits); it is shown once, at creation, and only the
 * SHA-256 of the secret is stored. A token has scopes (read, write, admin: they narrow, never
 * widen, its account's role), an expiry (at most a year) and can be revoked; it stops working when
 * its account is disabled.
 */
public final class ApiTokens {
  public static final String PREFIX = "vgl_";
  public static final Duration MAX_LIFETIME = Duration.ofDays(366);
  /** last_used_at is written at most this often per token, so reads do not turn into writes. */
  static final Duration TOUCH_EVERY = Duration.ofMinutes(1);

  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final AuditLog audit;

  public ApiTokens(Database db) {
    this.db = Objects.requireNonNull(db, "db");
    this.audit = new AuditLog(db);
  }

  /** A token's scope. */
  public enum Scope {
    READ(EnumSet.of(Permission.READ)),
    WRITE(EnumSet.of(Permission.READ, Permission.ACT, Permission.WRITE)),
    ADMIN(EnumSet.allOf(Permission.class));

    private final Set<Permission> permissions;

    Scope(Set<Permission> permissions) {
      this.permissions = permissions;
    }

    public static Scope parse(String s) {
      for (Scope v : values()) {
        if (v.name().equalsIgnoreCase(s.trim())) {
          return v;
        }
      }
      throw new IllegalArgumentException("unknown token scope '" + s + "'; one of read, write, admin");
    }

    public static Set<Permission> permissions(Set<Scope> scopes) {
      Set<Permission> out = EnumSet.noneOf(Permission.class);
      scopes.forEach(s -> out.addAll(s.permissions));
      return out;
    }
  }

  /** A token as listed: never its secret. */
  public record Token(long id, long userId, String username, String name, Set<Scope> scopes, Instant createdAt,
      String createdBy, Instant expiresAt, Instant lastUsedAt, Instant revokedAt) {
    public boolean activeAt(Instant now) {
      return revokedAt == null && expiresAt.isAfter(now);
    }

    public Map<String, Object> view(Instant now) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", id);
      m.put("username", username);
      m.put("name", name);
      m.put("scopes", scopes.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).sorted().toList());
      m.put("createdAt", createdAt);
      m.put("createdBy", createdBy);
      m.put("expiresAt", expiresAt);
      m.put("lastUsedAt", lastUsedAt);
      m.put("revokedAt", revokedAt);
      m.put("active", activeAt(now));
      return m;
    }
  }

  /** A newly issued token: {@code secret} is the only time the full token is available. */
  public record Issued(Token token, String secret) {}

  /**
   * Issues a token for an account. {@code by} must be the account itself or an administrator;
   * the caller checks which (see the API).
   */
  public Issued issue(Account owner, String name, Set<Scope> scopes, Instant expiresAt, Actor by, Instant now) {
    if (name == null || name.isBlank() || name.length() > 256) {
      throw new IllegalArgumentException("a token needs a name of 1 to 256 characters");
    }
    if (scopes.isEmpty()) {
      throw new IllegalArgumentException("a token needs at least one scope (read, write, admin)");
    }
    if (expiresAt == null || !expiresAt.isAfter(now) || expiresAt.isAfter(now.plus(MAX_LIFETIME))) {
      throw new IllegalArgumentException("a token expires in the future and within " + MAX_LIFETIME.toDays() + " days");
    }
    if (owner.disabled()) {
      throw new IllegalArgumentException("account '" + owner.username() + "' is disabled");
    }
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    // Hex: no '_' or '-' inside the secret, so the token splits unambiguously and selects with a double click.
    String secret = HexFormat.of().formatHex(raw);
    long id = db.ids().next();
    String scopeText = String.join(",", new TreeSet<>(scopes.stream().map(s -> s.name().toLowerCase(Locale.ROOT)).toList()));
    db.inTransaction("issuing a token", c -> {
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO api_token (id, user_id, name, secret_hash, scopes,"
          + " created_at, created_by, expires_at) VALUES (?,?,?,?,?,?,?,?)")) {
        ps.setLong(1, id);
        ps.setLong(2, owner.id());
        ps.setString(3, name.trim());
        ps.setString(4, sha256(secret));
        ps.setString(5, scopeText);
        Sql.setInstant(ps, 6, now);
        ps.setString(7, Sql.cut(by.name(), 256));
        Sql.setInstant(ps, 8, expiresAt);
        ps.executeUpdate();
      }
      audit.record(c, AuditLog.Entry.of(by, "token.create", "token", String.valueOf(id), null,
          find(c, id).orElseThrow().view(now)), now);
    });
    return new Issued(find(id).orElseThrow(), PREFIX + id + "_" + secret);
  }

  /** A token that authenticated: its account and scopes. */
  public record Grant(Token token, Account account) {}

  /**
   * The account behind a presented token, if the token is well-formed, known, matches, is not
   * revoked or expired, and its account is enabled. The comparison is constant-time.
   */
  public Optional<Grant> authenticate(String presented, Accounts accounts, Instant now) {
    if (presented == null || !presented.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String rest = presented.substring(PREFIX.length());
    int sep = rest.indexOf('_');
    if (sep < 1 || sep > 19) {
      return Optional.empty();
    }
    long id;
    try {
      id = Long.parseLong(rest.substring(0, sep));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
    String secret = rest.substring(sep + 1);
    // One read: the token with its hash. An unknown id is compared against a dummy, so it costs the same.
    Optional<Object[]> row = db.read("checking a token", c -> {
      try (PreparedStatement ps = c.prepareStatement(SELECT.replace("SELECT ", "SELECT t.secret_hash, ")
          + " WHERE t.id = ?")) {
        ps.setLong(1, id);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new Object[] {rs.getString(1), token(rs, 1)}) : Optional.empty();
        }
      }
    });
    String stored = row.map(r -> (String) r[0]).orElse(AuditLog.GENESIS);
    boolean match = MessageDigest.isEqual(stored.getBytes(StandardCharsets.US_ASCII),
        sha256(secret).getBytes(StandardCharsets.US_ASCII));
    if (row.isEmpty() || !match) {
      return Optional.empty();
    }
    Token t = (Token) row.get()[1];
    if (!t.activeAt(now)) {
      return Optional.empty();
    }
    Optional<Account> account = accounts.find(t.userId()).filter(a -> !a.disabled());
    if (account.isEmpty()) {
      return Optional.empty();
    }
    if (t.lastUsedAt() == null || t.lastUsedAt().plus(TOUCH_EVERY).isBefore(now)) {
      db.inTransaction("touching a token", c -> {
        try (PreparedStatement ps = c.prepareStatement("UPDATE api_token SET last_used_at = ? WHERE id = ?")) {
          Sql.setInstant(ps, 1, now);
          ps.setLong(2, id);
          ps.executeUpdate();
        }
      });
    }
    return Optional.of(new Grant(t, account.get()));
  }

  /** Revokes a token; revoking twice is refused. */
  public Token revoke(long id, Actor by, Instant now) {
    Token before = find(id).orElseThrow(() -> new IllegalArgumentException("no token " + id));
    if (before.revokedAt() != null) {
      throw new IllegalArgumentException("token " + id + " was revoked at " + before.revokedAt());
    }
    db.inTransaction("revoking a token", c -> {
      try (PreparedStatement ps = c.prepareStatement("UPDATE api_token SET revoked_at = ? WHERE id = ?")) {
        Sql.setInstant(ps, 1, now);
        ps.setLong(2, id);
        ps.executeUpdate();
      }
      audit.record(c, AuditLog.Entry.of(by, "token.revoke", "token", String.valueOf(id), before.view(now),
          find(c, id).orElseThrow().view(now)), now);
    });
    return find(id).orElseThrow();
  }

  public Optional<Token> find(long id) {
    return db.read("reading tokens", c -> find(c, id));
  }

  /** Every token, or one account's (userId &gt; 0). */
  public List<Token> list(long userId) {
    return db.read("reading tokens", c -> {
      List<Token> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement(SELECT + (userId > 0 ? " WHERE t.user_id = ?" : "")
          + " ORDER BY t.id")) {
        if (userId > 0) {
          ps.setLong(1, userId);
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.add(token(rs));
          }
        }
      }
      return out;
    });
  }

  private static final String SELECT = "SELECT t.id, t.user_id, u.username, t.name, t.scopes, t.created_at,"
      + " t.created_by, t.expires_at, t.last_used_at, t.revoked_at FROM api_token t JOIN app_user u ON u.id = t.user_id";

  private static Optional<Token> find(Connection c, long id) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SELECT + " WHERE t.id = ?")) {
      ps.setLong(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next() ? Optional.of(token(rs)) : Optional.empty();
      }
    }
  }

  private static Token token(ResultSet rs) throws SQLException {
    return token(rs, 0);
  }

  /** The token in the columns of {@link #SELECT}, after {@code skip} leading columns. */
  private static Token token(ResultSet rs, int skip) throws SQLException {
    Set<Scope> scopes = EnumSet.noneOf(Scope.class);
    for (String s : rs.getString(skip + 5).split(",")) {
      scopes.add(Scope.parse(s));
    }
    return new Token(rs.getLong(skip + 1), rs.getLong(skip + 2), rs.getString(skip + 3), rs.getString(skip + 4),
        scopes, Sql.instant(rs.getObject(skip + 6)), rs.getString(skip + 7), Sql.instant(rs.getObject(skip + 8)),
        Sql.instant(rs.getObject(skip + 9)), Sql.instant(rs.getObject(skip + 10)));
  }

  static String sha256(String s) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8)));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
