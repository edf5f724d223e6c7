package vigil.integrations.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;
import vigil.integrations.Secret;
import vigil.integrations.http.RestClient;

/**
 * Posts a notification as JSON to any HTTPS endpoint, signed (see {@link WebhookSignature}):
 * <pre>{@code
 * {"id": "<delivery id>", "event": "sla.breach", "sentAt": "2025-01-31T14:05:00Z",
 *  "text": "<summary line>", "data": { <the notification's fields> }}
 * }</pre>
 * with headers {@code X-Vigil-Event}, {@code X-Vigil-Delivery}, {@code X-Vigil-Timestamp} and
 * {@code X-Vigil-Signature}. Each attempt is signed afresh, so a retry is never stale.
 */
public final class WebhookNotifier implements Notifier {
  private static final JsonMapper JSON = JsonMapper.shared();

  private final URI url;
  private final Secret signingKey;
  private final Templates templates;
  private final RestClient rest;
  private final Clock clock;

  public WebhookNotifier(Secret url, Secret signingKey, Templates templates, HttpClient http,
      Duration timeout, Clock clock) {
    this.url = RestClient.secretUrl(url);
    this.signingKey = signingKey;
    this.templates = templates;
    this.rest = RestClient.forSecretUrl(http, this.url, timeout, List.of(url, signingKey), clock);
    this.clock = clock;
  }

  @Override
  public void send(Notification notification, String deliveryId) {
    Instant now = clock.instant();
    ObjectNode body = JSON.createObjectNode()
        .put("id", deliveryId)
        .put("event", notification.event().key())
        .put("sentAt", now.toString())
        .put("text", templates.render(Templates.WEBHOOK, notification).title());
    body.set("data", JSON.valueToTree(notification));
    String json = JSON.writeValueAsString(body);
    long timestamp = now.getEpochSecond();
    rest.call("webhook: post " + notification.event().key() + " " + deliveryId, "POST", url)
        .header(WebhookSignature.EVENT_HEADER, notification.event().key())
        .header(WebhookSignature.DELIVERY_HEADER, deliveryId)
        .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
        .header(WebhookSignature.SIGNATURE_HEADER,
            WebhookSignature.sign(signingKey, timestamp, json.getBytes(StandardCharsets.UTF_8)))
        .json(json)
        .send();
  }
}
