package vigil.integrations.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;
import vigil.integrations.notify.Notification;
import vigil.integrations.notify.NotificationEvent;

/**
 * One message in the outbox: what to deliver ({@code event} + JSON {@code payload}), where ({@code
 * channel} + configured {@code target} name, never the URL or credentials themselves), how many
 * attempts were made, and when it is due. The store persists these fields as they are and writes
 * back what {@link Dispatcher#dispatch} returns.
 *
 * @param id unique and stable across attempts; webhook receivers see it as {@code X-Vigil-Delivery}
 * @param event a {@link NotificationEvent#key()} or a {@link TicketCommand.Kind#key()}
 * @param payload the notification or ticket command as JSON
 * @param attempt attempts already made (0 for a new message)
 */
public record OutboxMessage(
    String id,
    Channel channel,
    String target,
    String event,
    String payload,
    int attempt,
    Instant nextAttemptAt) {

  private static final JsonMapper JSON = JsonMapper.shared();

  public OutboxMessage {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(channel, "channel");
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(event, "event");
    Objects.requireNonNull(payload, "payload");
    Objects.requireNonNull(nextAttemptAt, "nextAttemptAt");
    if (attempt < 0) {
      throw new IllegalArgumentException("attempt must be >= 0, not " + attempt);
    }
  }

  /** A new message, due at {@code now}, for a notification channel (Slack, Teams, webhook, e-mail). */
  public static OutboxMessage of(Channel channel, String target, Notification notification, Instant now) {
    if (channel == Channel.JIRA || channel == Channel.SERVICENOW) {
      throw new IllegalArgumentException(channel.key() + " takes ticket commands, not notifications");
    }
    return new OutboxMessage(UUID.randomUUID().toString(), channel, target,
        notification.event().key(), JSON.writeValueAsString(notification), 0, now);
  }

  /** A new message, due at {@code now}, for a ticket system (Jira, ServiceNow). */
  public static OutboxMessage of(Channel channel, String target, TicketCommand command, Instant now) {
    if (channel != Channel.JIRA && channel != Channel.SERVICENOW) {
      throw new IllegalArgumentException(channel.key() + " takes notifications, not ticket commands");
    }
    return new OutboxMessage(UUID.randomUUID().toString(), channel, target,
        command.kind().key(), JSON.writeValueAsString(command), 0, now);
  }

  /** This message after one more failed attempt, due again at {@code next}. */
  public OutboxMessage retryAt(Instant next) {
    return new OutboxMessage(id, channel, target, event, payload, attempt + 1, next);
  }

  /** The payload as a notification; {@link IllegalArgumentException} when it is not one. */
  public Notification notification() {
    NotificationEvent e = NotificationEvent.ofKey(event).orElseThrow(() ->
        new IllegalArgumentException("outbox message " + id + ": '" + event + "' is not a notification event"));
    return decode(e.type());
  }

  /** The payload as a ticket command; {@link IllegalArgumentException} when it is not one. */
  public TicketCommand ticketCommand() {
    TicketCommand.Kind k = TicketCommand.Kind.ofKey(event).orElseThrow(() ->
        new IllegalArgumentException("outbox message " + id + ": '" + event + "' is not a ticket command"));
    return decode(k.type());
  }

  private <T> T decode(Class<T> type) {
    try {
      return JSON.readValue(payload, type);
    } catch (JacksonException e) {
      throw new IllegalArgumentException("outbox message " + id + ": payload is not a valid "
          + type.getSimpleName() + " (" + e.getOriginalMessage() + ")", e);
    }
  }
}
