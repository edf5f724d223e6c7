package vigil.ingest.grype;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import vigil.ingest.Head;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.ScanParser;
import vigil.ingest.Texts;
import vigil.ingest.json.JsonStream;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.AssetRef;
import vigil.model.ObservationSink;

/**
 * Anchore Grype JSON ({@code grype -o json}): one observation per entry of {@code matches}, on the
 * image or directory named by {@code source}.
 *
 * <p>Grype writes {@code matches} before {@code source} (and older versions sort keys
 * alphabetically), so the asset is not known when the matches start. Rather than hold the
 * matches, the file is read twice: a first pass skips the matches and reads {@code source},
 * {@code distro} and {@code descriptor} (and checks the whole file is well-formed, so a refused
 * file pushes nothing); the second streams the matches one at a time.
 */
public final class GrypeParser implements ScanParser {

  @Override
  public String format() {
    return "grype";
  }

  @Override
  public String tool() {
    return "Grype";
  }

  @Override
  public boolean sniff(Head head) {
    if (head.firstChar() != '{' || !head.hasJsonName("matches")) {
      return false;
    }
    boolean grypeDescriptor = head.hasJsonName("descriptor") && head.contains("\"grype\"");
    boolean grypeMatch = head.hasJsonName("vulnerability") && head.hasJsonName("artifact")
        && head.hasJsonName("matchDetails");
    return grypeDescriptor || grypeMatch;
  }

  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    Header header = Header.read(file);
    AssetRef asset = header.asset(file);
    sink.covered(asset);
    try (JsonStream s = JsonStream.open(file)) {
      s.next();
      while (s.next() == JsonToken.PROPERTY_NAME) {
        String name = s.name();
        s.next();
        if (name.equals("matches")) {
          while (s.next() == JsonToken.START_OBJECT) { // every element an object: checked by the first pass
            sink.observation(GrypeMatch.toObservation(s, asset, s.readTree(), header.timestamp));
          }
        } else {
          s.skip();
        }
      }
      s.finish();
    }
  }

  /** The first pass: everything but the matches. */
  private static final class Header {
    JsonNode source;
    JsonNode distro;
    Instant timestamp;

    static Header read(ScanFile file) throws IOException, ParseException {
      Header h = new Header();
      try (JsonStream s = JsonStream.open(file)) {
        JsonToken first = s.next();
        if (first != JsonToken.START_OBJECT) {
          throw s.error(first == null ? "the file is empty: not a Grype JSON report"
              : "expected a Grype JSON object, found " + first);
        }
        boolean matches = false;
        while (s.next() == JsonToken.PROPERTY_NAME) {
          String name = s.name();
          JsonToken value = s.next();
          switch (name) {
            case "matches":
              if (value != JsonToken.START_ARRAY) {
                throw s.error("\"matches\" must be an array, found " + value);
              }
              matches = true;
              JsonToken t;
              while ((t = s.next()) != JsonToken.END_ARRAY) {
                if (t != JsonToken.START_OBJECT) {
                  throw s.error("a match must be a JSON object, found " + t);
                }
                s.skip();
              }
              break;
            case "source":
              // Image metadata (tags, digests, layers, base64 manifest and config): one record.
              h.source = s.readTree();
              break;
            case "distro":
              h.distro = s.readTree();
              break;
            case "descriptor":
              h.timestamp = Texts.instant(JsonStream.text(s.readTree(), "timestamp"));
              break;
            default:
              s.skip();
          }
        }
        if (!matches) {
          throw s.error("not a Grype report: the top-level object has no \"matches\" array");
        }
        s.finish();
      }
      return h;
    }

    /**
     * An image is keyed by what the user asked for (userInput, tags) and by both digests Grype
     * gives: the manifest digest (what a registry serves, Trivy's RepoDigests) and the image id
     * (the config digest, Trivy's ImageID). A directory or file scan names no lasting identity, so
     * it is named like other code scans, by the report's target.
     */
    AssetRef asset(ScanFile file) {
      String type = JsonStream.text(source, "type");
      JsonNode target = source == null ? null : source.get("target");
      if ("image".equals(type) && target != null && target.isObject()) {
        String input = JsonStream.text(target, "userInput");
        List<String> tags = JsonStream.texts(target.get("tags"));
        String name = input != null ? input : tags.isEmpty() ? null : tags.get(0);
        AssetRef.Builder b = AssetRef.builder(AssetKind.CONTAINER_IMAGE).name(name);
        b.key(AssetKey.Type.IMAGE, input);
        tags.forEach(tag -> b.key(AssetKey.Type.IMAGE, tag));
        b.key(AssetKey.Type.IMAGE_DIGEST, JsonStream.text(target, "manifestDigest"));
        for (String repoDigest : JsonStream.texts(target.get("repoDigests"))) {
          b.key(AssetKey.Type.IMAGE_DIGEST, repoDigest.substring(repoDigest.indexOf('@') + 1));
        }
        b.key(AssetKey.Type.IMAGE_DIGEST, JsonStream.text(target, "imageID"));
        b.attribute("os", os());
        if (b.hasKeys()) {
          return b.build();
        }
      }
      String path = target != null && !target.isContainer() ? JsonStream.text(target) : null;
      return AssetRef.builder(AssetKind.CODE_REPOSITORY).name(file.target())
          .key(AssetKey.Type.NAME, file.target())
          .attribute("path", path == null ? null : path.replace("\"", ""))
          .attribute("os", os()).build();
    }

    private String os() {
      String name = JsonStream.text(distro, "name");
      String version = JsonStream.text(distro, "version");
      List<String> parts = new ArrayList<>();
      if (name != null) {
        parts.add(name);
      }
      if (version != null) {
        parts.add(version);
      }
      return parts.isEmpty() ? null : String.join(" ", parts);
    }
  }
}
