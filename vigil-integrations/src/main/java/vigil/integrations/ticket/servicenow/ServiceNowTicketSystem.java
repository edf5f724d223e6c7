package vigil.integrations.ticket.servicenow;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import vigil.integrations.IntegrationException;
import vigil.integrations.IntegrationException.Kind;
import vigil.integrations.http.RestClient;
import vigil.integrations.ticket.TicketDraft;
import vigil.integrations.ticket.TicketRef;
import vigil.integrations.ticket.TicketState;
import vigil.integrations.ticket.TicketStatus;
import vigil.integrations.ticket.TicketSystem;

/**
 * A ServiceNow table through the Table API: {@code POST /api/now/table/{table}}, {@code PATCH
 * /api/now/table/{table}/{sys_id}} (fields, state, work notes), {@code GET
 * /api/now/table/{table}/{sys_id}?sysparm_fields=…} and a query on the correlation column for
 * {@link #find}. Values are read and written raw ({@code sysparm_display_value=false}, the
 * default), so state {@code 6} is Resolved whatever the instance's language. Thread-safe.
 */
public final class ServiceNowTicketSystem implements TicketSystem {
  private static final JsonMapper JSON = JsonMapper.shared();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final String READ_FIELDS = "sys_id,number,state,close_code";

  private final ServiceNowConfig config;
  private final RestClient rest;
  private final String base;
  private final String tableUrl;

  public ServiceNowTicketSystem(ServiceNowConfig config, Clock clock) {
    this.config = config;
    this.rest = RestClient.forApi(RestClient.newHttpClient(config.connectTimeout()), config.auth(),
        config.requestTimeout(), clock);
    this.base = config.baseUrl().toString().replaceAll("/+$", "");
    this.tableUrl = base + "/api/now/table/" + config.table();
  }

  @Override
  public String system() {
    return "servicenow";
  }

  @Override
  public TicketRef create(TicketDraft draft) {
    String op = "servicenow: create " + config.table() + " record for " + draft.correlationId();
    ObjectNode body = F.objectNode();
    config.fields().forEach((column, value) -> putIfSet(body, column, value));
    writeContent(body, draft, op);
    body.put(config.correlationField(), draft.correlationId());
    if (config.correlationField().equals("correlation_id")) {
      body.put("correlation_display", "Vigil");
    }
    JsonNode result = result(op, rest.call(op, "POST",
        URI.create(tableUrl + "?sysparm_exclude_reference_link=true&sysparm_fields=" + READ_FIELDS))
        .json(body.toString()).send());
    return ref(text(result, "sys_id", op), text(result, "number", op));
  }

  @Override
  public void update(TicketRef ticket, TicketDraft draft) {
    String op = "servicenow: update " + ticket.key();
    ObjectNode body = F.objectNode();
    writeContent(body, draft, op);
    patch(op, ticket, body);
  }

  @Override
  public void transition(TicketRef ticket, String state) {
    String op = "servicenow: set " + ticket.key() + " to " + state;
    String value = config.states().get(state);
    if (value == null) {
      throw IntegrationException.of(Kind.CONFIGURATION, op, rest.redact(recordUri(ticket, "")))
          .problem("no state value configured for '" + state + "' (state." + state + "); configured: "
              + config.states().keySet())
          .build();
    }
    ObjectNode body = F.objectNode().put("state", value);
    if (state.equals(CLOSE)) {
      config.closeFields().forEach((column, v) -> putIfSet(body, column, v));
    }
    patch(op, ticket, body);
  }

  @Override
  public void comment(TicketRef ticket, String text) {
    // Journal fields append on write: a PATCH of work_notes adds one note.
    patch("servicenow: comment on " + ticket.key(), ticket,
        F.objectNode().put(config.commentField(), text));
  }

  @Override
  public TicketStatus fetchState(TicketRef ticket) {
    String op = "servicenow: read state of " + ticket.key();
    JsonNode result = result(op, rest.call(op, "GET", recordUri(ticket,
        "?sysparm_exclude_reference_link=true&sysparm_fields=" + READ_FIELDS)).send());
    String state = text(result, "state", op);
    TicketState mapped = config.closedStates().contains(state) ? TicketState.CLOSED
        : config.inProgressStates().contains(state) ? TicketState.IN_PROGRESS
        : TicketState.OPEN;
    Optional<String> closeCode = Optional.of(result.path("close_code").asString("")).filter(s -> !s.isEmpty());
    return new TicketStatus(mapped, state, closeCode);
  }

  @Override
  public Optional<TicketRef> find(String correlationId) {
    String op = "servicenow: find record for " + correlationId;
    // Encoded queries separate terms with '^'; a literal '^' is written '^^'.
    String query = config.correlationField() + "=" + correlationId.replace("^", "^^") + "^ORDERBYsys_created_on";
    JsonNode answer = read(op, rest.call(op, "GET", URI.create(tableUrl
        + "?sysparm_query=" + URLEncoder.encode(query, StandardCharsets.UTF_8)
        + "&sysparm_limit=1&sysparm_exclude_reference_link=true&sysparm_fields=" + READ_FIELDS)).send());
    for (JsonNode row : answer.path("result")) {
      return Optional.of(ref(text(row, "sys_id", op), text(row, "number", op)));
    }
    return Optional.empty();
  }

  private void writeContent(ObjectNode body, TicketDraft draft, String op) {
    // short_description is a 160-character column; longer text is cut by the instance anyway.
    body.put("short_description", draft.summary().replaceAll("\\s+", " ").strip());
    if (!draft.description().isBlank()) {
      body.put("description", draft.description());
    }
    if (draft.priority() != null) {
      Map<String, String> columns = config.priorities().get(draft.priority());
      if (columns == null) {
        throw IntegrationException.of(Kind.CONFIGURATION, op, config.baseUrl().getHost())
            .problem("no ServiceNow mapping configured for priority '" + draft.priority()
                + "' (priority." + draft.priority() + ".<column>)")
            .build();
      }
      columns.forEach((column, value) -> putIfSet(body, column, value));
    }
    if (draft.dueDate() != null) {
      body.put("due_date", draft.dueDate() + " 00:00:00");
    }
    if (draft.assignee() != null) {
      body.put("assigned_to", draft.assignee());
    }
    draft.fields().forEach((column, value) -> putIfSet(body, column, value));
  }

  private void patch(String op, TicketRef ticket, ObjectNode body) {
    rest.call(op, "PATCH", recordUri(ticket, "?sysparm_exclude_reference_link=true&sysparm_fields=sys_id"))
        .json(body.toString()).send();
  }

  /** A configured column with a blank value is left out: that is how a default is switched off. */
  private static void putIfSet(ObjectNode body, String column, String value) {
    if (value != null && !value.isBlank()) {
      body.put(column, value);
    }
  }

  private URI recordUri(TicketRef ticket, String query) {
    return URI.create(tableUrl + "/" + URLEncoder.encode(ticket.id(), StandardCharsets.UTF_8) + query);
  }

  private TicketRef ref(String sysId, String number) {
    return new TicketRef(system(), sysId, number,
        URI.create(base + "/" + config.table() + ".do?sys_id=" + URLEncoder.encode(sysId, StandardCharsets.UTF_8)));
  }

  private JsonNode result(String op, RestClient.Response response) {
    JsonNode result = read(op, response).path("result");
    if (!result.isObject()) {
      throw IntegrationException.of(Kind.BAD_RESPONSE, op, config.baseUrl().getHost())
          .status(response.status()).problem("answer has no 'result' object").build();
    }
    return result;
  }

  private JsonNode read(String op, RestClient.Response response) {
    try {
      return JSON.readTree(response.body());
    } catch (JacksonException e) {
      throw IntegrationException.of(Kind.BAD_RESPONSE, op, config.baseUrl().getHost())
          .status(response.status()).problem("answer is not JSON").build();
    }
  }

  private String text(JsonNode node, String field, String op) {
    String v = node.path(field).asString("");
    if (v.isEmpty()) {
      throw IntegrationException.of(Kind.BAD_RESPONSE, op, config.baseUrl().getHost())
          .problem("answer has no '" + field + "'").build();
    }
    return v;
  }
}
