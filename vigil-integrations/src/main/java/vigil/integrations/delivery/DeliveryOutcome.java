package vigil.integrations.delivery;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import vigil.integrations.ticket.TicketRef;

/** What {@link Dispatcher#dispatch} did with a message, and so what the store writes back. */
public sealed interface DeliveryOutcome {

  String messageId();

  /**
   * Delivered: remove or mark the message done. {@code ticket} is the ticket a ticket command
   * created or changed (store it as the fix group's ticket link after a create).
   */
  record Delivered(String messageId, int attempts, Instant deliveredAt, Optional<TicketRef> ticket)
      implements DeliveryOutcome {
    public Delivered {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(deliveredAt, "deliveredAt");
      Objects.requireNonNull(ticket, "ticket");
    }
  }

  /**
   * Not delivered, worth another try: store {@code next} (attempt + 1, new due time) in place of
   * the message. {@code reason} says why, with secrets removed.
   */
  record RetryLater(OutboxMessage next, String reason) implements DeliveryOutcome {
    public RetryLater {
      Objects.requireNonNull(next, "next");
      Objects.requireNonNull(reason, "reason");
    }

    @Override
    public String messageId() {
      return next.id();
    }
  }

  /**
   * Failed for good (refused, misconfigured, or out of attempts): keep the message as dead, with
   * {@code reason} (secrets removed), for a person to fix and re-queue.
   */
  record Failed(String messageId, int attempts, String reason) implements DeliveryOutcome {
    public Failed {
      Objects.requireNonNull(messageId, "messageId");
      Objects.requireNonNull(reason, "reason");
    }
  }
}
