package vigil.store.security;

import java.time.Instant;

/**
 * A person or a service account. The password hash is opaque here (the server hashes with
 * Argon2id); it is never part of any view or export.
 */
public record Account(long id, String username, String displayName, String email, Role role, String passwordHash,
    String oidcIssuer, String oidcSubject, boolean serviceAccount, boolean disabled, int failedLogins,
    Instant lockedUntil, Instant createdAt, Instant lastLoginAt) {

  /** Whether the account is locked out at {@code now} after too many failed logins. */
  public boolean lockedAt(Instant now) {
    return lockedUntil != null && lockedUntil.isAfter(now);
  }

  /** The account as shown by the API and CLI: no password hash. */
  public java.util.Map<String, Object> view() {
    java.util.Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("id", id);
    m.put("username", username);
    m.put("displayName", displayName);
    m.put("email", email);
    m.put("role", role.label());
    m.put("serviceAccount", serviceAccount);
    m.put("disabled", disabled);
    m.put("sso", oidcSubject != null);
    m.put("localPassword", passwordHash != null);
    m.put("createdAt", createdAt);
    m.put("lastLoginAt", lastLoginAt);
    return m;
  }
}
