package vigil.store;

import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Map;
import java.util.Objects;

/**
 * Where the store lives. By default an H2 file under {@code $VIGIL_HOME} (else {@code ~/.vigil});
 * {@code VIGIL_DB_URL} (with {@code VIGIL_DB_USER} and {@code VIGIL_DB_PASSWORD}) points it at
 * PostgreSQL instead.
 */
public record StoreConfig(String url, String user, String password) {

  public StoreConfig {
    Objects.requireNonNull(url, "url");
    user = user == null ? "" : user;
    password = password == null ? "" : password;
  }

  /**
   * The store named by the environment, where the system properties {@code vigil.db.url}, {@code
   * vigil.db.user}, {@code vigil.db.password} and {@code vigil.home} take precedence over the
   * variables of the same meaning.
   */
  public static StoreConfig fromEnvironment() {
    Map<String, String> env = new java.util.HashMap<>(System.getenv());
    copyProperty("vigil.db.url", "VIGIL_DB_URL", env);
    copyProperty("vigil.db.user", "VIGIL_DB_USER", env);
    copyProperty("vigil.db.password", "VIGIL_DB_PASSWORD", env);
    copyProperty("vigil.home", "VIGIL_HOME", env);
    return fromEnvironment(env);
  }

  private static void copyProperty(String property, String variable, Map<String, String> env) {
    String value = System.getProperty(property);
    if (value != null) {
      env.put(variable, value);
    }
  }

  public static StoreConfig fromEnvironment(Map<String, String> env) {
    String url = env.get("VIGIL_DB_URL");
    if (url == null || url.isBlank()) {
      return embedded(home(env));
    }
    return new StoreConfig(url, env.get("VIGIL_DB_USER"), env.get("VIGIL_DB_PASSWORD"));
  }

  /** The Vigil home folder: {@code $VIGIL_HOME}, else {@code ~/.vigil}. */
  public static Path home(Map<String, String> env) {
    String home = env.get("VIGIL_HOME");
    if (home != null && !home.isBlank()) {
      return Paths.get(home);
    }
    return Paths.get(System.getProperty("user.home"), ".vigil");
  }

  /** An H2 database file in {@code dir}; AUTO_SERVER lets the CLI import while {@code vigil serve} runs. */
  public static StoreConfig embedded(Path dir) {
    String file = dir.toAbsolutePath().resolve("vigil").toString().replace('\\', '/');
    return new StoreConfig("jdbc:h2:file:" + file + ";AUTO_SERVER=TRUE", "sa", "");
  }

  public Dialect dialect() {
    return Dialect.of(url);
  }

  /** The URL with any password parameter removed, safe to print. */
  public String displayUrl() {
    return url.replaceAll("(?i)(password=)[^&;]*", "$1***");
  }
}
