package vigil.app.security;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;
import vigil.store.Database;
import vigil.store.security.Secrets;

/**
 * The integration credentials' store, keyed by {@code vigil.secret.key} / {@code
 * VIGIL_SECRET_KEY}. Without a key the server still starts (secrets are optional), and says once
 * when stored secrets cannot be read.
 */
@Configuration
class SecretsConfig {
  private static final Logger LOG = LoggerFactory.getLogger(SecretsConfig.class);

  @Bean
  Secrets secrets(Database db, Environment env) {
    Secrets secrets = new Secrets(db, env.getProperty("vigil.secret.key"));
    if (!secrets.configured()) {
      int stored = secrets.list().size();
      if (stored > 0) {
        LOG.warn("{} secret(s) are stored but {} is not set: integration settings that reference them"
            + " (secret:NAME) fail until it is", stored, Secrets.KEY_VARIABLE);
      }
    }
    return secrets;
  }
}
