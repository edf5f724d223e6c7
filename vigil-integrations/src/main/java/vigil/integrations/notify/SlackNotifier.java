package vigil.integrations.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import vigil.integrations.Secret;
import vigil.integrations.http.RestClient;

/**
 * Posts to a Slack incoming webhook: {@code text} (the notification fallback) plus Block Kit
 * blocks (header, mrkdwn section, "Open in Vigil" button). The webhook URL is the credential, so
 * it is never shown; Slack answers {@code 200 ok}, or 4xx with a reason such as {@code
 * invalid_payload}, or 429 with {@code Retry-After}.
 */
public final class SlackNotifier implements Notifier {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final int HEADER_MAX = 150;
  private static final int SECTION_MAX = 3000;

  private final URI url;
  private final Templates templates;
  private final RestClient rest;

  public SlackNotifier(Secret webhookUrl, Templates templates, HttpClient http, Duration timeout, Clock clock) {
    this.url = RestClient.secretUrl(webhookUrl);
    this.templates = templates;
    this.rest = RestClient.forSecretUrl(http, url, timeout, List.of(webhookUrl), clock);
  }

  @Override
  public void send(Notification notification, String deliveryId) {
    rest.call("slack: post " + notification.event().key() + " " + deliveryId, "POST", url)
        .json(payload(templates.render(Templates.SLACK, notification), notification).toString())
        .send();
  }

  static ObjectNode payload(Templates.Rendered r, Notification n) {
    ObjectNode root = F.objectNode().put("text", r.title());
    ArrayNode blocks = root.putArray("blocks");
    blocks.addObject().put("type", "header")
        .putObject("text").put("type", "plain_text").put("text", cut(r.title(), HEADER_MAX));
    if (!r.body().isEmpty()) {
      blocks.addObject().put("type", "section")
          .putObject("text").put("type", "mrkdwn").put("text", cut(r.body(), SECTION_MAX));
    }
    if (n.link() != null) {
      ObjectNode button = blocks.addObject().put("type", "actions").putArray("elements").addObject();
      button.put("type", "button").put("url", n.link().toString())
          .putObject("text").put("type", "plain_text").put("text", "Open in Vigil");
    }
    return root;
  }

  private static String cut(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 1) + "…";
  }
}
