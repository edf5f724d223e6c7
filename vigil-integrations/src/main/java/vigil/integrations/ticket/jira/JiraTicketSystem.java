package vigil.integrations.ticket.jira;

import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
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
 * A Jira project through REST API v2 or v3: {@code POST /issue}, {@code PUT /issue/{id}}, {@code
 * GET /issue/{id}?fields=status,resolution}, {@code GET}+{@code POST /issue/{id}/transitions},
 * {@code POST /issue/{id}/comment}, and a JQL search on the correlation label for {@link #find}.
 * The state read back uses the status category ({@code new}, {@code indeterminate}, {@code done}),
 * which holds across workflows. Thread-safe.
 */
public final class JiraTicketSystem implements TicketSystem {
  /** Prefix of the label that carries the correlation id. */
  public static final String LABEL_PREFIX = "vigil-";

  private static final JsonMapper JSON = JsonMapper.shared();
  private static final JsonNodeFactory F = JsonNodeFactory.instance;

  private final JiraConfig config;
  private final RestClient rest;
  private final String api;

  public JiraTicketSystem(JiraConfig config, Clock clock) {
    this.config = config;
    this.rest = RestClient.forApi(RestClient.newHttpClient(config.connectTimeout()), config.auth(),
        config.requestTimeout(), clock);
    String base = config.baseUrl().toString().replaceAll("/+$", "");
    this.api = base + "/rest/api/" + config.apiVersion();
  }

  @Override
  public String system() {
    return "jira";
  }

  /** The label Vigil puts on an issue for a correlation id: {@code vigil-} + the id, made label-safe. */
  public static String correlationLabel(String correlationId) {
    return LABEL_PREFIX + correlationId.replaceAll("[^A-Za-z0-9_.:-]", "-");
  }

  @Override
  public TicketRef create(TicketDraft draft) {
    String op = "jira: create issue for " + draft.correlationId();
    ObjectNode fields = F.objectNode();
    fields.putObject("project").put("key", config.projectKey());
    fields.putObject("issuetype").put("name", config.issueType());
    config.fields().forEach((id, value) -> fields.set(id, fieldValue(value)));
    writeContent(fields, draft);
    ArrayNode labels = fields.putArray("labels");
    labels(draft).forEach(labels::add);
    Set<String> components = new LinkedHashSet<>(config.components());
    components.addAll(draft.components());
    if (!components.isEmpty()) {
      ArrayNode c = fields.putArray("components");
      components.forEach(name -> c.addObject().put("name", name));
    }
    ObjectNode body = F.objectNode();
    body.set("fields", fields);
    JsonNode answer = read(op, rest.call(op, "POST", uri("/issue")).json(body.toString()).send());
    String id = text(answer, "id", op);
    String key = text(answer, "key", op);
    return ref(id, key);
  }

  @Override
  public void update(TicketRef ticket, TicketDraft draft) {
    String op = "jira: update " + ticket.key();
    ObjectNode fields = F.objectNode();
    writeContent(fields, draft);
    ObjectNode body = F.objectNode();
    body.set("fields", fields);
    // Labels and components are added, not replaced, so people's own stay.
    ObjectNode update = body.putObject("update");
    ArrayNode labels = update.putArray("labels");
    labels(draft).forEach(l -> labels.addObject().put("add", l));
    if (!draft.components().isEmpty()) {
      ArrayNode c = update.putArray("components");
      draft.components().forEach(name -> c.addObject().putObject("add").put("name", name));
    }
    rest.call(op, "PUT", uri("/issue/" + ticket.id())).json(body.toString()).send();
  }

  @Override
  public void transition(TicketRef ticket, String state) {
    String op = "jira: transition " + ticket.key() + " to " + state;
    String wanted = config.transitions().getOrDefault(state, state);
    JsonNode answer = read(op, rest.call(op, "GET", uri("/issue/" + ticket.id() + "/transitions")).send());
    List<String> offered = new ArrayList<>();
    for (JsonNode t : answer.path("transitions")) {
      String name = t.path("name").asString("");
      String to = t.path("to").path("name").asString("");
      offered.add(name + " (→ " + to + ")");
      if (name.equalsIgnoreCase(wanted) || to.equalsIgnoreCase(wanted)) {
        ObjectNode body = F.objectNode();
        body.putObject("transition").put("id", text(t, "id", op));
        if (state.equals(CLOSE) && config.closeResolution().isPresent()) {
          body.putObject("fields").putObject("resolution").put("name", config.closeResolution().get());
        }
        rest.call(op, "POST", uri("/issue/" + ticket.id() + "/transitions")).json(body.toString()).send();
        return;
      }
    }
    // No such transition from here: fine if the issue is already where it should go.
    TicketStatus now = fetchState(ticket);
    if (now.status().equalsIgnoreCase(wanted)
        || (state.equals(CLOSE) && now.state() == TicketState.CLOSED)
        || (state.equals(REOPEN) && now.state() != TicketState.CLOSED)) {
      return;
    }
    throw IntegrationException.of(Kind.CONFIGURATION, op, rest.redact(uri("/issue/" + ticket.id())))
        .problem("the workflow offers no transition named or leading to '" + wanted + "' from status '"
            + now.status() + "'; offered: " + (offered.isEmpty() ? "none" : String.join(", ", offered)))
        .build();
  }

  @Override
  public void comment(TicketRef ticket, String text) {
    String op = "jira: comment on " + ticket.key();
    ObjectNode body = F.objectNode();
    body.set("body", config.apiVersion() == 3 ? JiraText.adf(text) : F.stringNode(JiraText.wiki(text)));
    rest.call(op, "POST", uri("/issue/" + ticket.id() + "/comment")).json(body.toString()).send();
  }

  @Override
  public TicketStatus fetchState(TicketRef ticket) {
    String op = "jira: read state of " + ticket.key();
    JsonNode answer = read(op,
        rest.call(op, "GET", uri("/issue/" + ticket.id() + "?fields=status,resolution")).send());
    JsonNode status = answer.path("fields").path("status");
    String name = text(status, "name", op);
    String category = status.path("statusCategory").path("key").asString("");
    TicketState state = switch (category.toLowerCase(Locale.ROOT)) {
      case "done" -> TicketState.CLOSED;
      case "indeterminate" -> TicketState.IN_PROGRESS;
      default -> TicketState.OPEN;
    };
    JsonNode resolution = answer.path("fields").path("resolution");
    Optional<String> res = resolution.isObject()
        ? Optional.of(resolution.path("name").asString("")).filter(s -> !s.isEmpty())
        : Optional.empty();
    return new TicketStatus(state, name, res);
  }

  @Override
  public Optional<TicketRef> find(String correlationId) {
    String op = "jira: find issue for " + correlationId;
    String jql = "project = \"" + jqlEscape(config.projectKey()) + "\" AND labels = \""
        + jqlEscape(correlationLabel(correlationId)) + "\" ORDER BY created ASC";
    // v3 on Cloud moved search to /search/jql (the old /search is withdrawn); v2 keeps /search.
    String path = (config.apiVersion() == 3 ? "/search/jql" : "/search")
        + "?jql=" + URLEncoder.encode(jql, StandardCharsets.UTF_8) + "&fields=status&maxResults=1";
    JsonNode answer = read(op, rest.call(op, "GET", uri(path)).send());
    for (JsonNode issue : answer.path("issues")) {
      return Optional.of(ref(text(issue, "id", op), text(issue, "key", op)));
    }
    return Optional.empty();
  }

  private void writeContent(ObjectNode fields, TicketDraft draft) {
    fields.put("summary", oneLine(draft.summary()));
    if (!draft.description().isBlank()) {
      fields.set("description", config.apiVersion() == 3
          ? JiraText.adf(draft.description())
          : F.stringNode(JiraText.wiki(draft.description())));
    }
    if (draft.priority() != null) {
      String name = config.priorities().get(draft.priority());
      if (name == null) {
        throw IntegrationException.of(Kind.CONFIGURATION, "jira: map priority", config.projectKey())
            .problem("no Jira priority configured for '" + draft.priority() + "' (priority."
                + draft.priority() + ")")
            .build();
      }
      fields.putObject("priority").put("name", name);
    }
    if (draft.dueDate() != null) {
      fields.put("duedate", draft.dueDate().toString());
    }
    if (draft.assignee() != null) {
      // Cloud (v3) identifies users by account id; Data Center (v2) by user name.
      fields.putObject("assignee").put(config.apiVersion() == 3 ? "accountId" : "name", draft.assignee());
    }
    config.fixGroupField().ifPresent(f -> fields.put(f, draft.correlationId()));
    draft.fields().forEach((id, value) -> fields.set(id, fieldValue(value)));
  }

  private List<String> labels(TicketDraft draft) {
    Set<String> labels = new LinkedHashSet<>(config.labels());
    labels.addAll(draft.labels());
    labels.add(correlationLabel(draft.correlationId()));
    return labels.stream().map(l -> l.replaceAll("\\s+", "-")).toList();
  }

  private static JsonNode fieldValue(String value) {
    String v = value.strip();
    if (v.startsWith("{") || v.startsWith("[")) {
      try {
        return JSON.readTree(v);
      } catch (JacksonException e) {
        throw new IllegalArgumentException("Jira field value looks like JSON but is not: " + v, e);
      }
    }
    return F.stringNode(value);
  }

  private TicketRef ref(String id, String key) {
    return new TicketRef(system(), id, key,
        URI.create(config.baseUrl().toString().replaceAll("/+$", "") + "/browse/" + key));
  }

  private URI uri(String path) {
    return URI.create(api + path);
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
    JsonNode v = node.path(field);
    if (!(v.isString() || v.isNumber()) || v.asString().isEmpty()) {
      throw IntegrationException.of(Kind.BAD_RESPONSE, op, config.baseUrl().getHost())
          .problem("answer has no '" + field + "'").build();
    }
    return v.asString();
  }

  private static String oneLine(String s) {
    // Jira refuses line breaks in the summary, and caps it at 255 characters.
    String one = s.replaceAll("\\s+", " ").strip();
    return one.length() <= 255 ? one : one.substring(0, 254) + "…";
  }

  private static String jqlEscape(String s) {
    return s.replace("\\", "\\\\").replace("\"", "\\\"");
  }
}
