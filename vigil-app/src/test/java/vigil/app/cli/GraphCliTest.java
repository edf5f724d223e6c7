package vigil.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.app.DmzFixture;
import vigil.app.TestCorpus;

/** {@code vigil identities|topology|graph}: the validation commands end to end on an embedded store. */
class GraphCliTest {
  @TempDir Path home;

  @BeforeEach
  void useTemporaryHome() {
    System.setProperty("vigil.home", home.toString());
  }

  @AfterEach
  void clearHome() {
    System.clearProperty("vigil.home");
  }

  @Test
  void pathsChokePointsAndWhatIfNameVigilExposureIds(@TempDir Path tmp) throws Exception {
    long[] ids = DmzFixture.importDmz();
    Path topology = Files.writeString(tmp.resolve("topology.yaml"), DmzFixture.TOPOLOGY);
    assertThat(CliTest.vigil("topology", "apply", topology.toString()).out()).contains("topology version");
    assertThat(CliTest.vigil("topology", "apply", topology.toString()).out()).contains("(unchanged)");

    JsonNode paths = CliTest.vigil("graph", "paths", "--k", "1", "--json").lines().get(0);
    assertThat(paths.get("crownJewelsReachable").get(0).asString()).isEqualTo("10.20.50.5");
    List<String> fixes = paths.get("paths").get(0).get("steps").valueStream()
        .filter(s -> s.hasNonNull("fixId")).map(s -> s.get("fixId").asString()).toList();
    assertThat(fixes).containsExactly("internet-to-dmz", String.valueOf(ids[0]), "dmz-to-db", String.valueOf(ids[1]));

    JsonNode chokes = CliTest.vigil("graph", "chokepoints", "--json").lines().get(0);
    assertThat(chokes.get("chokePoints").get(0).get("verified").asBoolean()).isTrue();

    CliTest.Run whatIf = CliTest.vigil("graph", "whatif", "--fix", String.valueOf(ids[0]), "--json");
    assertThat(whatIf.code()).isZero();
    assertThat(whatIf.lines().get(0).get("whatIf").get("crownJewelsCut").get(0).asString()).isEqualTo("10.20.50.5");
    CliTest.Run flow = CliTest.vigil("graph", "whatif", "--remove-flow", "dmz-to-db");
    assertThat(flow.out()).contains("cut: [10.20.50.5]");

    assertThat(CliTest.vigil("graph", "blast", "10.1.0.10").out()).contains("crown jewels [10.20.50.5]");
    assertThat(CliTest.vigil("exposures", "--json").lines().get(0).get("items").get(0).toString())
        .contains("attack path");
  }

  @Test
  void badTopologyAndBadIdentityFilesAreRefusedWithTheirName(@TempDir Path tmp) throws Exception {
    Path bad = Files.writeString(tmp.resolve("bad-topology.yaml"), "flows:\n  - id: x\n    from: nowhere\n    to: y\n");
    CliTest.Run r = CliTest.vigil("topology", "apply", bad.toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("bad-topology.yaml");

    Path notSharpHound = Files.writeString(tmp.resolve("users.json"), "{\"data\": 5}");
    CliTest.Run refused = CliTest.vigil("identities", "import", notSharpHound.toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("users.json");

    String computers = TestCorpus.file("sharphound/v6_computers.json").toString();
    JsonNode first = CliTest.vigil("identities", "import", "--json", computers).lines().get(0);
    assertThat(first.get("principals").asInt()).isPositive();
    assertThat(CliTest.vigil("identities", "import", "--json", computers).lines().get(0).get("duplicate").asBoolean())
        .isTrue();
  }

  @Test
  void recheckProbesAnInScopeServiceAndRefusesTheRest(@TempDir Path tmp) throws Exception {
    com.sun.net.httpserver.HttpServer server = com.sun.net.httpserver.HttpServer.create(
        new java.net.InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/", ex -> {
      ex.getResponseHeaders().set("Server", "lab-server");
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    server.start();
    try {
      long[] ids = DmzFixture.importDmz(); // 10.1.0.10 and 10.20.50.5: no scope applies, not evaluated
      CliTest.Run refused = CliTest.vigil("recheck", String.valueOf(ids[0]));
      assertThat(refused.code()).isEqualTo(1);
      assertThat(refused.err()).contains("refused").contains("only IN_SCOPE");
      assertThat(CliTest.vigil("recheck", "999999").err()).contains("no exposure 999999");

      long local = DmzFixture.importLoopback(server.getAddress().getPort());
      Path scope = Files.writeString(tmp.resolve("scope.yaml"),
          "version: 1\nservices:\n  - name: lab\n    criticality: 3\n    include:\n      - cidr: 127.0.0.1/32\n");
      assertThat(CliTest.vigil("scope", "apply", scope.toString()).code()).isZero();
      CliTest.Run r = CliTest.vigil("recheck", "--json", String.valueOf(local));
      assertThat(r.code()).as(r.err()).isZero();
      JsonNode result = r.lines().get(0);
      assertThat(result.get("verdict").asString()).isEqualTo("REACHABLE");
      assertThat(result.get("probe").get("httpServer").asString()).isEqualTo("lab-server");
    } finally {
      server.stop(0);
    }
  }
}
