package vigil.store.mobilise;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import vigil.engine.mobilise.SlaClock;
import vigil.engine.mobilise.SlaPolicy;
import vigil.store.Database;
import vigil.store.security.Visibility;

/** SLA readings of the active exposures under one policy. */
public final class Slas {
  private final Database db;
  private final SlaPolicy policy;

  public Slas(Database db, SlaPolicy policy) {
    this.db = Objects.requireNonNull(db, "db");
    this.policy = Objects.requireNonNull(policy, "policy");
  }

  /** Every visible active exposure's SLA, earliest due first. */
  public List<SlaStatus> all(Visibility visible, Instant now) {
    return ActiveExposures.load(db, visible).stream().map(e -> status(e, now))
        .sorted(Comparator.comparing(SlaStatus::due).thenComparing(SlaStatus::exposureId)).toList();
  }

  public List<SlaStatus> breached(Visibility visible, Instant now) {
    return all(visible, now).stream().filter(SlaStatus::breached).toList();
  }

  /** Not yet breached, but due within {@code window} of now. */
  public List<SlaStatus> dueWithin(Visibility visible, Duration window, Instant now) {
    Instant limit = now.plus(window);
    return all(visible, now).stream().filter(s -> !s.breached() && !s.due().isAfter(limit)).toList();
  }

  SlaStatus status(ActiveExposure e, Instant now) {
    SlaClock.Reading r = SlaClock.read(e.firstSeen(), e.transitions(),
        policy.allowed(e.priority(), e.environment(), e.services()), policy.restartOnReopen(), now);
    return new SlaStatus(e.id(), e.assetName(), e.weaknessTitle(), e.priority(), e.owner(), e.firstSeen(), r.due(),
        r.breachedAt(now));
  }
}
