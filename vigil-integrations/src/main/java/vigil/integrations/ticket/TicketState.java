package vigil.integrations.ticket;

/** A ticket's state, reduced to what Vigil acts on. */
public enum TicketState {
  /** New, to do, on the backlog. */
  OPEN,
  /** Someone is working on it (or it waits on something). */
  IN_PROGRESS,
  /** Resolved, closed, done or cancelled on their side: {@link TicketStatus#resolution()} says which. */
  CLOSED
}
