package vigil.app.security;

import java.util.Locale;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * The password policy for local accounts (length over composition rules, NIST SP 800-63B) and
 * the one way they are hashed, shared by the server and the local command line.
 */
public final class Passwords {
  public static final int MIN_LENGTH = 12;
  public static final int MAX_LENGTH = 256;

  private Passwords() {}

  /** Argon2id with Spring Security's current defaults (16 MiB, 2 iterations, parallelism 1). */
  public static PasswordEncoder encoder() {
    return Argon2PasswordEncoder.defaultsForSpringSecurity_v5_8();
  }

  /** Throws IllegalArgumentException saying what is wrong with a new password. */
  public static void check(String username, String password) {
    if (password == null || password.length() < MIN_LENGTH) {
      throw new IllegalArgumentException("a password has at least " + MIN_LENGTH + " characters");
    }
    if (password.length() > MAX_LENGTH) {
      throw new IllegalArgumentException("a password has at most " + MAX_LENGTH + " characters");
    }
    if (username != null && password.toLowerCase(Locale.ROOT).contains(username.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("a password must not contain the username");
    }
    if (password.chars().distinct().count() < 5) {
      throw new IllegalArgumentException("a password needs at least 5 different characters");
    }
  }
}
