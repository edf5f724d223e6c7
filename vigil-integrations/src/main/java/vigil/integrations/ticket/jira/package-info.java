/**
 * Jira (Cloud and Data Center) through REST API v2 or v3: {@link
 * vigil.integrations.ticket.jira.JiraTicketSystem} configured by {@link
 * vigil.integrations.ticket.jira.JiraConfig}. v3 writes descriptions and comments in Atlassian
 * Document Format, v2 in wiki markup.
 */
package vigil.integrations.ticket.jira;
