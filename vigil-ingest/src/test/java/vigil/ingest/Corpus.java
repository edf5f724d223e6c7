package vigil.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The shared scanner-output corpus ({@code ../shared/corpus}) and its manifest. */
public final class Corpus {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  private Corpus() {}

  /** The corpus folder: system property {@code vigil.corpus}, else {@code ../shared/corpus} up from here. */
  public static Path root() {
    String prop = System.getProperty("vigil.corpus");
    if (prop != null && !prop.isBlank() && Files.isDirectory(Paths.get(prop))) {
      return Paths.get(prop);
    }
    Path dir = Paths.get("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolveSibling("shared").resolve("corpus");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("corpus not found: set -Dvigil.corpus");
  }

  public static Path file(String relative) {
    return root().resolve(relative);
  }

  public static ScanFile scanFile(String relative) {
    return ScanFile.of(file(relative));
  }

  /** The manifest entry of a corpus file. */
  public static JsonNode entry(String relative) {
    for (JsonNode e : manifest()) {
      if (e.get("path").asString().equals(relative)) {
        return e;
      }
    }
    throw new IllegalArgumentException("not in manifest: " + relative);
  }

  /** The DefectDojo finding count the manifest gives for a file. */
  public static int findings(String relative) {
    return entry(relative).get("findings").asInt();
  }

  /** Manifest entries of one format folder. */
  public static List<JsonNode> entries(String format) {
    List<JsonNode> out = new ArrayList<>();
    for (JsonNode e : manifest()) {
      if (e.has("format") && e.get("format").asString().equals(format) && !e.has("expect")) {
        out.add(e);
      }
    }
    return out;
  }

  public static List<JsonNode> manifest() {
    try {
      List<JsonNode> out = new ArrayList<>();
      JSON.readTree(Files.readString(root().resolve("manifest.json"))).forEach(out::add);
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
