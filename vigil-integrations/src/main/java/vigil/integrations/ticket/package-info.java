/**
 * Ticket systems behind one interface, {@link vigil.integrations.ticket.TicketSystem}: create,
 * update, transition, comment, and read the state back for two-way sync. Implementations: {@code
 * jira} (REST API v2 and v3) and {@code servicenow} (Table API).
 */
package vigil.integrations.ticket;
