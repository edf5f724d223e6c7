package vigil.integrations.delivery;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;
import vigil.integrations.ticket.TicketDraft;
import vigil.integrations.ticket.TicketRef;

/**
 * A change to a ticket, as an outbox payload. Commands on an existing ticket carry its {@link
 * TicketRef}, which the store has from the {@link Create}'s delivery.
 */
public sealed interface TicketCommand {

  /** The outbox {@code event} for this command. */
  Kind kind();

  /**
   * Creates the ticket for {@code draft.correlationId()}, or returns the one already there: a
   * create is idempotent per correlation id, so a retry after a lost answer makes no duplicate.
   */
  record Create(TicketDraft draft) implements TicketCommand {
    public Create {
      Objects.requireNonNull(draft, "draft");
    }

    @Override
    public Kind kind() {
      return Kind.CREATE;
    }
  }

  /** Brings an existing ticket up to date with {@code draft}. */
  record Update(TicketRef ticket, TicketDraft draft) implements TicketCommand {
    public Update {
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(draft, "draft");
    }

    @Override
    public Kind kind() {
      return Kind.UPDATE;
    }
  }

  /** Moves a ticket to a named state ({@code close}, {@code reopen}, …). */
  record Transition(TicketRef ticket, String state) implements TicketCommand {
    public Transition {
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(state, "state");
    }

    @Override
    public Kind kind() {
      return Kind.TRANSITION;
    }
  }

  /** Adds a comment (ServiceNow: a work note). */
  record Comment(TicketRef ticket, String text) implements TicketCommand {
    public Comment {
      Objects.requireNonNull(ticket, "ticket");
      Objects.requireNonNull(text, "text");
    }

    @Override
    public Kind kind() {
      return Kind.COMMENT;
    }
  }

  /** The command kinds and their outbox event keys. */
  enum Kind {
    CREATE("ticket.create", Create.class),
    UPDATE("ticket.update", Update.class),
    TRANSITION("ticket.transition", Transition.class),
    COMMENT("ticket.comment", Comment.class);

    private final String key;
    private final Class<? extends TicketCommand> type;

    Kind(String key, Class<? extends TicketCommand> type) {
      this.key = key;
      this.type = type;
    }

    public String key() {
      return key;
    }

    public Class<? extends TicketCommand> type() {
      return type;
    }

    public static Optional<Kind> ofKey(String key) {
      return Arrays.stream(values()).filter(k -> k.key.equals(key)).findFirst();
    }
  }
}
