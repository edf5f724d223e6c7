package vigil.app.feeds;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vigil.intel.feeds.FeedException;
import vigil.intel.feeds.FeedKind;
import vigil.store.intel.FeedImportResult;
import vigil.store.intel.FeedImporter;

/**
 * Downloads feeds from configured URLs and imports them through the same path as files, for
 * deployments that are online. Off by default: air-gapped sites import files. A download that
 * fails, or a file that is refused, changes nothing and is reported; the next run tries again.
 */
public final class FeedDownloader {
  private static final Logger LOG = LoggerFactory.getLogger(FeedDownloader.class);

  private final FeedImporter importer;
  private final Map<FeedKind, URI> sources;
  private final HttpClient http;

  public FeedDownloader(FeedImporter importer, Map<FeedKind, URI> sources, HttpClient http) {
    this.importer = importer;
    this.sources = new LinkedHashMap<>(sources);
    this.http = http;
  }

  /** One outcome per configured feed: its import result, or the error. */
  public record Outcome(FeedKind kind, URI source, FeedImportResult result, String error) {}

  /** Downloads and imports every configured feed. */
  public List<Outcome> downloadAll() {
    List<Outcome> out = new ArrayList<>();
    for (Map.Entry<FeedKind, URI> e : sources.entrySet()) {
      out.add(download(e.getKey(), e.getValue()));
    }
    return out;
  }

  private Outcome download(FeedKind kind, URI source) {
    Path dir = null;
    Path file = null;
    try {
      dir = Files.createTempDirectory("vigil-feed-");
      String name = source.getPath() == null || source.getPath().isEmpty() ? kind.name()
          : Path.of(source.getPath()).getFileName().toString();
      file = dir.resolve(name);
      HttpRequest req = HttpRequest.newBuilder(source).timeout(Duration.ofMinutes(10)).GET().build();
      HttpResponse<Path> resp = http.send(req, HttpResponse.BodyHandlers.ofFile(file));
      if (resp.statusCode() != 200) {
        return failed(kind, source, "HTTP " + resp.statusCode());
      }
      FeedImportResult r = importer.importFile(kind, file, "vigil:feed-download");
      LOG.info("feed {} from {}: {} records, {} changed CVEs, {} exposures re-scored{}", kind, host(source),
          r.records(), r.changedCves(), r.rescored(), r.unchanged() ? " (unchanged)" : "");
      return new Outcome(kind, source, r, null);
    } catch (FeedException e) {
      return failed(kind, source, e.getMessage());
    } catch (IOException e) {
      return failed(kind, source, "download failed: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return failed(kind, source, "interrupted");
    } finally {
      try {
        if (file != null) {
          Files.deleteIfExists(file);
        }
        if (dir != null) {
          Files.deleteIfExists(dir);
        }
      } catch (IOException ignored) {
        // A temporary file left behind is harmless.
      }
    }
  }

  private static Outcome failed(FeedKind kind, URI source, String error) {
    LOG.warn("feed {} from {} not imported: {}", kind, host(source), error);
    return new Outcome(kind, source, null, error);
  }

  /** Only the host is logged: feed URLs may carry API keys in their query. */
  private static String host(URI u) {
    return u.getScheme() + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
  }
}
