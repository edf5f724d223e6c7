package vigil.integrations.ticket;

import java.util.Optional;

/**
 * One ticket system (a Jira project, a ServiceNow table) as Vigil uses it: a fix group gets one
 * ticket, which Vigil creates, keeps up to date, comments on, closes when the fix is verified and
 * reopens when the exposure comes back; {@link #fetchState} reads back what people did to it.
 * Every method throws {@link vigil.integrations.IntegrationException} when the call fails.
 */
public interface TicketSystem {
  /** The named state for "the fix is verified": Jira's "Done" transition, ServiceNow's Resolved. */
  String CLOSE = "close";
  /** The named state for "the exposure came back". */
  String REOPEN = "reopen";

  /** Which kind of system: {@code "jira"} or {@code "servicenow"} (as in {@link TicketRef#system()}). */
  String system();

  TicketRef create(TicketDraft draft);

  /**
   * Brings summary, description, priority, due date and the fix-group field up to date; labels and
   * components are added, never removed, so people's own labels stay.
   */
  void update(TicketRef ticket, TicketDraft draft);

  /**
   * Moves the ticket to a named state: {@link #CLOSE}, {@link #REOPEN}, or another name mapped
   * in the configuration (or, for Jira, a transition or status name of the workflow). Moving a
   * ticket to the state it is already in does nothing.
   */
  void transition(TicketRef ticket, String state);

  void comment(TicketRef ticket, String text);

  /** The ticket's state now, for two-way sync (e.g. closed by a person on their side). */
  TicketStatus fetchState(TicketRef ticket);

  /**
   * The ticket Vigil created earlier for this correlation id (the fix group's id), if any. A
   * retried create calls this first, so a create whose answer was lost does not make a duplicate.
   */
  Optional<TicketRef> find(String correlationId);
}
