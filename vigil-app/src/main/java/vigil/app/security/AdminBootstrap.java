package vigil.app.security;

import java.io.PrintStream;
import java.security.SecureRandom;
import java.time.Clock;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.annotation.Order;
import org.springframework.core.env.Environment;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import vigil.store.security.Accounts;
import vigil.store.security.Actor;
import vigil.store.security.Role;

/**
 * The first administrator, created when the store has no account at all: named by {@code
 * vigil.admin.username} / {@code VIGIL_ADMIN_USERNAME} (default "admin"), with the password from
 * {@code VIGIL_ADMIN_PASSWORD} if set (at least {@value Passwords#MIN_LENGTH} characters), else a
 * random one printed once on the console (never through the logger, never stored in clear).
 * There is no default password.
 */
@Component
@Order(0)
class AdminBootstrap implements ApplicationRunner {
  private static final String ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";

  private final Accounts accounts;
  private final PasswordEncoder encoder;
  private final Environment env;
  private final Clock clock;
  private final PrintStream console;

  AdminBootstrap(Accounts accounts, PasswordEncoder encoder, Environment env, Clock clock) {
    this.accounts = accounts;
    this.encoder = encoder;
    this.env = env;
    this.clock = clock;
    this.console = System.out;
  }

  @Override
  public void run(ApplicationArguments args) {
    if (accounts.count() > 0) {
      return;
    }
    String username = env.getProperty("vigil.admin.username", "admin");
    String given = env.getProperty("vigil.admin.password");
    String password = given == null || given.isBlank() ? generate() : given;
    Passwords.check(username, password);
    accounts.create(new Accounts.NewAccount(username, "Administrator", null, Role.ADMIN, encoder.encode(password),
        null, null, false), Actor.system("vigil:bootstrap"), clock.instant());
    if (given == null || given.isBlank()) {
      console.println();
      console.println("Vigil: created the first administrator '" + username + "' with this one-time password:");
      console.println();
      console.println("    " + password);
      console.println();
      console.println("It is shown only now. Sign in and change it (PUT /api/v1/me/password), or set");
      console.println("VIGIL_ADMIN_PASSWORD before the first start next time.");
      console.println();
      console.flush();
    }
  }

  private static String generate() {
    SecureRandom r = new SecureRandom();
    StringBuilder s = new StringBuilder();
    for (int i = 0; i < 24; i++) {
      s.append(ALPHABET.charAt(r.nextInt(ALPHABET.length())));
    }
    return s.toString();
  }
}
