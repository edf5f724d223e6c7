package vigil.integrations.ticket;

import java.util.Objects;
import java.util.Optional;

/**
 * A ticket's state as read back: Vigil's reduction, the system's own status (Jira status name,
 * ServiceNow state value) and the resolution, when it has one (Jira resolution, ServiceNow close
 * code).
 */
public record TicketStatus(TicketState state, String status, Optional<String> resolution) {
  public TicketStatus {
    Objects.requireNonNull(state, "state");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(resolution, "resolution");
  }
}
