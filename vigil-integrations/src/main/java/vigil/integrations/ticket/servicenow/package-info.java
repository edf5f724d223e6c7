/**
 * ServiceNow through the Table API: {@link
 * vigil.integrations.ticket.servicenow.ServiceNowTicketSystem} configured by {@link
 * vigil.integrations.ticket.servicenow.ServiceNowConfig} (table, field mapping, state values).
 */
package vigil.integrations.ticket.servicenow;
