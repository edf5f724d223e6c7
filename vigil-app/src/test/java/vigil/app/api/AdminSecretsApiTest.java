package vigil.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vigil.app.TestServer;
import vigil.store.Database;
import vigil.store.StoreConfig;
import vigil.store.security.Actor;
import vigil.store.security.AuditLog;
import vigil.store.security.Role;
import vigil.store.security.Secrets;

/** The admin API for integration secrets: write-only values, metadata listed, audited, admins only. */
class AdminSecretsApiTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final String VALUE = "jira-api-token-value-123";

  private static HttpResponse<String> send(HttpRequest.Builder b, String method, String json) throws Exception {
    return HTTP.send(b.header("Content-Type", "application/json").method(method, json == null
        ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(json)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void secretsAreStoredListedWithoutValuesReplacedAndDeletedByAdminsOnly() throws Exception {
    try (TestServer server = TestServer.start("--vigil.secret.key=" + Secrets.newKey())) {
      HttpResponse<String> put = send(server.request("/api/v1/admin/secrets/jira-token"), "PUT",
          "{\"value\":\"" + VALUE + "\"}");
      assertThat(put.statusCode()).as(put.body()).isEqualTo(200);
      assertThat(put.body()).doesNotContain(VALUE);
      assertThat(JSON.readTree(put.body()).get("keyId").asString()).isNotBlank();

      HttpResponse<String> list = send(server.request("/api/v1/admin/secrets"), "GET", null);
      JsonNode listed = JSON.readTree(list.body());
      assertThat(listed.get("keyConfigured").asBoolean()).isTrue();
      assertThat(listed.get("items").findValuesAsString("name")).containsExactly("jira-token");
      assertThat(list.body()).doesNotContain(VALUE);

      assertThat(send(server.request("/api/v1/admin/secrets/jira-token"), "PUT", "{\"value\":\"new-value\"}")
          .statusCode()).isEqualTo(200);
      assertThat(server.context().getBean(Secrets.class).get("jira-token")).contains("new-value");
      assertThat(send(server.request("/api/v1/admin/secrets/jira-token"), "PUT", "{\"value\":\"\"}").statusCode())
          .isEqualTo(400);

      String analyst = server.token("ana", Role.ANALYST);
      assertThat(send(server.as(analyst, "/api/v1/admin/secrets/jira-token"), "PUT", "{\"value\":\"x\"}").statusCode())
          .isEqualTo(403);
      assertThat(send(server.as(analyst, "/api/v1/admin/secrets"), "GET", null).statusCode()).isEqualTo(403);

      assertThat(send(server.request("/api/v1/admin/secrets/jira-token"), "DELETE", null).statusCode()).isEqualTo(204);
      assertThat(send(server.request("/api/v1/admin/secrets/jira-token"), "DELETE", null).statusCode()).isEqualTo(404);
      assertThat(server.context().getBean(AuditLog.class)
          .find(new AuditLog.Query(null, null, null, "secret.", null, "jira-token", 0, 10)))
          .extracting(AuditLog.Event::action).containsExactly("secret.create", "secret.update", "secret.delete");
    }
  }

  @Test
  void withoutTheKeyStoredSecretsAreListedButNoneCanBeStored() throws Exception {
    Path home = Files.createTempDirectory("vigil-secrets-nokey");
    try (Database db = Database.open(StoreConfig.fromEnvironment(Map.of("VIGIL_HOME", home.toString())))) {
      new Secrets(db, Secrets.newKey()).put("slack-hook", VALUE, Actor.system("test"), Instant.now());
    }
    try (TestServer server = TestServer.start("--vigil.home=" + home)) {
      HttpResponse<String> put = send(server.request("/api/v1/admin/secrets/jira-token"), "PUT", "{\"value\":\"x\"}");
      assertThat(put.statusCode()).isEqualTo(409);
      assertThat(put.body()).contains(Secrets.KEY_VARIABLE);
      JsonNode listed = JSON.readTree(send(server.request("/api/v1/admin/secrets"), "GET", null).body());
      assertThat(listed.get("keyConfigured").asBoolean()).isFalse();
      assertThat(listed.get("items").findValuesAsString("name")).containsExactly("slack-hook");
    }
  }
}
