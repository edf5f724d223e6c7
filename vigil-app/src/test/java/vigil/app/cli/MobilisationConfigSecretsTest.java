package vigil.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.integrations.Secret;
import vigil.integrations.delivery.Channel;
import vigil.store.Database;
import vigil.store.StoreConfig;
import vigil.store.security.Actor;
import vigil.store.security.Secrets;

/** {@code secret:NAME} values in the mobilisation settings, resolved from the encrypted store or refused clearly. */
class MobilisationConfigSecretsTest {
  private static final String VALUE = "s3cr3t-signing-key-value";
  private static final String KEY = "vigil.integrations.webhook.siem.secret";

  @TempDir Path dir;
  private Database db;
  private Path settings;

  @BeforeEach
  void open() throws Exception {
    db = Database.open(StoreConfig.embedded(dir.resolve("db")));
    settings = dir.resolve("mobilisation.properties");
    Files.writeString(settings, "vigil.integrations.webhook.siem.url=http://127.0.0.1:9/hook\n"
        + KEY + "=secret:siem-hook\nvigil.notify.fix.verified=webhook:siem\n");
  }

  @AfterEach
  void close() {
    db.close();
  }

  @Test
  void aSecretReferenceIsTheStoredValue() {
    Secrets secrets = new Secrets(db, Secrets.newKey());
    secrets.put("siem-hook", VALUE, Actor.system("test"), Instant.now());
    MobilisationConfig config = MobilisationConfig.load(settings.toString(), secrets);
    assertThat(config.targets().secrets(Channel.WEBHOOK, "siem")).contains(Secret.of(VALUE))
        .doesNotContain(Secret.of("secret:siem-hook"));
  }

  @Test
  void aReferenceWithoutTheKeyOrToAMissingSecretNamesTheSettingNotTheValue() {
    String key = Secrets.newKey();
    new Secrets(db, key).put("siem-hook", VALUE, Actor.system("test"), Instant.now());

    assertThatThrownBy(() -> MobilisationConfig.load(settings.toString(), new Secrets(db, null)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(KEY).hasMessageContaining("siem-hook")
        .hasMessageContaining(Secrets.KEY_VARIABLE + " is not set").hasMessageNotContaining(VALUE);
    assertThatThrownBy(() -> MobilisationConfig.load(settings.toString(), new Secrets(db, Secrets.newKey())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(KEY).hasMessageContaining("under key")
        .hasMessageNotContaining(VALUE).hasMessageNotContaining(key);
    assertThatThrownBy(() -> MobilisationConfig.load(settings.toString()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(KEY);

    new Secrets(db, key).delete("siem-hook", Actor.system("test"), Instant.now());
    assertThatThrownBy(() -> MobilisationConfig.load(settings.toString(), new Secrets(db, key)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining(KEY)
        .hasMessageContaining("secret 'siem-hook', which is not stored");
  }
}
