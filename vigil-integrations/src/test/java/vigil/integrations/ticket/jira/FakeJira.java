package vigil.integrations.ticket.jira;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;
import vigil.integrations.testing.Fixtures;
import vigil.integrations.testing.LoopbackServer;
import vigil.integrations.testing.LoopbackServer.Reply;
import vigil.integrations.testing.LoopbackServer.Request;

/**
 * The subset of Jira's REST API (v2 and v3) Vigil calls, on loopback: issues in memory, the
 * workflow of {@code transitions.response.json} (To Do → In Progress → Done), answers shaped like
 * the fixtures, and the credentials checked on every request.
 */
public final class FakeJira implements AutoCloseable {
  private static final Pattern ISSUE = Pattern.compile("/rest/api/([23])/issue/([^/]+)(/transitions|/comment)?");
  private static final Pattern LABEL = Pattern.compile("labels = \"([^\"]+)\"");

  /** An issue as the fake holds it. */
  static final class Issue {
    final String id;
    final String key;
    final ObjectNode fields;
    final List<String> labels = new ArrayList<>();
    final List<JsonNode> comments = new ArrayList<>();
    JsonNode status;
    String resolution;

    Issue(String id, String key, ObjectNode fields, JsonNode status) {
      this.id = id;
      this.key = key;
      this.fields = fields;
      this.status = status;
    }

    String statusName() {
      return status.path("name").asString();
    }
  }

  private final String authorization;
  private final LoopbackServer server;
  private final Map<String, Issue> issues = new LinkedHashMap<>();
  private final AtomicInteger next = new AtomicInteger(1);
  private final ArrayNode workflow = (ArrayNode) Fixtures.json("jira/transitions.response.json").path("transitions");
  private volatile int failNextCreateAfterStoringWith;

  public FakeJira(String expectedAuthorization) {
    this.authorization = expectedAuthorization;
    this.server = LoopbackServer.start(this::handle);
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  public LoopbackServer server() {
    return server;
  }

  synchronized Issue issue(String key) {
    return issues.values().stream().filter(i -> i.key.equals(key)).findFirst().orElseThrow();
  }

  public synchronized int issueCount() {
    return issues.size();
  }

  /** A person moves the issue in Jira's UI (two-way sync). */
  public synchronized void moveTo(String key, String statusName, String resolution) {
    Issue issue = issue(key);
    issue.status = statusNamed(statusName);
    issue.resolution = resolution;
  }

  /** The next create stores the issue, then answers {@code status}: the answer is "lost". */
  public void failNextCreateAfterStoring(int status) {
    this.failNextCreateAfterStoringWith = status;
  }

  @Override
  public void close() {
    server.close();
  }

  private synchronized Reply handle(Request r) {
    if (!authorization.equals(r.header("Authorization"))) {
      return Reply.json(401, "{\"errorMessages\":[\"You are not authenticated. Authentication required to perform this operation.\"],\"errors\":{}}");
    }
    String path = r.path();
    if (r.method().equals("POST") && path.matches("/rest/api/[23]/issue")) {
      return create(r);
    }
    if (r.method().equals("GET") && (path.equals("/rest/api/2/search") || path.equals("/rest/api/3/search/jql"))) {
      return search(r);
    }
    Matcher m = ISSUE.matcher(path);
    if (!m.matches()) {
      return Reply.json(404, "{\"errorMessages\":[\"No such endpoint in the fake: " + path + "\"],\"errors\":{}}");
    }
    Issue issue = issues.get(m.group(2));
    if (issue == null) {
      return Reply.json(404, "{\"errorMessages\":[\"Issue does not exist or you do not have permission to see it.\"],\"errors\":{}}");
    }
    String sub = m.group(3) == null ? "" : m.group(3);
    return switch (r.method() + " " + sub) {
      case "GET " -> get(issue, r);
      case "PUT " -> Reply.empty(204);
      case "GET /transitions" -> transitions(issue);
      case "POST /transitions" -> transition(issue, r);
      case "POST /comment" -> comment(issue, r);
      default -> Reply.json(405, "{\"errorMessages\":[\"method not allowed\"],\"errors\":{}}");
    };
  }

  private Reply create(Request r) {
    JsonNode fields = Fixtures.parse(r.body()).path("fields");
    if (!fields.path("project").has("key") || !fields.path("issuetype").has("name") || !fields.has("summary")) {
      return Reply.json(400, "{\"errorMessages\":[],\"errors\":{\"project\":\"project is required\"}}");
    }
    String priority = fields.path("priority").path("name").asString("Medium");
    if (!List.of("Highest", "High", "Medium", "Low", "Lowest").contains(priority)) {
      ObjectNode error = Fixtures.object("jira/error-400.response.json");
      ((ObjectNode) error.path("errors")).put("priority", "Priority name '" + priority + "' is not valid");
      return Reply.json(400, error.toString());
    }
    int n = next.getAndIncrement();
    String id = Integer.toString(10000 + n);
    String key = fields.path("project").path("key").asString() + "-" + n;
    Issue issue = new Issue(id, key, (ObjectNode) fields, statusNamed("To Do"));
    fields.path("labels").forEach(l -> issue.labels.add(l.asString()));
    issues.put(id, issue);
    if (failNextCreateAfterStoringWith != 0) {
      int status = failNextCreateAfterStoringWith;
      failNextCreateAfterStoringWith = 0;
      return Reply.text(status, "upstream connect error or disconnect/reset before headers");
    }
    ObjectNode answer = Fixtures.object("jira/create-issue.response.json");
    answer.put("id", id).put("key", key).put("self", baseUrl() + "/rest/api/3/issue/" + id);
    return Reply.json(201, answer.toString());
  }

  private Reply get(Issue issue, Request r) {
    ObjectNode answer = Fixtures.object("jira/get-issue-status.response.json");
    answer.put("id", issue.id).put("key", issue.key);
    ObjectNode fields = (ObjectNode) answer.path("fields");
    fields.set("status", issue.status.deepCopy());
    if (issue.resolution == null) {
      fields.putNull("resolution");
    } else {
      fields.putObject("resolution").put("name", issue.resolution).put("id", "10000");
    }
    if (r.query() == null || !r.query().contains("fields=status,resolution")) {
      return Reply.json(400, "{\"errorMessages\":[\"the fake expects fields=status,resolution\"],\"errors\":{}}");
    }
    return Reply.json(200, answer.toString());
  }

  private Reply transitions(Issue issue) {
    ObjectNode answer = Fixtures.object("jira/transitions.response.json");
    ArrayNode offered = answer.putArray("transitions");
    // Like a workflow without self-loops: no transition to the status the issue is in.
    workflow.forEach(t -> {
      if (!t.path("to").path("name").asString().equals(issue.statusName())) {
        offered.add(t.deepCopy());
      }
    });
    return Reply.json(200, answer.toString());
  }

  private Reply transition(Issue issue, Request r) {
    String id = Fixtures.parse(r.body()).path("transition").path("id").asString();
    for (JsonNode t : workflow) {
      if (t.path("id").asString().equals(id) && !t.path("to").path("name").asString().equals(issue.statusName())) {
        issue.status = t.path("to");
        JsonNode resolution = Fixtures.parse(r.body()).path("fields").path("resolution").path("name");
        issue.resolution = issue.status.path("statusCategory").path("key").asString().equals("done")
            ? (resolution.isMissingNode() ? "Done" : resolution.asString())
            : null;
        return Reply.empty(204);
      }
    }
    return Reply.json(400, "{\"errorMessages\":[\"It seems that you have tried to perform a workflow operation ("
        + id + ") that is not valid from the current state.\"],\"errors\":{}}");
  }

  private Reply comment(Issue issue, Request r) {
    issue.comments.add(Fixtures.parse(r.body()).path("body"));
    return Reply.json(201, Fixtures.text("jira/add-comment.response.json"));
  }

  private Reply search(Request r) {
    String query = URLDecoder.decode(r.query(), StandardCharsets.UTF_8);
    Matcher label = LABEL.matcher(query);
    ObjectNode answer = Fixtures.object("jira/search.response.json");
    ArrayNode found = answer.putArray("issues");
    if (label.find()) {
      issues.values().stream().filter(i -> i.labels.contains(label.group(1))).limit(1).forEach(i ->
          found.addObject().put("expand", "").put("id", i.id).put("key", i.key)
              .put("self", baseUrl() + "/rest/api/3/issue/" + i.id).putObject("fields"));
    }
    return Reply.json(200, answer.toString());
  }

  private JsonNode statusNamed(String name) {
    for (JsonNode t : workflow) {
      if (t.path("to").path("name").asString().equals(name)) {
        return t.path("to");
      }
    }
    throw new IllegalArgumentException("no status " + name + " in the fake workflow");
  }
}
