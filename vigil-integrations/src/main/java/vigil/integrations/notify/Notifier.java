package vigil.integrations.notify;

/**
 * One notification channel target (a Slack channel's webhook, an e-mail distribution list…).
 * Throws {@link vigil.integrations.IntegrationException} when the notification was not accepted.
 */
public interface Notifier {

  /**
   * Sends one notification. {@code deliveryId} identifies this delivery across retries (the
   * outbox message id), so receivers that see it twice can drop the copy.
   */
  void send(Notification notification, String deliveryId);
}
