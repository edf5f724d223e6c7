package vigil.integrations.ticket.servicenow;

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
 * The subset of ServiceNow's Table API Vigil calls, on loopback: records of one table in memory,
 * journal fields (work_notes, comments) that append, {@code sysparm_fields} honoured, answers shaped
 * like the fixtures, and the credentials checked on every request.
 */
final class FakeServiceNow implements AutoCloseable {
  private static final Pattern RECORD = Pattern.compile("/api/now/table/([a-z_]+)(?:/([0-9a-f]{32}))?");
  private static final Pattern CORRELATION = Pattern.compile("^correlation_id=((?:[^^]|\\^\\^)*)");

  private final String authorization;
  private final String table;
  private final LoopbackServer server;
  private final Map<String, ObjectNode> records = new LinkedHashMap<>();
  final Map<String, List<String>> workNotes = new LinkedHashMap<>();
  private final AtomicInteger next = new AtomicInteger(1);

  FakeServiceNow(String expectedAuthorization, String table) {
    this.authorization = expectedAuthorization;
    this.table = table;
    this.server = LoopbackServer.start(this::handle);
  }

  String baseUrl() {
    return "http://127.0.0.1:" + server.port();
  }

  LoopbackServer server() {
    return server;
  }

  synchronized ObjectNode record(String number) {
    return records.values().stream().filter(r -> r.path("number").asString().equals(number)).findFirst().orElseThrow();
  }

  synchronized int count() {
    return records.size();
  }

  /** A person changes the record in ServiceNow's UI (two-way sync). */
  synchronized void set(String number, String column, String value) {
    record(number).put(column, value);
  }

  @Override
  public void close() {
    server.close();
  }

  private synchronized Reply handle(Request r) {
    if (!authorization.equals(r.header("Authorization"))) {
      return Reply.json(401, Fixtures.text("servicenow/error-401.response.json"));
    }
    Matcher m = RECORD.matcher(r.path());
    if (!m.matches() || !m.group(1).equals(table)) {
      return Reply.json(400, "{\"error\":{\"message\":\"Invalid table " + r.path() + "\",\"detail\":null},\"status\":\"failure\"}");
    }
    Map<String, String> query = query(r.query());
    String sysId = m.group(2);
    if (sysId == null) {
      return switch (r.method()) {
        case "POST" -> create(r, query);
        case "GET" -> list(query);
        default -> Reply.json(405, "{\"error\":{\"message\":\"Method not Supported\"},\"status\":\"failure\"}");
      };
    }
    ObjectNode record = records.get(sysId);
    if (record == null) {
      return Reply.json(404, Fixtures.text("servicenow/error-404.response.json"));
    }
    return switch (r.method()) {
      case "GET" -> Reply.json(200, result(record, query).toString());
      case "PATCH" -> {
        apply(record, Fixtures.parse(r.body()));
        yield Reply.json(200, result(record, query).toString());
      }
      default -> Reply.json(405, "{\"error\":{\"message\":\"Method not Supported\"},\"status\":\"failure\"}");
    };
  }

  private Reply create(Request r, Map<String, String> query) {
    int n = next.getAndIncrement();
    String sysId = String.format("%032x", 0x9d385017L * 1000 + n);
    ObjectNode record = Fixtures.JSON.createObjectNode()
        .put("sys_id", sysId).put("number", String.format("INC%07d", 10000 + n)).put("state", "1").put("close_code", "");
    apply(record, Fixtures.parse(r.body()));
    records.put(sysId, record);
    return Reply.json(201, result(record, query).toString());
  }

  private Reply list(Map<String, String> query) {
    ObjectNode answer = Fixtures.object("servicenow/list.response.json");
    ArrayNode rows = answer.putArray("result");
    Matcher c = CORRELATION.matcher(query.getOrDefault("sysparm_query", ""));
    int limit = Integer.parseInt(query.getOrDefault("sysparm_limit", "10000"));
    if (c.find()) {
      String wanted = c.group(1).replace("^^", "^");
      records.values().stream().filter(rec -> rec.path("correlation_id").asString("").equals(wanted))
          .limit(limit).forEach(rec -> rows.add(fields(rec, query)));
    }
    return Reply.json(200, answer.toString());
  }

  private void apply(ObjectNode record, JsonNode body) {
    body.properties().forEach(e -> {
      if (e.getKey().equals("work_notes") || e.getKey().equals("comments")) {
        // Journal fields: each write adds an entry; the column itself reads back empty.
        workNotes.computeIfAbsent(record.path("number").asString(), k -> new ArrayList<>())
            .add(e.getKey() + ": " + e.getValue().asString());
      } else {
        record.set(e.getKey(), e.getValue());
      }
    });
  }

  private ObjectNode result(ObjectNode record, Map<String, String> query) {
    ObjectNode answer = Fixtures.object("servicenow/record.response.json");
    answer.set("result", fields(record, query));
    return answer;
  }

  private static ObjectNode fields(ObjectNode record, Map<String, String> query) {
    String wanted = query.get("sysparm_fields");
    if (wanted == null) {
      return record.deepCopy();
    }
    ObjectNode out = Fixtures.JSON.createObjectNode();
    for (String f : wanted.split(",")) {
      out.set(f, record.has(f) ? record.get(f) : out.stringNode(""));
    }
    return out;
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> out = new LinkedHashMap<>();
    if (raw != null) {
      for (String p : raw.split("&")) {
        int eq = p.indexOf('=');
        out.put(URLDecoder.decode(p.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(p.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }
}
