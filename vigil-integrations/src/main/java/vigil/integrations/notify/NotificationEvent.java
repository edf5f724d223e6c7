package vigil.integrations.notify;

import java.util.Arrays;
import java.util.Optional;

/** The events Vigil notifies about, each with its stable key (outbox, webhook header, template name). */
public enum NotificationEvent {
  NEW_P1_EXPOSURE("exposure.p1", Notification.NewP1Exposure.class),
  SLA_BREACH("sla.breach", Notification.SlaBreach.class),
  SLA_NEAR_BREACH("sla.near_breach", Notification.SlaNearBreach.class),
  ACCEPTANCE_EXPIRING("acceptance.expiring", Notification.AcceptanceExpiring.class),
  FIX_VERIFIED("fix.verified", Notification.FixVerified.class),
  SHADOW_IT_FOUND("shadow_it.found", Notification.ShadowItFound.class);

  private final String key;
  private final Class<? extends Notification> type;

  NotificationEvent(String key, Class<? extends Notification> type) {
    this.key = key;
    this.type = type;
  }

  public String key() {
    return key;
  }

  /** The record that carries this event's data. */
  public Class<? extends Notification> type() {
    return type;
  }

  public static Optional<NotificationEvent> ofKey(String key) {
    return Arrays.stream(values()).filter(e -> e.key.equals(key)).findFirst();
  }
}
