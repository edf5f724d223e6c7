package vigil.app.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vigil.intel.cvss.CvssCalculator;
import vigil.intel.cvss.CvssScore;
import vigil.intel.feeds.FeedException;
import vigil.store.intel.FeedImportResult;
import vigil.store.intel.FeedImporter;
import vigil.store.intel.FeedStatus;
import vigil.store.security.Actor;

/** Threat-intelligence feeds (upload for air-gapped sites, status) and the CVSS calculator. */
@RestController
@RequestMapping("/api/v1")
class FeedsController {
  private final FeedImporter feeds;

  FeedsController(FeedImporter feeds) {
    this.feeds = feeds;
  }

  @GetMapping("/feeds")
  Map<String, Object> status() {
    List<FeedStatus> items = feeds.status();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", items);
    out.put("total", items.size());
    return out;
  }

  /** Imports an uploaded feed file of the given kind (kev, epss, nvd, vulnrichment). 422 when refused. */
  @PostMapping(path = "/feeds/{kind}", consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  FeedImportResult upload(@PathVariable String kind, @RequestPart("file") MultipartFile file, Actor actor)
      throws IOException, FeedException {
    var k = FeedImporter.kind(kind);
    String name = file.getOriginalFilename() == null ? kind : Path.of(file.getOriginalFilename()).getFileName().toString();
    Path dir = Files.createTempDirectory("vigil-feed-");
    Path tmp = dir.resolve(name);
    try {
      try (InputStream in = file.getInputStream()) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      return feeds.importFile(k, tmp, actor.name());
    } catch (FeedException e) {
      // Name the upload as the user knows it, never the server's temporary path.
      throw new FeedException(name, e.place(), e.problem(), e);
    } finally {
      Files.deleteIfExists(tmp);
      Files.deleteIfExists(dir);
    }
  }

  /** Scores CVSS vectors: {@code ?vector=...&vector=...}. 400 names the offending metric. */
  @GetMapping("/cvss")
  Map<String, Object> cvss(@RequestParam List<String> vector) {
    List<CvssScore> items = vector.stream().map(CvssCalculator::score).toList();
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("items", items);
    out.put("total", items.size());
    return out;
  }
}
