package vigil.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vigil.app.TestCorpus;
import vigil.app.TestServer;
import vigil.store.Database;
import vigil.store.security.Accounts;
import vigil.store.security.Actor;
import vigil.store.security.Role;

/**
 * Team isolation over real HTTP: two business services from the corpus (the QA lab's hosts for
 * team "portal", the PHP shop's host for team "shop"), and every endpoint the server maps called as
 * the shop team's analyst, who must get nothing of the portal's. The endpoints come from Spring's
 * own mapping: an endpoint this test does not cover fails it.
 */
class IsolationTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String SCOPE = """
      version: 1
      owners:
        - team: otto
        - team: shop-team
      services:
        - name: portal
          owner: otto
          criticality: 4
          crownJewel: true
          include:
            - hostname: qa3app*
            - ipRange: 10.31.112.21-10.31.112.29
        - name: shop
          owner: shop-team
          criticality: 2
          include:
            - domain: testphp.vulnweb.com
            - cidr: 44.228.249.3/32
      """;
  /** What of the portal must never appear in an answer to the shop team. */
  private static final List<String> PORTAL_NAMES = List.of("qa3app", "10.31.112.", "nessus_v_unknown");

  private static TestServer server;
  private static String bea; // shop analyst
  private static String vic; // shop viewer
  private static String ada; // portal analyst
  private static String otto; // owner of the portal's host, in no team
  private static Set<Long> portalAssets;
  private static Set<Long> portalExposures;
  private static Set<Long> shopAssets;
  private static Set<Long> shopExposures;
  private static long portalImport;
  private static long shopImport;
  private static String portalOnlyFixGroup;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
    HttpResponse<String> scope = send(server.request("/api/v1/scope").header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(SCOPE)));
    assertThat(scope.statusCode()).as(scope.body()).isEqualTo(200);

    Accounts accounts = server.context().getBean(Accounts.class);
    Actor admin = Actor.system("test");
    Instant now = Instant.now();
    bea = server.token("bea", Role.ANALYST);
    vic = server.token("vic", Role.VIEWER);
    ada = server.token("ada", Role.ANALYST);
    otto = server.token("otto", Role.OWNER);
    accounts.createTeam("portal", null, admin, now);
    accounts.grant("portal", "portal", admin, now);
    accounts.addMember("portal", "ada", admin, now);
    accounts.createTeam("shop", null, admin, now);
    accounts.grant("shop", "shop", admin, now);
    accounts.addMember("shop", "bea", admin, now);
    accounts.addMember("shop", "vic", admin, now);

    HttpResponse<String> portal = upload(server.request("/api/v1/imports"), TestCorpus.file("nessus/nessus_v_unknown.xml"));
    assertThat(portal.statusCode()).as(portal.body()).isEqualTo(201);
    portalImport = JSON.readTree(portal.body()).get("importId").asLong();
    HttpResponse<String> shop = upload(server.as(bea, "/api/v1/imports"),
        TestCorpus.file("nessus/nessus_with_cvssv3.nessus"));
    assertThat(shop.statusCode()).as(shop.body()).isEqualTo(201);
    shopImport = JSON.readTree(shop.body()).get("importId").asLong();

    portalAssets = ids(get(server.request("/api/v1/assets?search=qa3app")), "id");
    shopAssets = ids(get(server.request("/api/v1/assets?search=vulnweb")), "id");
    assertThat(portalAssets).isNotEmpty();
    assertThat(shopAssets).isNotEmpty();
    portalExposures = exposuresOf(portalAssets);
    shopExposures = exposuresOf(shopAssets);
    assertThat(portalExposures).isNotEmpty();
    assertThat(shopExposures).isNotEmpty();

    Set<String> portalGroups = new TreeSet<>();
    get(server.as(ada, "/api/v1/fixes?limit=100000")).get("items").forEach(g -> portalGroups.add(g.get("key").asString()));
    Set<String> shopGroups = new HashSet<>();
    get(server.request("/api/v1/fixes?limit=100000")).get("items").forEach(g -> {
      for (JsonNode id : g.get("exposureIds")) {
        if (shopExposures.contains(id.asLong())) {
          shopGroups.add(g.get("key").asString());
        }
      }
    });
    portalOnlyFixGroup = portalGroups.stream().filter(k -> !shopGroups.contains(k) && k.matches("[A-Za-z0-9:._-]+"))
        .findFirst().orElseThrow();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static Set<Long> exposuresOf(Set<Long> assets) throws Exception {
    Set<Long> out = new TreeSet<>();
    for (long a : assets) {
      out.addAll(ids(get(server.request("/api/v1/exposures?limit=10000&asset=" + a)), "id"));
    }
    return out;
  }

  // ---- every endpoint

  /** One endpoint's check, run as a user of the shop team. */
  private interface Check {
    void run(String token) throws Exception;
  }

  @Test
  void everyEndpointAnswersTheShopTeamWithNothingOfThePortal() throws Exception {
    Map<String, Check> checks = checks();
    Set<String> mapped = new TreeSet<>();
    RequestMappingHandlerMapping mapping = server.context()
        .getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
    for (RequestMappingInfo info : mapping.getHandlerMethods().keySet()) {
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      for (String pattern : info.getPatternValues()) {
        for (RequestMethod m : methods.isEmpty() ? Set.of(RequestMethod.GET) : methods) {
          mapped.add(m.name() + " " + pattern);
        }
      }
    }
    List<String> uncovered = new ArrayList<>();
    for (String endpoint : mapped) {
      String path = endpoint.substring(endpoint.indexOf(' ') + 1);
      if (checks.containsKey(endpoint)) {
        continue;
      }
      if (path.startsWith("/api/v1/admin/")) {
        checks.put(endpoint, adminOnly(endpoint));
      } else if (!path.startsWith("/api/v1/")) {
        checks.put(endpoint, outsideTheDataApi(endpoint));
      } else {
        uncovered.add(endpoint);
      }
    }
    assertThat(uncovered).as("endpoints without an isolation check: add one to IsolationTest.checks()").isEmpty();
    assertThat(mapped).as("checks of endpoints that no longer exist").containsAll(checks.keySet());
    for (Map.Entry<String, Check> c : checks.entrySet()) {
      try {
        c.getValue().run(bea);
      } catch (AssertionError e) {
        throw new AssertionError(c.getKey() + " as the shop's analyst: " + e.getMessage(), e);
      }
      if (c.getKey().startsWith("GET ")) {
        try {
          c.getValue().run(vic);
        } catch (AssertionError e) {
          throw new AssertionError(c.getKey() + " as the shop's viewer: " + e.getMessage(), e);
        }
      }
    }
  }

  private Map<String, Check> checks() {
    Map<String, Check> c = new LinkedHashMap<>();
    c.put("GET /api/v1/assets", t -> {
      JsonNode page = get(server.as(t, "/api/v1/assets?limit=10000"));
      assertThat(ids(page, "id")).containsExactlyInAnyOrderElementsOf(shopAssets);
      assertThat(page.get("total").asLong()).isEqualTo(shopAssets.size());
      assertThat(get(server.as(t, "/api/v1/assets?search=qa3app")).get("total").asLong()).isZero();
      noPortal(page);
    });
    c.put("GET /api/v1/assets/{id}/merges", t -> {
      for (long a : portalAssets) {
        assertThat(send(server.as(t, "/api/v1/assets/" + a + "/merges")).statusCode()).isEqualTo(404);
      }
      noPortal(get(server.as(t, "/api/v1/assets/" + shopAssets.iterator().next() + "/merges")));
    });
    c.put("GET /api/v1/exposures", t -> {
      JsonNode page = get(server.as(t, "/api/v1/exposures?limit=10000&explain=true"));
      assertThat(ids(page, "id")).containsExactlyInAnyOrderElementsOf(shopExposures);
      assertThat(get(server.as(t, "/api/v1/exposures?asset=" + portalAssets.iterator().next())).get("total").asLong())
          .isZero();
      noPortal(page);
    });
    c.put("GET /api/v1/imports", t -> {
      JsonNode page = get(server.as(t, "/api/v1/imports?limit=10000"));
      assertThat(ids(page, "id")).containsExactly(shopImport).doesNotContain(portalImport);
      noPortal(page);
    });
    c.put("POST /api/v1/imports", t -> {
      // The shop's upload (in start()) was recorded for its team; uploading it again answers the same import.
      long team = server.context().getBean(Accounts.class).team("shop").orElseThrow().id();
      assertThat(scalar("SELECT team_id FROM import_run WHERE id = " + shopImport)).isEqualTo(team);
      assertThat(scalar("SELECT COUNT(*) FROM import_run WHERE id = " + portalImport + " AND team_id IS NULL"))
          .isEqualTo(1);
      HttpResponse<String> again = upload(server.as(t, "/api/v1/imports"),
          TestCorpus.file("nessus/nessus_with_cvssv3.nessus"));
      assertThat(again.statusCode()).isIn(200, 403);
      noPortal(again.body());
    });
    c.put("GET /api/v1/feeds", t -> noPortal(get(server.as(t, "/api/v1/feeds"))));
    c.put("POST /api/v1/feeds/{kind}", t -> {
      HttpResponse<String> r = upload(server.as(t, "/api/v1/feeds/no-such-feed"), TestCorpus.file("nmap/nmap_0port.xml"));
      assertThat(r.statusCode()).isIn(400, 403);
      noPortal(r.body());
    });
    c.put("GET /api/v1/cvss", t -> noPortal(get(server.as(t,
        "/api/v1/cvss?vector=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))));
    c.put("GET /api/v1/graph/paths", t -> {
      JsonNode r = get(server.as(t, "/api/v1/graph/paths?k=5"));
      assertThat(r.get("crownJewels")).isEmpty();
      noPortal(r);
    });
    c.put("GET /api/v1/graph/blast", t -> {
      HttpResponse<String> r = send(server.as(t, "/api/v1/graph/blast?state=qa3app01"));
      assertThat(r.statusCode()).isIn(400, 404);
      assertThat(r.body()).doesNotContain("10.31.112.").doesNotContain("execCode");
    });
    c.put("GET /api/v1/graph/chokepoints", t -> {
      JsonNode r = get(server.as(t, "/api/v1/graph/chokepoints"));
      assertThat(ids(r.get("chokePoints"), "id").stream().map(String::valueOf).toList()).doesNotContainAnyElementsOf(
          portalExposures.stream().map(String::valueOf).toList());
      noPortal(r);
    });
    c.put("POST /api/v1/graph/whatif", t -> {
      String fix = String.valueOf(portalExposures.iterator().next());
      HttpResponse<String> r = send(server.as(t, "/api/v1/graph/whatif").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"fix\":[\"" + fix + "\"]}")));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
      JsonNode w = JSON.readTree(r.body()).get("whatIf");
      assertThat(w.get("applied")).isEmpty();
      assertThat(w.get("unknown").get(0).asString()).isEqualTo(fix);
      noPortal(w.get("remainingPaths"));
      noPortal(w.get("crownJewelsReachableBefore"));
    });
    c.put("PUT /api/v1/topology", t -> {
      HttpResponse<String> r = send(server.as(t, "/api/v1/topology").header("Content-Type", "application/yaml")
          .PUT(HttpRequest.BodyPublishers.ofString("zones:\n  - id: internet\n    internet: true\nentry_points:\n"
              + "  - id: internet\n    kind: internet\n    zone: internet\n")));
      assertThat(r.statusCode()).isIn(200, 403);
      noPortal(r.body());
    });
    c.put("GET /api/v1/health", t -> noPortal(send(server.as(t, "/api/v1/health")).body()));
    c.put("GET /api/v1/metrics", t -> {
      JsonNode r = get(server.as(t, "/api/v1/metrics"));
      assertThat(r.get("history").asBoolean()).isFalse();
      int open = get(server.as(t, "/api/v1/sla")).get("total").asInt();
      assertThat(metric(r, "open_exposures")).isEqualTo(open);
      assertThat(metric(r, "assets")).isEqualTo(shopAssets.size());
      assertThat(metric(get(server.request("/api/v1/metrics")), "assets"))
          .isEqualTo(shopAssets.size() + portalAssets.size());
    });
    c.put("POST /api/v1/mobilise", t -> {
      HttpResponse<String> r = send(server.as(t, "/api/v1/mobilise?delivery=false").POST(HttpRequest.BodyPublishers.noBody()));
      assertThat(r.statusCode()).isIn(200, 403);
      assertThat(r.body()).doesNotContain(portalOnlyFixGroup);
      noPortal(r.body());
    });
    c.put("GET /api/v1/fixes", t -> {
      JsonNode r = get(server.as(t, "/api/v1/fixes?limit=100000"));
      Set<Long> seen = new HashSet<>();
      r.get("items").forEach(g -> g.get("exposureIds").forEach(id -> seen.add(id.asLong())));
      assertThat(seen).isNotEmpty().isSubsetOf(shopExposures);
      assertThat(r.toString()).doesNotContain(portalOnlyFixGroup);
      noPortal(r);
    });
    c.put("GET /api/v1/sla", t -> {
      JsonNode r = get(server.as(t, "/api/v1/sla"));
      assertThat(ids(r, "exposureId")).isNotEmpty().isSubsetOf(shopExposures);
      assertThat(ids(get(server.as(t, "/api/v1/sla?breached=true")), "exposureId")).isSubsetOf(shopExposures);
      noPortal(r);
    });
    String until = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
    String acceptance = "{\"reason\":\"r\",\"approver\":\"someone-else\",\"until\":\"" + until + "\"}";
    c.put("POST /api/v1/exposures/{id}/acceptance", t -> {
      for (long id : List.of(portalExposures.iterator().next(), 987_654_321L)) {
        HttpResponse<String> r = post(t, "/api/v1/exposures/" + id + "/acceptance", acceptance);
        assertThat(r.statusCode()).as(r.body()).isIn(404, 403);
        if (t.equals(bea)) {
          assertThat(r.statusCode()).isEqualTo(404);
          assertThat(r.body()).isEqualTo("{\"error\":\"no exposure " + id + "\"}");
        }
      }
      assertThat(status(portalExposures.iterator().next())).isNotEqualTo("ACCEPTED");
    });
    c.put("POST /api/v1/exposures/{id}/false-positive", t -> {
      long id = portalExposures.iterator().next();
      HttpResponse<String> r = post(t, "/api/v1/exposures/" + id + "/false-positive", "{\"reason\":\"r\"}");
      assertThat(r.statusCode()).isEqualTo(404);
      assertThat(status(id)).isNotEqualTo("FALSE_POSITIVE");
    });
    c.put("POST /api/v1/fixes/{key}/acceptance", t -> {
      HttpResponse<String> r = post(t, "/api/v1/fixes/" + portalOnlyFixGroup + "/acceptance", acceptance);
      assertThat(r.statusCode()).isEqualTo(404);
      noPortal(r.body());
    });
    c.put("GET /api/v1/scope", t -> assertThat(send(server.as(t, "/api/v1/scope")).statusCode()).isEqualTo(403));
    c.put("PUT /api/v1/scope", t -> assertThat(send(server.as(t, "/api/v1/scope").header("Content-Type",
        "application/yaml").PUT(HttpRequest.BodyPublishers.ofString(SCOPE))).statusCode()).isEqualTo(403));
    c.put("POST /api/v1/session", t -> {
      HttpResponse<String> r = send(server.anonymous("/api/v1/session").header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"username\":\"otto\",\"password\":\"not a password at all\"}")));
      assertThat(r.statusCode()).isEqualTo(401);
      noPortal(r.body());
    });
    c.put("DELETE /api/v1/session", t -> noPortal(send(server.as(t, "/api/v1/session").DELETE()).body()));
    c.put("GET /api/v1/me", t -> {
      JsonNode me = get(server.as(t, "/api/v1/me"));
      assertThat(me.get("services").toString()).isEqualTo("[\"shop\"]");
      assertThat(me.get("teams").toString()).isEqualTo("[\"shop\"]");
    });
    c.put("PUT /api/v1/me/password", t -> {
      HttpResponse<String> r = send(server.as(t, "/api/v1/me/password").header("Content-Type", "application/json")
          .PUT(HttpRequest.BodyPublishers.ofString("{\"current\":\"x\",\"password\":\"y\"}")));
      assertThat(r.statusCode()).isEqualTo(400);
      noPortal(r.body());
    });
    c.put("GET /api/v1/me/tokens", t -> noPortal(get(server.as(t, "/api/v1/me/tokens"))));
    c.put("POST /api/v1/me/tokens", t -> {
      HttpResponse<String> r = post(t, "/api/v1/me/tokens", "{\"name\":\"isolation\",\"scopes\":[\"read\"],\"days\":1}");
      assertThat(r.statusCode()).as(r.body()).isIn(201, 403);
      noPortal(r.body());
    });
    c.put("DELETE /api/v1/me/tokens/{id}", t -> {
      long adaToken = get(server.as(ada, "/api/v1/me/tokens")).get("items").get(0).get("id").asLong();
      assertThat(send(server.as(t, "/api/v1/me/tokens/" + adaToken).DELETE()).statusCode()).isEqualTo(404);
      assertThat(send(server.as(ada, "/api/v1/me")).statusCode()).isEqualTo(200);
    });
    return c;
  }

  /** An administration endpoint: refused to the shop team (403) whatever its parameters. */
  private static Check adminOnly(String endpoint) {
    return t -> {
      String method = endpoint.substring(0, endpoint.indexOf(' '));
      String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x");
      HttpResponse<String> r = send(server.as(t, path).header("Content-Type", "application/json")
          .method(method, method.equals("GET") || method.equals("DELETE") ? HttpRequest.BodyPublishers.noBody()
              : HttpRequest.BodyPublishers.ofString("{}")));
      assertThat(r.statusCode()).as(r.body()).isEqualTo(403);
    };
  }

  /** Outside /api/v1 (the API description, Spring's error page): no data of any team. */
  private static Check outsideTheDataApi(String endpoint) {
    return t -> {
      String method = endpoint.substring(0, endpoint.indexOf(' '));
      String path = endpoint.substring(endpoint.indexOf(' ') + 1).replaceAll("\\{[^}]+}", "x");
      HttpResponse<String> r = send(server.as(t, path).method(method, HttpRequest.BodyPublishers.noBody()));
      noPortal(r.body());
    };
  }

  // ---- owners

  @Test
  void anOwnerSeesOnlyTheAssetsTheyOwnAndAcceptsRiskOnlyOnThem() throws Exception {
    assertThat(ids(get(server.as(otto, "/api/v1/assets?limit=10000")), "id"))
        .containsExactlyInAnyOrderElementsOf(portalAssets);
    assertThat(ids(get(server.as(otto, "/api/v1/exposures?limit=10000")), "id"))
        .containsExactlyInAnyOrderElementsOf(portalExposures);
    String until = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();
    String body = "{\"reason\":\"fixed next release\",\"approver\":\"ciso\",\"until\":\"" + until + "\"}";
    long shop = shopExposures.iterator().next();
    HttpResponse<String> refused = post(otto, "/api/v1/exposures/" + shop + "/acceptance", body);
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(404);
    assertThat(status(shop)).isNotEqualTo("ACCEPTED");
    long own = ids(get(server.as(otto, "/api/v1/sla")), "exposureId").iterator().next();
    HttpResponse<String> accepted = post(otto, "/api/v1/exposures/" + own + "/acceptance", body);
    assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
    assertThat(status(own)).isEqualTo("ACCEPTED");
    assertThat(scalar("SELECT COUNT(*) FROM risk_acceptance WHERE requested_by = 'otto' AND exposure_id = " + own))
        .isEqualTo(1);
  }

  @Test
  void thePortalTeamSeesThePortalAndNotTheShop() throws Exception {
    assertThat(ids(get(server.as(ada, "/api/v1/assets?limit=10000")), "id"))
        .containsExactlyInAnyOrderElementsOf(portalAssets);
    assertThat(ids(get(server.as(ada, "/api/v1/imports")), "id")).containsExactly(portalImport);
    JsonNode paths = get(server.as(ada, "/api/v1/graph/paths"));
    assertThat(paths.get("crownJewels").toString()).contains("qa3app");
    assertThat(paths.toString()).doesNotContain("vulnweb");
  }

  // ---- plumbing

  private static void noPortal(JsonNode answer) {
    noPortal(answer.toString());
  }

  private static void noPortal(String answer) {
    for (String name : PORTAL_NAMES) {
      assertThat(answer).doesNotContain(name);
    }
    for (long id : portalExposures) {
      assertThat(answer).doesNotContain("\"id\":" + id + ",").doesNotContain("\"exposureId\":" + id + ",")
          .doesNotContain("\"" + id + "\"");
    }
  }

  private static double metric(JsonNode metrics, String name) {
    for (JsonNode p : metrics.get("items")) {
      if (p.get("name").asString().equals(name) && p.get("dimension").asString().equals("all")) {
        return p.get("value").asDouble();
      }
    }
    throw new AssertionError("no metric " + name + " in " + metrics);
  }

  private static Set<Long> ids(JsonNode page, String field) {
    Set<Long> out = new TreeSet<>();
    JsonNode items = page.has("items") ? page.get("items") : page;
    items.forEach(i -> out.add(i.get(field).asLong()));
    return out;
  }

  private static String status(long exposureId) {
    return server.context().getBean(Database.class).read("status", c -> {
      try (var ps = c.prepareStatement("SELECT status FROM exposure WHERE id = ?")) {
        ps.setLong(1, exposureId);
        try (var rs = ps.executeQuery()) {
          rs.next();
          return rs.getString(1);
        }
      }
    });
  }

  private static long scalar(String sql) {
    return server.context().getBean(Database.class).read("test", c -> {
      try (var ps = c.prepareStatement(sql); var rs = ps.executeQuery()) {
        rs.next();
        return rs.getLong(1);
      }
    });
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static JsonNode get(HttpRequest.Builder b) throws Exception {
    HttpResponse<String> r = send(b);
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  private static HttpResponse<String> post(String token, String path, String json) throws Exception {
    return send(server.as(token, path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)));
  }

  private static HttpResponse<String> upload(HttpRequest.Builder b, Path file) throws Exception {
    String boundary = "vigil-isolation-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
        + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(Files.readAllBytes(file));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    return send(b.header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())));
  }
}
