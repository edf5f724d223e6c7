package vigil.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vigil.app.TestCorpus;
import vigil.app.server.VigilServer;

/** The REST API over real HTTP on loopback, against a real (embedded) store. */
class ApiTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static vigil.app.TestServer server;
  private static String base;

  @BeforeAll
  static void start() throws Exception {
    Path home = Files.createTempDirectory("vigil-api-test");
    server = vigil.app.TestServer.start();
    base = server.base();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(server.request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
  }

  static HttpResponse<String> upload(Path file, String query) throws Exception {
    return upload(file, "/api/v1/imports" + query, true);
  }

  static HttpResponse<String> upload(Path file, String path, boolean unused) throws Exception {
    String boundary = "vigil-test-boundary";
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\""
        + file.getFileName() + "\"\r\nContent-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8));
    body.write(Files.readAllBytes(file));
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest req = server.request(path)
        .header("Content-Type", "multipart/form-data; boundary=" + boundary)
        .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray())).build();
    return HTTP.send(req, HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void healthSaysTheDatabaseIsUp() throws Exception {
    HttpResponse<String> r = get("/api/v1/health");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(r.headers().firstValue("X-Frame-Options")).hasValue("DENY");
    assertThat(r.headers().firstValue("Content-Security-Policy").orElse("")).contains("frame-ancestors 'none'");
    assertThat(JSON.readTree(r.body()).get("status").asString()).isEqualTo("up");
  }

  @Test
  void uploadThenListWithFiltersAndPaging() throws Exception {
    HttpResponse<String> created = upload(TestCorpus.file("nessus/nessus_many_vuln.xml"), "");
    assertThat(created.statusCode()).as(created.body()).isIn(200, 201);
    JsonNode report = JSON.readTree(created.body());
    assertThat(report.get("observations").asInt()).isEqualTo(7);

    HttpResponse<String> again = upload(TestCorpus.file("nessus/nessus_many_vuln.xml"), "");
    assertThat(again.statusCode()).isEqualTo(200);
    assertThat(JSON.readTree(again.body()).get("duplicateOf").isNull()).isFalse();

    JsonNode page = JSON.readTree(get("/api/v1/exposures?status=open&limit=2&offset=0&sort=-severity").body());
    assertThat(page.get("items")).hasSize(2);
    assertThat(page.get("total").asInt()).isGreaterThanOrEqualTo(7);
    JsonNode assets = JSON.readTree(get("/api/v1/assets?search=boardvantage").body());
    assertThat(assets.get("total").asInt()).isEqualTo(1);
    long assetId = assets.get("items").get(0).get("id").asLong();
    JsonNode merges = JSON.readTree(get("/api/v1/assets/" + assetId + "/merges").body());
    assertThat(merges.get("items").get(0).get("reason").asString()).isNotBlank();
    JsonNode imports = JSON.readTree(get("/api/v1/imports").body());
    assertThat(imports.get("total").asInt()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void refusedUploadIs422WithFileAndPlace() throws Exception {
    HttpResponse<String> r = upload(TestCorpus.file("hostile/xxe_file_passwd.nessus"), "");
    assertThat(r.statusCode()).isEqualTo(422);
    JsonNode body = JSON.readTree(r.body());
    assertThat(body.get("file").asString()).isEqualTo("xxe_file_passwd.nessus");
    assertThat(body.get("place").asString()).contains("line");
    assertThat(r.body()).doesNotContain("root:x");
  }

  @Test
  void feedUploadStatusAndRiskOrderedExposuresWithExplanations() throws Exception {
    upload(TestCorpus.file("cyclonedx/log4j.json"), "");
    HttpResponse<String> kev = upload(TestCorpus.data("kev/known_exploited_vulnerabilities.json"), "/api/v1/feeds/kev", true);
    assertThat(kev.statusCode()).as(kev.body()).isEqualTo(200);
    assertThat(JSON.readTree(kev.body()).get("records").asInt()).isEqualTo(1674);
    JsonNode feeds = JSON.readTree(get("/api/v1/feeds").body());
    assertThat(feeds.get("items").get(0).get("kind").asString()).isEqualTo("kev");
    assertThat(feeds.get("items").get(0).get("version").asString()).isEqualTo("2026.08.21");

    JsonNode page = JSON.readTree(get("/api/v1/exposures?sort=risk&explain=true&search=log4j&limit=3").body());
    JsonNode top = page.get("items").get(0);
    assertThat(top.get("cves").toString()).contains("CVE-2021-44228");
    assertThat(top.get("priority").asString()).isEqualTo("P1");
    assertThat(top.get("explanation").get("summary").asString()).startsWith("P1");
    assertThat(top.get("explanation").get("factors").toString()).contains("CISA KEV");

    HttpResponse<String> refused = upload(TestCorpus.file("hostile/not_json.json"), "/api/v1/feeds/kev", true);
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(JSON.readTree(refused.body()).get("file").asString()).isEqualTo("not_json.json");
  }

  @Test
  void cvssEndpointScoresAndNamesTheBadMetric() throws Exception {
    JsonNode ok = JSON.readTree(get("/api/v1/cvss?vector=CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H").body());
    assertThat(ok.get("items").get(0).get("score").asDouble()).isEqualTo(9.8);
    HttpResponse<String> bad = get("/api/v1/cvss?vector=CVSS:3.1/AV:X/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("AV");
  }

  @Test
  void scopeIsAppliedExportedAndRefusedOverHttp() throws Exception {
    String yaml = Files.readString(Path.of("../examples/scope.yaml"));
    HttpRequest put = server.request("/api/v1/scope?dryRun=true")
        .header("Content-Type", "application/yaml").PUT(HttpRequest.BodyPublishers.ofString(yaml)).build();
    HttpResponse<String> dry = HTTP.send(put, HttpResponse.BodyHandlers.ofString());
    assertThat(dry.statusCode()).as(dry.body()).isEqualTo(200);
    assertThat(JSON.readTree(dry.body()).get("dryRun").asBoolean()).isTrue();

    HttpRequest apply = server.request("/api/v1/scope")
        .header("Content-Type", "application/yaml").PUT(HttpRequest.BodyPublishers.ofString(yaml)).build();
    JsonNode applied = JSON.readTree(HTTP.send(apply, HttpResponse.BodyHandlers.ofString()).body());
    assertThat(applied.get("changes").size()).isPositive();
    assertThat(get("/api/v1/scope").body()).contains("qa-applications");

    HttpRequest bad = server.request("/api/v1/scope")
        .header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString("version: 1\nservices:\n  - name: x\n    criticality: 0\n")).build();
    HttpResponse<String> refused = HTTP.send(bad, HttpResponse.BodyHandlers.ofString());
    assertThat(refused.statusCode()).isEqualTo(422);
    assertThat(refused.body()).contains("criticality");

    JsonNode shadow = JSON.readTree(get("/api/v1/assets?shadow=true").body());
    assertThat(shadow.get("total").isNumber()).isTrue();
  }

  @Test
  void requestErrorsKeepTheirStatus() throws Exception {
    assertThat(get("/api/v1/imports/nothing-here").statusCode()).isIn(404, 405);
    // A method no rule allows is refused before it reaches a controller (fail closed), even for an admin.
    HttpResponse<String> wrongMethod = HTTP.send(server.request("/api/v1/health")
        .DELETE().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(wrongMethod.statusCode()).isEqualTo(403);
    HttpResponse<String> wrongMedia = HTTP.send(server.request("/api/v1/graph/whatif").header("Content-Type", "text/csv")
        .POST(HttpRequest.BodyPublishers.ofString("a,b")).build(), HttpResponse.BodyHandlers.ofString());
    assertThat(wrongMedia.statusCode()).isEqualTo(415);
    assertThat(get("/api/v1/cvss").statusCode()).isEqualTo(400);
  }

  @Test
  void badSortIs400() throws Exception {
    HttpResponse<String> r = get("/api/v1/exposures?sort=password");
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).contains("unknown sort");
  }

  @Test
  void openApiAndSwaggerUiAreServed() throws Exception {
    HttpResponse<String> spec = get("/api/openapi.json");
    assertThat(spec.statusCode()).isEqualTo(200);
    JsonNode doc = JSON.readTree(spec.body());
    assertThat(doc.get("info").get("title").asString()).isEqualTo("Vigil API");
    assertThat(doc.get("paths").has("/api/v1/exposures")).isTrue();
    assertThat(doc.get("components").get("securitySchemes").get("token").get("scheme").asString()).isEqualTo("bearer");
    assertThat(doc.get("paths").has("/api/v1/imports")).isTrue();
    HttpResponse<String> ui = get("/api/docs");
    assertThat(ui.statusCode()).isIn(200, 302);
  }
}
