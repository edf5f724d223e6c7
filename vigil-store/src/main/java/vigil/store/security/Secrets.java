package vigil.store.security;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import vigil.store.Database;
import vigil.store.Sql;

/**
 * Integration credentials (ticketing and chat tokens, SMTP and webhook secrets) encrypted at rest
 * with AES-256-GCM under a key that never enters the database: {@code VIGIL_SECRET_KEY}, 32 bytes
 * in base64 ({@link #newKey()} makes one). Each value has its own random nonce and is bound to its
 * name (the name is the additional authenticated data), so a ciphertext copied to another name
 * does not decrypt. Values are never logged, listed or audited; the audit trail records that a
 * secret changed, not what it is.
 */
public final class Secrets {
  public static final String KEY_VARIABLE = "VIGIL_SECRET_KEY";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final Database db;
  private final SecretKeySpec key;
  private final String keyId;
  private final AuditLog audit;

  /** @param base64Key the key; null or blank when none is configured (then every use fails clearly) */
  public Secrets(Database db, String base64Key) {
    this.db = Objects.requireNonNull(db, "db");
    this.audit = new AuditLog(db);
    if (base64Key == null || base64Key.isBlank()) {
      this.key = null;
      this.keyId = null;
    } else {
      byte[] raw;
      try {
        raw = Base64.getDecoder().decode(base64Key.trim());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(KEY_VARIABLE + " is not base64 (make one with: vigil secrets keygen)");
      }
      if (raw.length != 32) {
        throw new IllegalArgumentException(KEY_VARIABLE + " must be 32 bytes (256 bits) in base64, not " + raw.length
            + " bytes (make one with: vigil secrets keygen)");
      }
      this.key = new SecretKeySpec(raw, "AES");
      this.keyId = keyId(raw);
    }
  }

  public static Secrets fromEnvironment(Database db) {
    return new Secrets(db, System.getenv(KEY_VARIABLE));
  }

  /** A new random key, base64. */
  public static String newKey() {
    byte[] raw = new byte[32];
    RANDOM.nextBytes(raw);
    return Base64.getEncoder().encodeToString(raw);
  }

  public boolean configured() {
    return key != null;
  }

  /** Stores (or replaces) a secret. */
  public void put(String name, String value, Actor by, Instant now) {
    requireKey();
    if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,127}")) {
      throw new IllegalArgumentException("a secret name is 1 to 128 letters, digits and . _ -, not '" + name + "'");
    }
    if (value == null || value.isEmpty()) {
      throw new IllegalArgumentException("secret '" + name + "' is empty");
    }
    byte[] nonce = new byte[12];
    RANDOM.nextBytes(nonce);
    String ciphertext = Base64.getEncoder().encodeToString(crypt(Cipher.ENCRYPT_MODE, nonce, name,
        value.getBytes(StandardCharsets.UTF_8)));
    db.inTransaction("storing a secret", c -> {
      boolean existed;
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM secret WHERE name = ?")) {
        ps.setString(1, name);
        existed = ps.executeUpdate() > 0;
      }
      try (PreparedStatement ps = c.prepareStatement("INSERT INTO secret (name, key_id, nonce, ciphertext, updated_at,"
          + " updated_by) VALUES (?,?,?,?,?,?)")) {
        ps.setString(1, name);
        ps.setString(2, keyId);
        ps.setString(3, Base64.getEncoder().encodeToString(nonce));
        ps.setString(4, ciphertext);
        Sql.setInstant(ps, 5, now);
        ps.setString(6, Sql.cut(by.name(), 256));
        ps.executeUpdate();
      }
      audit.record(c, AuditLog.Entry.of(by, existed ? "secret.update" : "secret.create", "secret", name, null,
          Map.of("keyId", keyId)), now);
    });
  }

  /** The plain value of a secret, if stored; fails if it was written under another key. */
  public Optional<String> get(String name) {
    requireKey();
    Optional<String[]> row = db.read("reading a secret", c -> {
      try (PreparedStatement ps = c.prepareStatement("SELECT key_id, nonce, ciphertext FROM secret WHERE name = ?")) {
        ps.setString(1, name);
        try (ResultSet rs = ps.executeQuery()) {
          return rs.next() ? Optional.of(new String[] {rs.getString(1), rs.getString(2), rs.getString(3)})
              : Optional.empty();
        }
      }
    });
    if (row.isEmpty()) {
      return Optional.empty();
    }
    String[] r = row.get();
    if (!r[0].equals(keyId)) {
      throw new IllegalStateException("secret '" + name + "' was encrypted under key " + r[0] + ", but "
          + KEY_VARIABLE + " is key " + keyId);
    }
    byte[] plain = crypt(Cipher.DECRYPT_MODE, Base64.getDecoder().decode(r[1]), name, Base64.getDecoder().decode(r[2]));
    return Optional.of(new String(plain, StandardCharsets.UTF_8));
  }

  public void delete(String name, Actor by, Instant now) {
    db.inTransaction("removing a secret", c -> {
      int n;
      try (PreparedStatement ps = c.prepareStatement("DELETE FROM secret WHERE name = ?")) {
        ps.setString(1, name);
        n = ps.executeUpdate();
      }
      if (n == 0) {
        throw new IllegalArgumentException("no secret named '" + name + "'");
      }
      audit.record(c, AuditLog.Entry.of(by, "secret.delete", "secret", name, null, null), now);
    });
  }

  /** Names, key ids and dates: never values. */
  public List<Map<String, Object>> list() {
    return db.read("listing secrets", c -> {
      List<Map<String, Object>> out = new ArrayList<>();
      try (PreparedStatement ps = c.prepareStatement("SELECT name, key_id, updated_at, updated_by FROM secret ORDER BY name");
          ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put("name", rs.getString(1));
          m.put("keyId", rs.getString(2));
          m.put("updatedAt", Sql.instant(rs.getObject(3)));
          m.put("updatedBy", rs.getString(4));
          out.add(m);
        }
      }
      return out;
    });
  }

  private void requireKey() {
    if (key == null) {
      throw new IllegalStateException("no encryption key for secrets: set " + KEY_VARIABLE
          + " (32 bytes, base64; make one with: vigil secrets keygen)");
    }
  }

  private byte[] crypt(int mode, byte[] nonce, String name, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, key, new GCMParameterSpec(128, nonce));
      cipher.updateAAD(name.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("secret '" + name + "' cannot be " + (mode == Cipher.ENCRYPT_MODE ? "encrypted"
          : "decrypted (altered, or another key)"), e);
    }
  }

  private static String keyId(byte[] raw) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(raw), 0, 8);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
