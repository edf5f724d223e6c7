package vigil.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vigil.app.TestCorpus;
import vigil.app.server.VigilServer;
import vigil.store.Database;
import vigil.store.StoreConfig;
import vigil.store.imports.FileImporter;

/** Fix groups, SLA, acceptance and false positives over real HTTP on loopback. */
class MobilisationApiTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static vigil.app.TestServer server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Path home = Files.createTempDirectory("vigil-mob-api-test");
    Path policy = home.resolve("sla.properties");
    Files.writeString(policy, "P1=1\nP2=2\nP3=3\nP4=4\n");
    server = vigil.app.TestServer.start("--vigil.sla.policy=" + policy);
    base = server.base();
    new FileImporter(server.context().getBean(Database.class))
        .importFile(vigil.ingest.ScanFile.of(TestCorpus.file("trivy/scheme_2_many_vulns.json")), null, "tester");
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static JsonNode get(String path) throws Exception {
    HttpResponse<String> r = HTTP.send(server.request(path).GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(r.statusCode()).as(r.body()).isEqualTo(200);
    return JSON.readTree(r.body());
  }

  static HttpResponse<String> post(String path, String json) throws Exception {
    return HTTP.send(server.request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void fixesAndSlaFollowTheConfiguredPolicy() throws Exception {
    JsonNode fixes = get("/api/v1/fixes");
    assertThat(fixes.get("total").asInt()).isPositive();
    JsonNode top = fixes.get("items").get(0);
    assertThat(top.get("title").asString()).startsWith("Upgrade ");
    JsonNode sla = get("/api/v1/sla?dueWithin=P5D");
    assertThat(sla.get("total").asInt()).isEqualTo(get("/api/v1/sla").get("total").asInt()).isPositive();
    assertThat(get("/api/v1/sla?dueWithin=PT1H").get("total").asInt()).isZero();
  }

  @Test
  void acceptanceAndFalsePositiveAreRecordedOrRefused() throws Exception {
    JsonNode items = get("/api/v1/sla").get("items");
    long first = items.get(0).get("exposureId").asLong();
    long second = items.get(1).get("exposureId").asLong();
    String until = LocalDate.now(ZoneOffset.UTC).plusDays(10).toString();
    // The requester is the signed-in account (the admin): approving one's own request is refused,
    // and the body cannot name another requester.
    HttpResponse<String> same = post("/api/v1/exposures/" + first + "/acceptance",
        "{\"reason\":\"r\",\"approver\":\"admin\",\"until\":\"" + until + "\"}");
    assertThat(same.statusCode()).isEqualTo(400);
    assertThat(same.body()).contains("someone other");
    HttpResponse<String> spoofed = post("/api/v1/exposures/" + first + "/acceptance",
        "{\"reason\":\"r\",\"requestedBy\":\"alice\",\"approver\":\"bob\",\"until\":\"" + until + "\"}");
    assertThat(spoofed.statusCode()).isEqualTo(400);
    assertThat(spoofed.body()).contains("signed-in account");
    HttpResponse<String> ok = post("/api/v1/exposures/" + first + "/acceptance",
        "{\"reason\":\"WAF rule\",\"approver\":\"bob\",\"until\":\"" + until + "\"}");
    assertThat(ok.statusCode()).as(ok.body()).isEqualTo(200);
    HttpResponse<String> fp = post("/api/v1/exposures/" + second + "/false-positive", "{\"reason\":\"not shipped\"}");
    assertThat(fp.statusCode()).as(fp.body()).isEqualTo(200);
    assertThat(get("/api/v1/sla").get("items").findValuesAsString("exposureId"))
        .doesNotContain(String.valueOf(first), String.valueOf(second));
    assertThat(post("/api/v1/fixes/nope/acceptance",
        "{\"reason\":\"r\",\"requestedBy\":\"a\",\"approver\":\"b\",\"until\":\"" + until + "\"}").statusCode()).isEqualTo(404);
  }

  @Test
  void metricsReturnTodaysSeriesAndMobiliseRunsOnePass() throws Exception {
    JsonNode items = get("/api/v1/metrics").get("items");
    int open = get("/api/v1/sla").get("total").asInt();
    boolean found = false;
    for (JsonNode p : items) {
      if (p.get("name").asString().equals("open_exposures") && p.get("dimension").asString().equals("all")) {
        assertThat(p.get("value").asDouble()).isEqualTo(open);
        assertThat(p.get("day").asString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        found = true;
      }
    }
    assertThat(found).as(items.toString()).isTrue();

    HttpResponse<String> pass = post("/api/v1/mobilise", "");
    assertThat(pass.statusCode()).as(pass.body()).isEqualTo(200);
    JsonNode r = JSON.readTree(pass.body());
    assertThat(r.get("queued").asInt()).as("no settings file: nothing to send").isZero();
    assertThat(r.get("fixGroupsVerified")).isEmpty();
    assertThat(r.get("ticketsClosedByThem")).isEmpty();
    assertThat(r.get("delivered").asInt()).isZero();
    HttpResponse<String> queueOnly = post("/api/v1/mobilise?delivery=false", "");
    assertThat(queueOnly.statusCode()).as(queueOnly.body()).isEqualTo(200);
    assertThat(JSON.readTree(queueOnly.body()).get("fixGroupsReopened")).isEmpty();
  }
}
