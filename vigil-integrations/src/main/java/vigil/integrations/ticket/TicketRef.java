package vigil.integrations.ticket;

import java.net.URI;
import java.util.Objects;

/**
 * A ticket Vigil created: the system ({@code "jira"}, {@code "servicenow"}), the stable id the
 * API uses (Jira issue id, ServiceNow {@code sys_id}), the key people see ({@code SEC-12}, {@code
 * INC0010001}) and a link to it. This is what the store keeps per fix group.
 */
public record TicketRef(String system, String id, String key, URI url) {
  public TicketRef {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(url, "url");
  }
}
