package vigil.app.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import vigil.app.imports.ImportReport;
import vigil.store.mobilise.Acceptance;
import vigil.store.mobilise.FixGroup;
import vigil.store.mobilise.Metrics;
import vigil.store.mobilise.SlaStatus;
import vigil.store.query.AssetView;
import vigil.store.query.ExposureView;
import vigil.store.query.ImportView;
import vigil.store.query.Page;
import vigil.store.security.Accounts;
import vigil.store.security.AuditLog;

/**
 * A remote server's REST API ({@code /api/v1}): each operation is one request, its answer read
 * into the same types the local store returns.
 */
final class RemoteBackend implements Backend {
  private static final TypeReference<Map<String, Object>> MAP = new TypeReference<>() {};
  private static final TypeReference<List<Map<String, Object>>> MAPS = new TypeReference<>() {};

  private final Server server;

  RemoteBackend(Server server) {
    this.server = server;
  }

  @Override
  public void close() {}

  // ---- the exposure management loop

  @Override
  public ImportReport importFile(Path file, ScanFileOptions options) {
    if (options.mapping != null) {
      throw new Refused(file + ": --mapping is read on this machine; a server takes CMDB exports with its default"
          + " mapping only");
    }
    JsonNode r;
    try {
      r = refusing(() -> {
        try {
          return server.upload("/api/v1/imports", query("format", options.format, "target", options.target), file);
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      });
    } catch (UncheckedIOException e) {
      throw new Refused(file + ": cannot read: " + e.getCause().getMessage());
    }
    ImportReport report = as(r, ImportReport.class);
    // The server names the upload by its file name; the report names the file as it was given here.
    return new ImportReport(file.toString(), report.format(), report.importId(), report.duplicateOf(),
        report.observations(), report.assets(), report.exposures());
  }

  @Override
  public Page<ImportView> imports(int limit, int offset) {
    return as(server.get("/api/v1/imports", query("limit", limit, "offset", offset)), new TypeReference<>() {});
  }

  @Override
  public Page<AssetView> assets(String kind, String search, String scope, String sort, int limit, int offset) {
    return as(server.get("/api/v1/assets", query("kind", kind, "search", search, "scope", scope, "sort", sort,
        "limit", limit, "offset", offset)), new TypeReference<>() {});
  }

  @Override
  public Page<ExposureView> exposures(ExposureQuery q) {
    return as(server.get("/api/v1/exposures", query("status", q.status(), "severity", q.severity(), "asset", q.asset(),
        "cve", q.cve(), "tool", q.tool(), "search", q.search(), "sort", q.sort(), "limit", q.limit(),
        "offset", q.offset(), "explain", q.explain())), new TypeReference<>() {});
  }

  @Override
  public Listing<FixGroup> fixes(int limit) {
    return as(server.get("/api/v1/fixes", query("limit", limit)), new TypeReference<>() {});
  }

  @Override
  public List<SlaStatus> sla(SlaSelection selection) {
    JsonNode r = server.get("/api/v1/sla", query("breached", selection.breached() ? true : null,
        "dueWithin", selection.dueWithin()));
    return as(r.get("items"), new TypeReference<>() {});
  }

  @Override
  public List<Metrics.Point> metrics() {
    return as(server.get("/api/v1/metrics", Map.of()).get("items"), new TypeReference<>() {});
  }

  @Override
  public Map<String, Object> graphPaths(int k) {
    return as(server.get("/api/v1/graph/paths", query("k", k)), MAP);
  }

  @Override
  public Map<String, Object> graphBlast(String state, int limit) {
    return refusing(() -> as(server.get("/api/v1/graph/blast", query("state", state, "limit", limit)), MAP));
  }

  @Override
  public Map<String, Object> graphChokePoints(int n) {
    return as(server.get("/api/v1/graph/chokepoints", query("n", n)), MAP);
  }

  @Override
  public Map<String, Object> graphWhatIf(List<String> fix, List<String> removeFlow) {
    return refusing(() -> as(server.send("POST", "/api/v1/graph/whatif", Map.of(),
        Map.of("fix", fix, "removeFlow", removeFlow)), MAP));
  }

  @Override
  public String scopeExport() {
    return server.text("/api/v1/scope");
  }

  @Override
  public Map<String, Object> scopeApply(String yaml, String file, ScopeApplyMode mode) {
    try {
      return as(server.putText("/api/v1/scope", query("dryRun", mode.dryRun(), "allowEmpty", mode.allowEmpty()),
          "application/yaml", yaml), MAP);
    } catch (Server.Failure e) {
      // The server names the file it was sent "scope.yaml"; name it as it was given here.
      throw e.status() == 422 || e.status() == 400 ? new Refused(e.getMessage().replace("scope.yaml", file)) : e;
    }
  }

  @Override
  public int accept(long exposureId, Acceptance a) {
    return refusing(() -> server.send("POST", "/api/v1/exposures/" + exposureId + "/acceptance", Map.of(), body(a)))
        .get("accepted").asInt();
  }

  @Override
  public int acceptFixGroup(String key, Acceptance a) {
    return refusing(() -> server.send("POST", "/api/v1/fixes/" + segment(key) + "/acceptance", Map.of(), body(a)))
        .get("accepted").asInt();
  }

  /** An acceptance as the API takes it. */
  private static Map<String, Object> body(Acceptance a) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("reason", a.justification());
    body.put("requestedBy", a.requestedBy());
    body.put("approver", a.approver());
    body.put("until", a.until().toString());
    return body;
  }

  @Override
  public void falsePositive(long exposureId, String reason, String by) {
    Map<String, Object> body = new HashMap<>();
    body.put("reason", reason);
    body.put("actor", by);
    refusing(() -> server.send("POST", "/api/v1/exposures/" + exposureId + "/false-positive", Map.of(), body));
  }

  @Override
  public Map<String, Object> mobilise(Delivery delivery) {
    return as(server.send("POST", "/api/v1/mobilise", query("delivery", delivery == Delivery.DELIVER), null), MAP);
  }

  // ---- administration

  @Override
  public List<Map<String, Object>> users() {
    return as(server.get("/api/v1/admin/users", Map.of()).get("items"), MAPS);
  }

  @Override
  public Map<String, Object> createUser(NewUser user) {
    return as(refusing(() -> server.send("POST", "/api/v1/admin/users", Map.of(), user)), MAP);
  }

  @Override
  public Map<String, Object> changeUser(String username, UserChange change) {
    return as(refusing(() -> server.send("PATCH", "/api/v1/admin/users/" + segment(username), Map.of(), change)), MAP);
  }

  @Override
  public List<Accounts.Team> teams() {
    return as(server.get("/api/v1/admin/teams", Map.of()).get("items"), new TypeReference<>() {});
  }

  @Override
  public Accounts.Team createTeam(String name) {
    return team("POST", "/api/v1/admin/teams", Map.of("name", name));
  }

  @Override
  public Accounts.Team addMember(String team, String username) {
    return team("PUT", "/api/v1/admin/teams/" + segment(team) + "/members/" + segment(username), null);
  }

  @Override
  public Accounts.Team removeMember(String team, String username) {
    return team("DELETE", "/api/v1/admin/teams/" + segment(team) + "/members/" + segment(username), null);
  }

  @Override
  public Accounts.Team grant(String team, String service) {
    return team("PUT", "/api/v1/admin/teams/" + segment(team) + "/grants/" + segment(service), null);
  }

  @Override
  public Accounts.Team revoke(String team, String service) {
    return team("DELETE", "/api/v1/admin/teams/" + segment(team) + "/grants/" + segment(service), null);
  }

  private Accounts.Team team(String method, String path, Object body) {
    return as(refusing(() -> server.send(method, path, Map.of(), body)), Accounts.Team.class);
  }

  @Override
  public List<Map<String, Object>> tokens(String username) {
    List<Map<String, Object>> all = as(server.get("/api/v1/admin/tokens", Map.of()).get("items"), MAPS);
    if (username != null && users().stream().noneMatch(u -> username.equalsIgnoreCase((String) u.get("username")))) {
      throw new Refused("no account named '" + username + "'");
    }
    return username == null ? all : all.stream().filter(t -> username.equalsIgnoreCase((String) t.get("username")))
        .toList();
  }

  @Override
  public Map<String, Object> createToken(TokenRequest request) {
    Map<String, Object> issued = new LinkedHashMap<>(
        as(refusing(() -> server.send("POST", "/api/v1/admin/tokens", Map.of(), request)), MAP));
    issued.remove("note");
    return issued;
  }

  @Override
  public Map<String, Object> revokeToken(long id) {
    return as(refusing(() -> server.send("DELETE", "/api/v1/admin/tokens/" + id, Map.of(), null)), MAP);
  }

  @Override
  public List<Map<String, Object>> audit(AuditLog.Query q) {
    return as(server.get("/api/v1/admin/audit", query("since", q.since(), "until", q.until(), "actor", q.actor(),
        "action", q.action(), "targetType", q.targetType(), "targetId", q.targetId(), "after", q.afterSeq(),
        "limit", q.limit())).get("items"), MAPS);
  }

  @Override
  public AuditLog.Verification verifyAudit() {
    return as(server.get("/api/v1/admin/audit/verify", Map.of()), AuditLog.Verification.class);
  }

  @Override
  public void exportAudit(Instant since, Instant until, Path out) {
    try {
      server.download("/api/v1/admin/audit/export", query("since", since, "until", until), out);
    } catch (IOException e) {
      throw new UncheckedIOException(out + ": cannot write: " + e.getMessage(), e);
    }
  }

  @Override
  public List<Map<String, Object>> secrets() {
    JsonNode r = server.get("/api/v1/admin/secrets", Map.of());
    return as(r.has("items") ? r.get("items") : r, MAPS);
  }

  @Override
  public void putSecret(String name, String value) {
    refusing(() -> server.send("PUT", "/api/v1/admin/secrets/" + segment(name), Map.of(), Map.of("value", value)));
  }

  @Override
  public void deleteSecret(String name) {
    refusing(() -> server.send("DELETE", "/api/v1/admin/secrets/" + segment(name), Map.of(), null));
  }

  // ---- plumbing

  /** The server's answer to bad input (400, 404, 409, 422) is a refusal like the local store's. */
  private static <T> T refusing(Supplier<T> call) {
    try {
      return call.get();
    } catch (Server.Failure e) {
      int s = e.status();
      throw s == 400 || s == 404 || s == 409 || s == 422 ? new Refused(e.getMessage()) : e;
    }
  }

  private static <T> T as(JsonNode node, Class<T> type) {
    return Json.MAPPER.treeToValue(node, type);
  }

  private static <T> T as(JsonNode node, TypeReference<T> type) {
    return Json.MAPPER.readerFor(type).readValue(node);
  }

  /** Query parameters from name/value pairs; null values are left out. */
  private static Map<String, Object> query(Object... pairs) {
    Map<String, Object> out = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i + 1] != null) {
        out.put((String) pairs[i], pairs[i + 1]);
      }
    }
    return out;
  }

  /** A path segment: names may hold spaces or slashes. */
  private static String segment(String s) {
    return java.net.URLEncoder.encode(s, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
  }
}
