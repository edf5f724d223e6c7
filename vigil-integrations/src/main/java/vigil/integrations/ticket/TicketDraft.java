package vigil.integrations.ticket;

import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a ticket should say, independent of the ticket system. {@code description} is plain text:
 * paragraphs separated by a blank line, lines starting with "- " as bullets, bare URLs as links;
 * each system's format (Jira wiki or ADF, ServiceNow text) is produced from it.
 *
 * @param correlationId Vigil's id for what the ticket is about (the fix group's id); it is written
 *     to the ticket (Jira label and optional custom field, ServiceNow {@code correlation_id}) so
 *     {@link TicketSystem#find} can find it again
 * @param priority Vigil's priority class ({@code P1}…{@code P4}), mapped per system; may be null
 * @param dueDate the SLA due date; may be null
 * @param assignee the system's user reference (Jira Cloud account id or Data Center user name,
 *     ServiceNow user sys_id); may be null
 * @param fields extra system fields (Jira field id or ServiceNow column → value) for this ticket
 */
public record TicketDraft(
    String correlationId,
    String summary,
    String description,
    String priority,
    List<String> labels,
    List<String> components,
    LocalDate dueDate,
    String assignee,
    Map<String, String> fields) {

  public TicketDraft {
    Objects.requireNonNull(correlationId, "correlationId");
    Objects.requireNonNull(summary, "summary");
    if (correlationId.isBlank()) {
      throw new IllegalArgumentException("correlationId must not be blank");
    }
    if (summary.isBlank()) {
      throw new IllegalArgumentException("summary must not be blank");
    }
    description = description == null ? "" : description;
    labels = labels == null ? List.of() : List.copyOf(labels);
    components = components == null ? List.of() : List.copyOf(components);
    fields = fields == null ? Map.of() : Map.copyOf(fields);
  }

  public static Builder builder(String correlationId, String summary) {
    return new Builder(correlationId, summary);
  }

  /** Builds a {@link TicketDraft}; everything but the correlation id and summary is optional. */
  public static final class Builder {
    private final String correlationId;
    private final String summary;
    private String description = "";
    private String priority;
    private List<String> labels = List.of();
    private List<String> components = List.of();
    private LocalDate dueDate;
    private String assignee;
    private final Map<String, String> fields = new LinkedHashMap<>();

    private Builder(String correlationId, String summary) {
      this.correlationId = correlationId;
      this.summary = summary;
    }

    public Builder description(String description) {
      this.description = description;
      return this;
    }

    public Builder priority(String priority) {
      this.priority = priority;
      return this;
    }

    public Builder labels(List<String> labels) {
      this.labels = labels;
      return this;
    }

    public Builder components(List<String> components) {
      this.components = components;
      return this;
    }

    public Builder dueDate(LocalDate dueDate) {
      this.dueDate = dueDate;
      return this;
    }

    public Builder assignee(String assignee) {
      this.assignee = assignee;
      return this;
    }

    public Builder field(String name, String value) {
      fields.put(name, value);
      return this;
    }

    public TicketDraft build() {
      return new TicketDraft(correlationId, summary, description, priority, labels, components,
          dueDate, assignee, fields);
    }
  }
}
