package vigil.app.server;

import java.time.Instant;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vigil.app.cli.MobilisationConfig;
import vigil.store.Database;
import vigil.store.mobilise.MobilisationCycle;
import vigil.store.mobilise.Outbox;
import vigil.store.mobilise.Slas;

/**
 * The mobilisation pass (acceptance expiry, fix group tracking, notifications) every {@code
 * vigil.mobilisation.interval} (default PT15M), and outbox delivery every {@code
 * vigil.outbox.interval} (default PT30S). Settings file: {@code vigil.mobilisation.config} /
 * {@code VIGIL_MOBILISATION}.
 */
@Component
@EnableScheduling
class MobilisationSchedule {
  private final MobilisationCycle cycle;
  private final Outbox outbox;
  private final MobilisationConfig config;

  MobilisationSchedule(Database db, Slas slas, Environment env) {
    this.config = MobilisationConfig.load(env.getProperty("vigil.mobilisation.config"));
    this.cycle = config.cycle(db, slas);
    this.outbox = new Outbox(db);
  }

  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${vigil.mobilisation.interval:PT15M}")
  void pass() {
    cycle.run(Instant.now());
  }

  @Scheduled(initialDelayString = "PT1M", fixedDelayString = "${vigil.outbox.interval:PT30S}")
  void deliver() {
    outbox.deliverDue(config.dispatcher(), Instant.now(), 100);
  }
}
