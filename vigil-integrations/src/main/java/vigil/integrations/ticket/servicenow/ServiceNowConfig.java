package vigil.integrations.ticket.servicenow;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vigil.integrations.Settings;
import vigil.integrations.http.HttpAuth;

/**
 * One ServiceNow table as a ticket target.
 *
 * @param baseUrl the instance, e.g. {@code https://acme.service-now.com}
 * @param table the table, {@code incident} by default ({@code sn_vul_vulnerable_item}, {@code
 *     sc_task}… work the same way)
 * @param priorities Vigil priority class → column values, e.g. P1 → {impact: 1, urgency: 1}
 *     (ServiceNow derives {@code priority} from impact and urgency)
 * @param states named state ({@code close}, {@code reopen}, …) → {@code state} value
 * @param closeFields columns set together with the close state, e.g. {@code close_code}, {@code
 *     close_notes} (mandatory when an incident is resolved)
 * @param closedStates state values read back as closed (6 Resolved, 7 Closed, 8 Canceled)
 * @param inProgressStates state values read back as in progress (2 In Progress, 3 On Hold)
 * @param commentField {@code work_notes} (internal) or {@code comments} (visible to the caller)
 * @param fields columns set on every created record, e.g. {@code assignment_group}, {@code category}
 */
public record ServiceNowConfig(
    URI baseUrl,
    String table,
    HttpAuth auth,
    Map<String, Map<String, String>> priorities,
    Map<String, String> states,
    Map<String, String> closeFields,
    Set<String> closedStates,
    Set<String> inProgressStates,
    String commentField,
    String correlationField,
    Map<String, String> fields,
    Duration connectTimeout,
    Duration requestTimeout) {

  public static final Map<String, Map<String, String>> DEFAULT_PRIORITIES = Map.of(
      "P1", Map.of("impact", "1", "urgency", "1"),
      "P2", Map.of("impact", "1", "urgency", "2"),
      "P3", Map.of("impact", "2", "urgency", "2"),
      "P4", Map.of("impact", "2", "urgency", "3"));

  public ServiceNowConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(table, "table");
    Objects.requireNonNull(auth, "auth");
    if (!table.matches("[A-Za-z0-9_]+")) {
      throw new IllegalArgumentException("ServiceNow table name must be letters, digits and '_': " + table);
    }
    Map<String, Map<String, String>> p = new LinkedHashMap<>();
    priorities.forEach((k, v) -> p.put(k, Map.copyOf(v)));
    priorities = Map.copyOf(p);
    states = Map.copyOf(states);
    closeFields = Map.copyOf(closeFields);
    closedStates = Set.copyOf(closedStates);
    inProgressStates = Set.copyOf(inProgressStates);
    Objects.requireNonNull(commentField, "commentField");
    Objects.requireNonNull(correlationField, "correlationField");
    fields = Map.copyOf(fields);
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  /**
   * Reads a target's settings (keys relative to {@code s}, e.g. under {@code
   * vigil.integrations.servicenow.itsm}): {@code base-url}, {@code table} (incident), auth as
   * {@code user} + {@code password} (Basic) or {@code oauth-token} (Bearer), {@code
   * priority.P1.<column>}… (defaults: impact/urgency 1/1, 1/2, 2/2, 2/3), {@code state.close}
   * (6), {@code state.reopen} (2), {@code state.<name>}, {@code close-field.<column>} (defaults
   * close_code = "Solution provided", close_notes = "Fix verified by Vigil."), {@code
   * closed-states} (6,7,8), {@code in-progress-states} (2,3), {@code comment-field}
   * (work_notes), {@code correlation-field} (correlation_id), {@code field.<column>}, {@code
   * connect-timeout} (10s), {@code timeout} (30s).
   */
  public static ServiceNowConfig fromSettings(Settings s) {
    Map<String, Map<String, String>> priorities = new LinkedHashMap<>(DEFAULT_PRIORITIES);
    Settings p = s.under("priority");
    for (String level : p.names()) {
      priorities.put(level, p.map(level));
    }
    Map<String, String> states = new LinkedHashMap<>(Map.of("close", "6", "reopen", "2"));
    states.putAll(s.map("state"));
    Map<String, String> closeFields = new LinkedHashMap<>(
        Map.of("close_code", "Solution provided", "close_notes", "Fix verified by Vigil."));
    closeFields.putAll(s.map("close-field"));
    List<String> closed = s.list("closed-states");
    List<String> inProgress = s.list("in-progress-states");
    return new ServiceNowConfig(
        s.uri("base-url"),
        s.get("table", "incident"),
        auth(s),
        priorities,
        states,
        closeFields,
        Set.copyOf(closed.isEmpty() ? List.of("6", "7", "8") : closed),
        Set.copyOf(inProgress.isEmpty() ? List.of("2", "3") : inProgress),
        s.get("comment-field", "work_notes"),
        s.get("correlation-field", "correlation_id"),
        s.map("field"),
        s.duration("connect-timeout", Duration.ofSeconds(10)),
        s.duration("timeout", Duration.ofSeconds(30)));
  }

  private static HttpAuth auth(Settings s) {
    if (s.optional("oauth-token").isPresent()) {
      return HttpAuth.bearer(s.secret("oauth-token"));
    }
    if (s.optional("user").isPresent() || s.optional("password").isPresent()) {
      return HttpAuth.basic(s.required("user"), s.secret("password"));
    }
    throw new IllegalArgumentException("settings " + s.key("user") + " + " + s.key("password")
        + " or " + s.key("oauth-token") + " are missing");
  }
}
