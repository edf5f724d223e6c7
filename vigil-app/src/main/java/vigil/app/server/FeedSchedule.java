package vigil.app.server;

import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.core.env.Environment;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;
import vigil.app.feeds.FeedDownloader;
import vigil.intel.feeds.FeedKind;
import vigil.store.intel.FeedImporter;

/**
 * Scheduled feed downloads, when {@code vigil.feeds.download.enabled=true}. URLs per kind:
 * {@code vigil.feeds.<kind>.url} (kev and epss default to the publishers' addresses; nvd and
 * vulnrichment have none by default). Interval: {@code vigil.feeds.download.interval} (ISO-8601,
 * default PT24H).
 */
@Component
@EnableScheduling
@ConditionalOnProperty(name = "vigil.feeds.download.enabled", havingValue = "true")
class FeedSchedule {
  static final Map<FeedKind, String> DEFAULTS = Map.of(
      FeedKind.KEV, "https://www.cisa.gov/sites/default/files/feeds/known_exploited_vulnerabilities.json",
      FeedKind.EPSS, "https://epss.empiricalsecurity.com/epss_scores-current.csv.gz");

  private final FeedDownloader downloader;

  FeedSchedule(FeedImporter importer, Environment env) {
    Map<FeedKind, URI> sources = new LinkedHashMap<>();
    for (FeedKind k : new FeedKind[] {FeedKind.KEV, FeedKind.EPSS, FeedKind.VULNRICHMENT, FeedKind.NVD}) {
      String key = "vigil.feeds." + k.name().toLowerCase(java.util.Locale.ROOT) + ".url";
      String url = env.getProperty(key, DEFAULTS.getOrDefault(k, ""));
      if (!url.isBlank()) {
        sources.put(k, URI.create(url));
      }
    }
    HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(30))
        .followRedirects(HttpClient.Redirect.NORMAL).build();
    this.downloader = new FeedDownloader(importer, sources, http);
  }

  @Scheduled(initialDelayString = "PT30S", fixedDelayString = "${vigil.feeds.download.interval:PT24H}")
  void run() {
    downloader.downloadAll();
  }
}
