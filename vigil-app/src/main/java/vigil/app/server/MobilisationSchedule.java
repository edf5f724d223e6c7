package vigil.app.server;

import java.time.Instant;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vigil.app.cli.MobilisationConfig;
import vigil.store.Database;
import vigil.store.mobilise.Outbox;
import vigil.store.mobilise.Slas;
import vigil.store.security.Secrets;

/**
 * The mobilisation pass (acceptance expiry, fix group tracking, notifications) every {@code
 * vigil.mobilisation.interval} (default PT15M), and outbox delivery every {@code
 * vigil.outbox.interval} (default PT30S). Settings file: {@code vigil.mobilisation.config} /
 * {@code VIGIL_MOBILISATION}, read for each run with its {@code secret:} references, so a secret
 * stored or replaced through the API applies without a restart.
 */
@Component
@EnableScheduling
class MobilisationSchedule {
  private final Database db;
  private final Slas slas;
  private final Secrets secrets;
  private final Outbox outbox;
  private final String settings;

  MobilisationSchedule(Database db, Slas slas, Secrets secrets, Environment env) {
    this.db = db;
    this.slas = slas;
    this.secrets = secrets;
    this.outbox = new Outbox(db);
    this.settings = env.getProperty("vigil.mobilisation.config");
  }

  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${vigil.mobilisation.interval:PT15M}")
  void pass() {
    MobilisationConfig.load(settings, secrets).cycle(db, slas).run(Instant.now());
  }

  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${vigil.outbox.interval:PT30S}")
  void deliver() {
    outbox.deliverDue(MobilisationConfig.load(settings, secrets).dispatcher(), Instant.now(), 100);
  }
}
