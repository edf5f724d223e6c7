package vigil.integrations.delivery;

import java.util.Optional;
import vigil.integrations.notify.Notifier;
import vigil.integrations.ticket.TicketRef;
import vigil.integrations.ticket.TicketSystem;

/**
 * One configured target that delivers outbox messages: a notifier or a ticket system behind the
 * outbox. Throws {@link vigil.integrations.IntegrationException} when the target did not take the
 * message, {@link IllegalArgumentException} when the message cannot be delivered anywhere (its
 * payload does not fit its event).
 */
public interface Destination {

  /** Delivers one message; returns the ticket it created or changed, for ticket messages. */
  Optional<TicketRef> deliver(OutboxMessage message);

  /** Sends each message's notification through {@code notifier}. */
  static Destination of(Notifier notifier) {
    return message -> {
      notifier.send(message.notification(), message.id());
      return Optional.empty();
    };
  }

  /**
   * Applies each message's ticket command to {@code system}. A create first looks for the ticket
   * of the same correlation id, so retries and duplicate creates return the existing ticket.
   */
  static Destination of(TicketSystem system) {
    return message -> {
      TicketCommand command = message.ticketCommand();
      if (command instanceof TicketCommand.Create c) {
        TicketRef ticket = system.find(c.draft().correlationId()).orElseGet(() -> system.create(c.draft()));
        return Optional.of(ticket);
      } else if (command instanceof TicketCommand.Update u) {
        system.update(u.ticket(), u.draft());
        return Optional.of(u.ticket());
      } else if (command instanceof TicketCommand.Transition t) {
        system.transition(t.ticket(), t.state());
        return Optional.of(t.ticket());
      } else if (command instanceof TicketCommand.Comment c) {
        system.comment(c.ticket(), c.text());
        return Optional.of(c.ticket());
      }
      throw new IllegalStateException("unhandled ticket command " + command.getClass());
    };
  }
}
