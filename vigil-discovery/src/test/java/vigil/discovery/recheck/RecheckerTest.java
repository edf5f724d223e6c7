package vigil.discovery.recheck;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.model.AssetKind;
import vigil.model.AssetRef;
import vigil.model.Cvss;
import vigil.model.Location;
import vigil.model.Observation;
import vigil.model.Severity;
import vigil.model.Weakness;
import vigil.model.WeaknessKind;
import vigil.store.Database;
import vigil.store.StoreConfig;
import vigil.store.imports.ImportRequest;
import vigil.store.imports.Importer;
import vigil.store.risk.Rescorer;
import vigil.store.scope.ScopeStore;

/** Re-checks against real servers on 127.0.0.1, on H2 and PostgreSQL. */
class RecheckerTest {
  private static final Duration TIMEOUT = Duration.ofSeconds(3);
  private static final AtomicInteger SCANS = new AtomicInteger();
  private static final String SCOPE = """
      version: 1
      services:
        - name: lab
          criticality: 3
          include:
            - cidr: 127.0.0.1/32
      """;

  @TempDir Path tmp;

  static List<String> engines() {
    return "skip".equals(System.getProperty("vigil.test.pg")) ? List.of("h2") : List.of("h2", "postgres");
  }

  static Database open(String engine, Path tmp) throws Exception {
    if (engine.equals("h2")) {
      return Database.open(StoreConfig.embedded(Files.createTempDirectory(tmp, "h2")));
    }
    String base = System.getProperty("vigil.test.pg.url", "jdbc:postgresql://127.0.0.1:5432/vigil_test");
    String user = System.getProperty("vigil.test.pg.user", "postgres");
    String password = System.getProperty("vigil.test.pg.password", "");
    String schema = "t_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    try (Connection c = DriverManager.getConnection(base, user, password); Statement s = c.createStatement()) {
      s.execute("CREATE SCHEMA " + schema);
    }
    return Database.open(new StoreConfig(base + "?currentSchema=" + schema, user, password));
  }

  /** One exposure on host ip at port, found with the given component version; returns its id. */
  static long exposure(Database db, String ip, int port, String component, String version) throws Exception {
    AssetRef host = AssetRef.builder(AssetKind.HOST).host(ip).build();
    Weakness w = new Weakness(WeaknessKind.VULNERABILITY, "check-" + port, "Outdated " + component,
        List.of("CVE-2099-" + (1000 + SCANS.incrementAndGet())), List.of());
    Observation o = new Observation(host, w, new Location(port, "tcp", "www", component, version, null, null, null),
        Severity.HIGH, "High", Cvss.NONE, "d", "upgrade", "banner " + version, null);
    String name = "scan-" + SCANS.incrementAndGet();
    new Importer(db).run(new ImportRequest(name, "test", "Nessus", name + "-sha", "t", Instant.now()),
        sink -> sink.observation(o));
    return scalar(db, "SELECT MAX(id) FROM exposure");
  }

  static long scalar(Database db, String sql) throws Exception {
    try (Connection c = db.connection(); Statement s = c.createStatement(); ResultSet rs = s.executeQuery(sql)) {
      rs.next();
      return rs.getLong(1);
    }
  }

  static void applyScope(Database db) throws Exception {
    new ScopeStore(db, new Rescorer(db)).apply(SCOPE, "scope.yaml", "t", false, false);
  }

  static HttpServer http(String serverHeader) throws IOException {
    HttpServer s = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.createContext("/", ex -> {
      byte[] body = "<html><head><title>Lab portal</title></head></html>".getBytes(StandardCharsets.UTF_8);
      ex.getResponseHeaders().set("Server", serverHeader);
      ex.sendResponseHeaders(200, body.length);
      try (OutputStream out = ex.getResponseBody()) {
        out.write(body);
      }
    });
    s.start();
    return s;
  }

  @ParameterizedTest
  @MethodSource("engines")
  void httpServerStillShowingTheVersionIsRecordedAsAReCheckObservation(String engine) throws Exception {
    HttpServer server = http("Apache/2.4.49 (Unix)");
    try (Database db = open(engine, tmp)) {
      long id = exposure(db, "127.0.0.1", server.getAddress().getPort(), "Apache httpd", "2.4.49");
      applyScope(db);

      RecheckResult r = new Rechecker(db, TIMEOUT).recheck(id, "tester");

      assertThat(r.verdict()).isEqualTo(RecheckResult.Verdict.STILL_VULNERABLE);
      assertThat(r.probe().httpStatus()).isEqualTo(200);
      assertThat(r.probe().httpServer()).isEqualTo("Apache/2.4.49 (Unix)");
      assertThat(r.probe().httpTitle()).isEqualTo("Lab portal");
      assertThat(r.importId()).isNotNull();
      // The same exposure, seen again by the re-check tool: no new exposure, one more observation.
      assertThat(scalar(db, "SELECT COUNT(*) FROM exposure")).isEqualTo(1);
      assertThat(scalar(db, "SELECT COUNT(*) FROM observation WHERE exposure_id = " + id)).isEqualTo(2);
      assertThat(scalar(db, "SELECT COUNT(*) FROM exposure WHERE tools LIKE '%,Vigil re-check,%' AND id = " + id))
          .isEqualTo(1);
    } finally {
      server.stop(0);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void upgradedServiceIsReachableButNothingIsRecorded(String engine) throws Exception {
    HttpServer server = http("Apache/2.4.62 (Unix)");
    try (Database db = open(engine, tmp)) {
      long id = exposure(db, "127.0.0.1", server.getAddress().getPort(), "Apache httpd", "2.4.49");
      applyScope(db);
      long imports = scalar(db, "SELECT COUNT(*) FROM import_run");

      RecheckResult r = new Rechecker(db, TIMEOUT).recheck(id, "tester");

      assertThat(r.verdict()).isEqualTo(RecheckResult.Verdict.REACHABLE);
      assertThat(r.importId()).isNull();
      assertThat(scalar(db, "SELECT COUNT(*) FROM import_run")).isEqualTo(imports);
    } finally {
      server.stop(0);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void tlsHandshakeReadsTheCertificateAndTheBannerBehindIt(String engine) throws Exception {
    HttpsServer server = https("nginx/1.18.0");
    try (Database db = open(engine, tmp)) {
      long id = exposure(db, "127.0.0.1", server.getAddress().getPort(), "nginx", "1.18.0");
      applyScope(db);

      RecheckResult r = new Rechecker(db, TIMEOUT).recheck(id, "tester");

      assertThat(r.probe().tlsProtocol()).startsWith("TLSv1.");
      assertThat(r.probe().certificateSubject()).isEqualTo("CN=vigil-recheck-test");
      assertThat(r.probe().certificateNotAfter()).isAfter(Instant.now());
      assertThat(r.probe().httpServer()).isEqualTo("nginx/1.18.0");
      assertThat(r.verdict()).isEqualTo(RecheckResult.Verdict.STILL_VULNERABLE);
    } finally {
      server.stop(0);
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void plainTcpGreetingAndAClosedPort(String engine) throws Exception {
    try (ServerSocket ssh = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Database db = open(engine, tmp)) {
      Thread greeter = new Thread(() -> {
        try (Socket s = ssh.accept(); OutputStream out = s.getOutputStream()) {
          out.write("SSH-2.0-OpenSSH_7.4\r\n".getBytes(StandardCharsets.US_ASCII));
          out.flush();
          InputStream in = s.getInputStream();
          in.read(); // until the client hangs up
        } catch (IOException ignored) {
          // the client closed first
        }
      });
      greeter.start();
      long sshExposure = exposure(db, "127.0.0.1", ssh.getLocalPort(), "OpenSSH", "OpenSSH_7.4");
      int closedPort;
      try (ServerSocket closed = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
        closedPort = closed.getLocalPort();
      }
      long closedExposure = exposure(db, "127.0.0.1", closedPort, "Apache httpd", "2.4.49");
      applyScope(db);
      Rechecker rechecker = new Rechecker(db, TIMEOUT);

      RecheckResult greeted = rechecker.recheck(sshExposure, "tester");
      assertThat(greeted.probe().banner()).isEqualTo("SSH-2.0-OpenSSH_7.4");
      assertThat(greeted.verdict()).isEqualTo(RecheckResult.Verdict.STILL_VULNERABLE);

      RecheckResult gone = rechecker.recheck(closedExposure, "tester");
      assertThat(gone.verdict()).isEqualTo(RecheckResult.Verdict.UNREACHABLE);
      assertThat(gone.probe().error()).isNotBlank();
      greeter.join();
    }
  }

  @ParameterizedTest
  @MethodSource("engines")
  void scopeGuardRefusesOutOfScopeAssetsAndForeignAddressesBeforeSendingAnything(String engine) throws Exception {
    try (ServerSocket listener = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Database db = open(engine, tmp)) {
      long notEvaluated = exposure(db, "127.0.0.1", listener.getLocalPort(), "Apache httpd", "2.4.49");
      Rechecker rechecker = new Rechecker(db, TIMEOUT);
      assertThatThrownBy(() -> rechecker.recheck(notEvaluated, "tester")).isInstanceOf(RecheckRefused.class)
          .hasMessageContaining("only IN_SCOPE");

      long shadow = exposure(db, "10.9.9.9", listener.getLocalPort(), "Apache httpd", "2.4.49");
      applyScope(db);
      assertThatThrownBy(() -> rechecker.recheck(shadow, "tester")).isInstanceOf(RecheckRefused.class)
          .hasMessageContaining("SHADOW_IT");
      // In scope, but the address asked for is not the exposure's own asset's.
      assertThatThrownBy(() -> rechecker.recheck(notEvaluated, "10.9.9.9", "tester"))
          .isInstanceOf(RecheckRefused.class).hasMessageContaining("not an address of asset");

      listener.setSoTimeout(200);
      assertThatThrownBy(listener::accept).isInstanceOf(java.net.SocketTimeoutException.class);
    }
  }

  /** An HTTPS server on loopback with a self-signed certificate made by keytool for this test. */
  private HttpsServer https(String serverHeader) throws Exception {
    Path ks = tmp.resolve("recheck-test.p12");
    String keytool = Path.of(System.getProperty("java.home"), "bin", "keytool").toString();
    Process p = new ProcessBuilder(keytool, "-genkeypair", "-alias", "test", "-keyalg", "RSA", "-keysize", "2048",
        "-dname", "CN=vigil-recheck-test", "-validity", "2", "-storetype", "PKCS12", "-keystore", ks.toString(),
        "-storepass", "changeit", "-keypass", "changeit").redirectErrorStream(true).start();
    String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(output).isZero();
    KeyStore store = KeyStore.getInstance("PKCS12");
    try (InputStream in = Files.newInputStream(ks)) {
      store.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(store, "changeit".toCharArray());
    SSLContext ctx = SSLContext.getInstance("TLS");
    ctx.init(kmf.getKeyManagers(), null, null);
    HttpsServer s = HttpsServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(ctx));
    s.createContext("/", ex -> {
      ex.getResponseHeaders().set("Server", serverHeader);
      ex.sendResponseHeaders(204, -1);
      ex.close();
    });
    s.start();
    return s;
  }
}
