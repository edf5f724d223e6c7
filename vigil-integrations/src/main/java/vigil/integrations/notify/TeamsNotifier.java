package vigil.integrations.notify;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import vigil.integrations.IntegrationException;
import vigil.integrations.Redaction;
import vigil.integrations.Secret;
import vigil.integrations.http.RestClient;

/**
 * Posts to a Microsoft Teams incoming webhook, either an Adaptive Card in a {@code message}
 * envelope (Workflows webhooks and current connectors) or a legacy {@code MessageCard} (Office 365
 * connectors). The legacy endpoint answers some failures with {@code 200} and a text such as
 * "Microsoft Teams endpoint returned HTTP error 429…"; those count as that status.
 */
public final class TeamsNotifier implements Notifier {
  /** The card format to post. */
  public enum Format { ADAPTIVE_CARD, MESSAGE_CARD }

  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern LEGACY_ERROR =
      Pattern.compile("Microsoft Teams endpoint returned HTTP error (\\d{3})");

  private final URI url;
  private final Format format;
  private final Templates templates;
  private final RestClient rest;

  public TeamsNotifier(Secret webhookUrl, Format format, Templates templates, HttpClient http,
      Duration timeout, Clock clock) {
    this.url = RestClient.secretUrl(webhookUrl);
    this.format = format;
    this.templates = templates;
    this.rest = RestClient.forSecretUrl(http, url, timeout, List.of(webhookUrl), clock);
  }

  @Override
  public void send(Notification notification, String deliveryId) {
    String op = "teams: post " + notification.event().key() + " " + deliveryId;
    Templates.Rendered r = templates.render(Templates.TEAMS, notification);
    ObjectNode payload = format == Format.ADAPTIVE_CARD ? adaptiveCard(r, notification) : messageCard(r, notification);
    RestClient.Response response = rest.call(op, "POST", url).json(payload.toString()).send();
    Matcher legacy = LEGACY_ERROR.matcher(response.body());
    if (legacy.find()) {
      throw IntegrationException.of(IntegrationException.Kind.HTTP_STATUS, op, "POST " + rest.redact(url))
          .status(Integer.parseInt(legacy.group(1)))
          .problem("HTTP 200 carrying an error: " + Redaction.excerpt(response.body(), 300, rest.secrets()))
          .build();
    }
  }

  static ObjectNode adaptiveCard(Templates.Rendered r, Notification n) {
    ObjectNode envelope = F.objectNode().put("type", "message");
    ObjectNode attachment = envelope.putArray("attachments").addObject()
        .put("contentType", "application/vnd.microsoft.card.adaptive");
    attachment.putNull("contentUrl");
    ObjectNode card = attachment.putObject("content")
        .put("$schema", "http://adaptivecards.io/schemas/adaptive-card.json")
        .put("type", "AdaptiveCard")
        .put("version", "1.4");
    ArrayNode body = card.putArray("body");
    body.addObject().put("type", "TextBlock").put("text", r.title())
        .put("weight", "Bolder").put("size", "Medium").put("wrap", true)
        .put("color", color(n.event()).adaptive);
    if (!r.body().isEmpty()) {
      body.addObject().put("type", "TextBlock").put("text", r.body()).put("wrap", true);
    }
    if (n.link() != null) {
      card.putArray("actions").addObject()
          .put("type", "Action.OpenUrl").put("title", "Open in Vigil").put("url", n.link().toString());
    }
    return envelope;
  }

  static ObjectNode messageCard(Templates.Rendered r, Notification n) {
    ObjectNode card = F.objectNode()
        .put("@type", "MessageCard")
        .put("@context", "https://schema.org/extensions")
        .put("summary", r.title())
        .put("themeColor", color(n.event()).hex)
        .put("title", r.title());
    if (!r.body().isEmpty()) {
      card.put("text", r.body());
    }
    if (n.link() != null) {
      ObjectNode action = card.putArray("potentialAction").addObject()
          .put("@type", "OpenUri").put("name", "Open in Vigil");
      action.putArray("targets").addObject().put("os", "default").put("uri", n.link().toString());
    }
    return card;
  }

  private enum Tone {
    ALERT("Attention", "D70000"), WARNING("Warning", "E8A200"), GOOD("Good", "2E8540"), INFO("Default", "0078D7");

    final String adaptive;
    final String hex;

    Tone(String adaptive, String hex) {
      this.adaptive = adaptive;
      this.hex = hex;
    }
  }

  private static Tone color(NotificationEvent event) {
    return switch (event) {
      case NEW_P1_EXPOSURE, SLA_BREACH -> Tone.ALERT;
      case SLA_NEAR_BREACH, ACCEPTANCE_EXPIRING -> Tone.WARNING;
      case FIX_VERIFIED -> Tone.GOOD;
      case SHADOW_IT_FOUND -> Tone.INFO;
    };
  }
}
