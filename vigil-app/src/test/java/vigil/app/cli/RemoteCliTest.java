package vigil.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.app.TestCorpus;
import vigil.app.TestServer;
import vigil.app.cli.CliTest.Run;
import vigil.store.security.ApiTokens;
import vigil.store.security.Role;

/** {@code vigil --server URL}: the data and admin commands against a real server, with the local output's shape. */
class RemoteCliTest {
  private static TestServer server;

  @TempDir Path home;

  @BeforeAll
  static void start() throws Exception {
    server = TestServer.start();
  }

  @AfterAll
  static void stop() {
    server.close();
  }

  @BeforeEach
  void useTemporaryHome() {
    System.setProperty("vigil.home", home.toString());
  }

  @AfterEach
  void clearHome() {
    System.clearProperty("vigil.home");
  }

  /** Runs vigil against the test server with a token read from a file. */
  private Run remote(String token, String... args) throws Exception {
    Path file = Files.createTempFile(home, "token", ".txt");
    Files.writeString(file, token + "\n");
    List<String> all = new ArrayList<>(List.of("--server", server.base(), "--token-file", file.toString()));
    all.addAll(List.of(args));
    return CliTest.vigil(all.toArray(String[]::new));
  }

  private static String writer() {
    return server.token("remote-writer", Role.ADMIN, ApiTokens.Scope.READ, ApiTokens.Scope.WRITE);
  }

  @Test
  void importedFileShowsUpInRemoteAssetsWithTheSameJsonFieldsAsLocal() throws Exception {
    String token = writer();
    String file = TestCorpus.file("nessus/nessus_v_unknown.xml").toString();

    Run imported = remote(token, "import", "--json", file);
    assertThat(imported.code()).as(imported.err()).isZero();
    JsonNode remoteImport = imported.lines().get(0);
    assertThat(remoteImport.get("file").asString()).isEqualTo(file);
    assertThat(remoteImport.get("observations").asInt()).isEqualTo(296);

    Run assets = remote(token, "assets", "--json");
    assertThat(assets.code()).as(assets.err()).isZero();
    JsonNode remoteAssets = assets.lines().get(0);
    assertThat(remoteAssets.get("total").asInt()).isEqualTo(7);

    JsonNode remoteExposures = remote(token, "exposures", "--json", "--limit", "3").lines().get(0);
    JsonNode remoteImports = remote(token, "imports", "--json").lines().get(0);
    assertThat(remoteImports.get("total").asInt()).isEqualTo(1);

    // The same file imported into the local store prints the same fields.
    JsonNode localImport = CliTest.vigil("import", "--json", file).lines().get(0);
    assertThat(fields(remoteImport)).isEqualTo(fields(localImport));
    assertThat(remoteImport.get("exposures")).isEqualTo(localImport.get("exposures"));
    assertThat(fields(remoteAssets)).isEqualTo(fields(CliTest.vigil("assets", "--json").lines().get(0)));
    assertThat(fields(remoteExposures))
        .isEqualTo(fields(CliTest.vigil("exposures", "--json", "--limit", "3").lines().get(0)));
    assertThat(fields(remoteImports)).isEqualTo(fields(CliTest.vigil("imports", "--json").lines().get(0)));
    for (String[] listing : new String[][] {{"fixes", "--json"}, {"sla", "--json"}, {"metrics", "--json"},
        {"graph", "paths", "--json"}, {"graph", "chokepoints", "--json"}}) {
      Run r = remote(token, listing);
      assertThat(r.code()).as(String.join(" ", listing) + ": " + r.err()).isZero();
      assertThat(fields(r.lines().get(0))).as(String.join(" ", listing))
          .isEqualTo(fields(CliTest.vigil(listing).lines().get(0)));
    }

    Run text = remote(token, "assets");
    assertThat(text.out()).contains("7 of 7 assets");
  }

  @Test
  void aRevokedTokenGetsTheRefusedTokenLineAndANonZeroExit() throws Exception {
    String token = server.token("soon-revoked", Role.VIEWER, ApiTokens.Scope.READ);
    assertThat(remote(token, "assets", "--json").code()).isZero();
    String admin = server.token("remote-admin", Role.ADMIN, ApiTokens.Scope.ADMIN);
    JsonNode tokens = remote(admin, "tokens", "list", "--user", "soon-revoked", "--json").lines().get(0);
    assertThat(tokens.get("total").asInt()).isEqualTo(1);
    long id = tokens.get("items").get(0).get("id").asLong();
    assertThat(remote(admin, "tokens", "revoke", String.valueOf(id)).code()).isZero();

    Run refused = remote(token, "assets", "--json");
    assertThat(refused.code()).isNotZero();
    assertThat(refused.out()).isEmpty();
    assertThat(refused.err()).isEqualTo("vigil: the server refused the token (expired, revoked or wrong)\n");
  }

  @Test
  void aReadScopeTokenCannotImport() throws Exception {
    String token = server.token("remote-reader", Role.ADMIN, ApiTokens.Scope.READ);
    Run r = remote(token, "import", "--json", TestCorpus.file("nessus/nessus_many_vuln.xml").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("vigil: forbidden").doesNotContain(token);
  }

  @Test
  void aRefusedUploadIsOneLineNamingTheFileAndPlace() throws Exception {
    Run r = remote(writer(), "import", "--json", TestCorpus.file("hostile/truncated_mid_reportitem.nessus").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains("truncated_mid_reportitem.nessus").contains("line ");
  }

  @Test
  void theTokenIsReadFromStdinWithTokenDash() {
    String token = server.token("stdin-reader", Role.VIEWER, ApiTokens.Scope.READ);
    Run r = withStdin(token + "\n", () -> CliTest.vigil("--server", server.base(), "--token", "-", "imports", "--json"));
    assertThat(r.code()).as(r.err()).isZero();
    assertThat(r.lines().get(0).has("total")).isTrue();
  }

  @Test
  void anUnreachableServerIsOneLine() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    Run r = CliTest.vigil("--server", "http://127.0.0.1:" + port, "--token", "vgl_1_secret", "assets");
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).startsWith("vigil: cannot connect to the server at http://127.0.0.1:" + port)
        .doesNotContain("vgl_1_secret");
  }

  @Test
  void aCommandWithoutARemoteFormRefusesToFallBackToTheLocalStore() throws Exception {
    Run r = remote(writer(), "rescore");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("'rescore' works on the local store only");
  }

  @Test
  void adminCommandsWorkRemotely() throws Exception {
    String admin = server.token("remote-root", Role.ADMIN, ApiTokens.Scope.ADMIN);
    Run added = withStdin("a long enough passphrase\n", () -> {
      try {
        return remote(admin, "users", "add", "carol", "--role", "analyst", "--password-stdin", "--json");
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    });
    assertThat(added.code()).as(added.err()).isZero();
    assertThat(added.lines().get(0).get("localPassword").asBoolean()).isTrue();
    assertThat(remote(admin, "teams", "add", "blue").code()).isZero();
    assertThat(remote(admin, "teams", "add-member", "blue", "carol").code()).isZero();
    JsonNode team = remote(admin, "teams", "grant", "blue", "payments", "--json").lines().get(0);
    assertThat(team.get("members").get(0).asString()).isEqualTo("carol");
    assertThat(team.get("services").get(0).asString()).isEqualTo("payments");

    Run created = remote(admin, "tokens", "create", "--user", "carol", "--name", "ci", "--scope", "read");
    assertThat(created.code()).as(created.err()).isZero();
    String secret = created.out().trim();
    assertThat(secret).startsWith("vgl_");
    assertThat(created.err()).contains("not shown again").doesNotContain(secret);
    assertThat(remote(secret, "imports", "--json").code()).isZero();

    Run audit = remote(admin, "audit", "--action", "team.grant", "--json");
    assertThat(audit.lines().get(0).get("items").get(0).get("actor").asString()).startsWith("remote-root");
    assertThat(remote(admin, "audit", "verify").out()).startsWith("audit trail intact");
  }

  @Test
  void scopeAppliesAndExportsRemotelyAndABadFileIsRefusedUnderItsOwnName() throws Exception {
    String admin = server.token("scope-admin", Role.ADMIN, ApiTokens.Scope.ADMIN);
    String scopeFile = Path.of("../examples/scope.yaml").toString();
    Run dry = remote(admin, "scope", "apply", "--dry-run", "--json", scopeFile);
    assertThat(dry.code()).as(dry.err()).isZero();
    assertThat(dry.lines().get(0).get("file").asString()).isEqualTo(scopeFile);
    assertThat(fields(dry.lines().get(0)))
        .isEqualTo(fields(CliTest.vigil("scope", "apply", "--dry-run", "--json", scopeFile).lines().get(0)));
    assertThat(remote(admin, "scope", "apply", scopeFile).out()).contains("scope version");
    assertThat(remote(admin, "scope", "export").out()).contains("services:");

    Path bad = home.resolve("bad.yaml");
    Files.writeString(bad, "version: 1\nservices:\n  - name: x\n    criticality: 7\n");
    Run refused = remote(admin, "scope", "apply", bad.toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains(bad + ":4").contains("criticality");
  }

  static Run withStdin(String input, Supplier<Run> run) {
    InputStream before = System.in;
    System.setIn(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)));
    try {
      return run.get();
    } finally {
      System.setIn(before);
    }
  }

  /** The field names of a JSON value, recursively ("items[].assetName"), without the values. */
  static Set<String> fields(JsonNode node) {
    Set<String> out = new TreeSet<>();
    collect(node, "", out);
    return out;
  }

  private static void collect(JsonNode node, String prefix, Set<String> out) {
    if (node.isObject()) {
      for (var e : node.properties()) {
        out.add(prefix + e.getKey());
        collect(e.getValue(), prefix + e.getKey() + ".", out);
      }
    } else if (node.isArray()) {
      node.forEach(item -> collect(item, prefix.isEmpty() ? "[]." : prefix.substring(0, prefix.length() - 1) + "[].",
          out));
    }
  }
}
