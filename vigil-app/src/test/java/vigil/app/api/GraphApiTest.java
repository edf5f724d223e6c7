package vigil.app.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vigil.app.DmzFixture;
import vigil.app.server.VigilServer;

/** /api/v1/graph and /api/v1/topology over real HTTP on loopback. */
class GraphApiTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static vigil.app.TestServer server;
  private static String base;
  private static long[] exposures;

  @BeforeAll
  static void start() throws Exception {
    Path home = Files.createTempDirectory("vigil-graph-api-test");
    System.setProperty("vigil.home", home.toString());
    try {
      exposures = DmzFixture.importDmz();
    } finally {
      System.clearProperty("vigil.home");
    }
    server = vigil.app.TestServer.start("--vigil.home=" + home);
    base = server.base();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  private static HttpResponse<String> send(HttpRequest.Builder b) throws Exception {
    return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  private static HttpRequest.Builder at(String path) {
    return server.request(path);
  }

  @Test
  void topologyThenPathsChokePointsAndWhatIf() throws Exception {
    HttpResponse<String> bad = send(at("/api/v1/topology").header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString("zones: 7\n")));
    assertThat(bad.statusCode()).isEqualTo(422);
    HttpResponse<String> applied = send(at("/api/v1/topology").header("Content-Type", "application/yaml")
        .PUT(HttpRequest.BodyPublishers.ofString(DmzFixture.TOPOLOGY)));
    assertThat(applied.statusCode()).as(applied.body()).isEqualTo(200);

    JsonNode paths = JSON.readTree(send(at("/api/v1/graph/paths?k=1").GET()).body());
    assertThat(paths.get("paths")).hasSize(1);
    assertThat(paths.get("paths").get(0).get("crownJewel").asString()).isEqualTo("10.20.50.5");

    JsonNode chokes = JSON.readTree(send(at("/api/v1/graph/chokepoints?n=3").GET()).body());
    assertThat(chokes.get("chokePoints").get(0).get("id").asString()).isIn("internet-to-dmz", "dmz-to-db",
        String.valueOf(exposures[0]), String.valueOf(exposures[1]));

    HttpResponse<String> whatIf = send(at("/api/v1/graph/whatif").header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString("{\"fix\": [\"" + exposures[1] + "\"]}")));
    assertThat(whatIf.statusCode()).as(whatIf.body()).isEqualTo(200);
    assertThat(JSON.readTree(whatIf.body()).get("whatIf").get("crownJewelsCut").get(0).asString())
        .isEqualTo("10.20.50.5");

    assertThat(send(at("/api/v1/graph/blast?state=nothing-such").GET()).statusCode()).isEqualTo(400);
  }
}
