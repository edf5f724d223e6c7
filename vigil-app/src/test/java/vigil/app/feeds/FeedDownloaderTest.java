package vigil.app.feeds;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.intel.feeds.FeedKind;
import vigil.store.Database;
import vigil.store.StoreConfig;
import vigil.store.intel.FeedImporter;
import vigil.store.risk.Rescorer;

/** Downloads over real HTTP on loopback, imported through the file path. */
class FeedDownloaderTest {

  static Path data(String relative) {
    String prop = System.getProperty("vigil.data");
    return (prop != null && !prop.isBlank() ? Paths.get(prop) : Paths.get("../../shared/data")).resolve(relative);
  }

  @Test
  void downloadsImportsAndReportsFailuresWithoutChangingAnything(@TempDir Path home) throws Exception {
    byte[] kev = Files.readAllBytes(data("kev/known_exploited_vulnerabilities.json"));
    HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    server.createContext("/kev.json", ex -> {
      ex.sendResponseHeaders(200, kev.length);
      ex.getResponseBody().write(kev);
      ex.close();
    });
    server.createContext("/epss.csv.gz", ex -> {
      ex.sendResponseHeaders(503, -1);
      ex.close();
    });
    server.start();
    String base = "http://127.0.0.1:" + server.getAddress().getPort();
    try (Database db = Database.open(StoreConfig.embedded(home))) {
      FeedImporter importer = new FeedImporter(db, new Rescorer(db));
      FeedDownloader d = new FeedDownloader(importer,
          Map.of(FeedKind.KEV, URI.create(base + "/kev.json"), FeedKind.EPSS, URI.create(base + "/epss.csv.gz")),
          HttpClient.newHttpClient());
      List<FeedDownloader.Outcome> outcomes = d.downloadAll();
      assertThat(outcomes).filteredOn(o -> o.kind() == FeedKind.KEV).singleElement()
          .satisfies(o -> assertThat(o.result().records()).isEqualTo(1674));
      assertThat(outcomes).filteredOn(o -> o.kind() == FeedKind.EPSS).singleElement()
          .satisfies(o -> assertThat(o.error()).contains("HTTP 503"));
      assertThat(importer.status()).extracting(s -> s.kind()).containsExactly("kev");
      // The same bytes the next day: recognised, nothing re-scored.
      assertThat(d.downloadAll()).filteredOn(o -> o.kind() == FeedKind.KEV).singleElement()
          .satisfies(o -> assertThat(o.result().unchanged()).isTrue());
    } finally {
      server.stop(0);
    }
  }
}
