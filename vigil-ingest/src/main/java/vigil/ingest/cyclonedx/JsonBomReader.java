package vigil.ingest.cyclonedx;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.Texts;
import vigil.ingest.json.JsonStream;
import vigil.model.AssetRef;
import vigil.model.Observation;
import vigil.model.ObservationSink;

/**
 * CycloneDX JSON (1.4 and later, where vulnerabilities are part of the spec), in two passes. The
 * first checks {@code bomFormat}, reads {@code metadata} and every component (by bom-ref) and
 * skips the vulnerabilities; the second streams the vulnerabilities. JSON does not fix the order
 * of keys, and vulnerabilities need the components to name what they affect.
 *
 * <p>Memory: the components map (bom-ref to name, version, group, purl) is held for the whole
 * parse. A BOM has far fewer components than findings (and each entry is a few short strings),
 * while the vulnerabilities, the bulky part, are read one at a time.
 */
final class JsonBomReader {
  private final ScanFile file;
  private final Map<String, BomComponent> components = new HashMap<>();
  private BomComponent subject;
  private Instant timestamp;
  private boolean hasVulnerabilities;

  JsonBomReader(ScanFile file) {
    this.file = file;
  }

  void parse(ObservationSink sink) throws IOException, ParseException {
    readHeader();
    AssetRef asset = BomComponent.asset(subject, file);
    if (!hasVulnerabilities) {
      // A plain SBOM lists components but claims no vulnerability scan: it covers nothing.
      return;
    }
    sink.covered(asset);
    try (JsonStream s = JsonStream.open(file)) {
      s.next();
      while (s.next() == JsonToken.PROPERTY_NAME) {
        String name = s.name();
        s.next();
        if (!name.equals("vulnerabilities")) {
          s.skip();
          continue;
        }
        while (s.next() == JsonToken.START_OBJECT) {
          BomVulnerability v = vulnerability(s, s.readTree());
          for (Observation o : v.observations(asset, null, components, timestamp)) {
            sink.observation(o);
          }
        }
      }
      s.finish();
    }
  }

  private void readHeader() throws IOException, ParseException {
    try (JsonStream s = JsonStream.open(file)) {
      JsonToken first = s.next();
      if (first != JsonToken.START_OBJECT) {
        throw s.error(first == null ? "the file is empty: not a CycloneDX BOM"
            : "expected a CycloneDX JSON object, found " + first);
      }
      String bomFormat = null;
      while (s.next() == JsonToken.PROPERTY_NAME) {
        String name = s.name();
        JsonToken value = s.next();
        switch (name) {
          case "bomFormat":
            bomFormat = JsonStream.text(s.readTree());
            if (!"CycloneDX".equals(bomFormat)) {
              throw s.error("not a CycloneDX BOM: bomFormat is \"" + bomFormat + "\", expected \"CycloneDX\"");
            }
            break;
          case "metadata":
            JsonNode metadata = s.readTree();
            timestamp = Texts.instant(JsonStream.text(metadata, "timestamp"));
            JsonNode c = metadata.get("component");
            if (c != null && c.isObject()) {
              subject = remember(c);
            }
            break;
          case "components":
            if (value != JsonToken.START_ARRAY) {
              throw s.error("\"components\" must be an array, found " + value);
            }
            while (objectInArray(s, "component")) {
              flatten(s.readTree());
            }
            break;
          case "vulnerabilities":
            if (value != JsonToken.START_ARRAY) {
              throw s.error("\"vulnerabilities\" must be an array, found " + value);
            }
            hasVulnerabilities = true;
            while (objectInArray(s, "vulnerability")) {
              s.skip();
            }
            break;
          default:
            s.skip();
        }
      }
      if (bomFormat == null) {
        throw s.error("not a CycloneDX BOM: the top-level object has no \"bomFormat\": \"CycloneDX\"");
      }
      s.finish();
    }
  }

  /** Moves to the next element of an array: true on an object, false at the array's end. */
  private static boolean objectInArray(JsonStream s, String what) throws ParseException {
    JsonToken t = s.next();
    if (t == JsonToken.END_ARRAY) {
      return false;
    }
    if (t != JsonToken.START_OBJECT) {
      throw s.error("a " + what + " must be a JSON object, found " + t);
    }
    return true;
  }

  /** Components nest (an application and its bundled libraries): every level can be referenced. */
  private void flatten(JsonNode component) {
    remember(component);
    for (JsonNode child : component.path("components")) {
      if (child.isObject()) {
        flatten(child);
      }
    }
  }

  private BomComponent remember(JsonNode c) {
    BomComponent component = new BomComponent(JsonStream.text(c, "type"), JsonStream.text(c, "name"),
        JsonStream.text(c, "version"), JsonStream.text(c, "group"), JsonStream.text(c, "purl"));
    String ref = JsonStream.text(c, "bom-ref");
    if (ref != null) {
      components.put(ref, component);
    }
    return component;
  }

  private static BomVulnerability vulnerability(JsonStream at, JsonNode n) throws ParseException {
    BomVulnerability v = new BomVulnerability();
    v.id = JsonStream.text(n, "id");
    if (v.id == null) {
      v.id = JsonStream.text(n, "bom-ref");
    }
    if (v.id == null) {
      throw at.error("a vulnerability without \"id\" (in the vulnerability ending here)");
    }
    v.sourceName = JsonStream.text(n, "source", "name");
    v.sourceUrl = JsonStream.text(n, "source", "url");
    for (JsonNode r : n.path("references")) {
      String id = JsonStream.text(r, "id");
      if (id != null) {
        v.references.add(id);
      }
    }
    for (JsonNode r : n.path("ratings")) {
      v.ratings.add(new BomVulnerability.Rating(JsonStream.text(r, "method"), JsonStream.text(r, "severity"),
          Texts.decimal(JsonStream.text(r, "score")), JsonStream.text(r, "vector")));
    }
    v.cwes.addAll(JsonStream.texts(n.get("cwes")));
    v.description = JsonStream.text(n, "description");
    v.detail = JsonStream.text(n, "detail");
    v.recommendations.addAll(JsonStream.texts(n.get("recommendation")));
    for (JsonNode a : n.path("advisories")) {
      String title = JsonStream.text(a, "title");
      String url = JsonStream.text(a, "url");
      if (title != null || url != null) {
        v.advisories.add(title == null ? url : url == null ? title : title + ": " + url);
      }
    }
    v.published = JsonStream.text(n, "published");
    JsonNode analysis = n.path("analysis");
    v.analysisState = JsonStream.text(analysis, "state");
    v.analysisJustification = JsonStream.text(analysis, "justification");
    v.analysisResponses.addAll(JsonStream.texts(analysis.get("response")));
    v.analysisDetail = JsonStream.text(analysis, "detail");
    for (JsonNode a : n.path("affects")) {
      String ref = JsonStream.text(a, "ref");
      if (ref != null) {
        v.affects.add(ref);
      }
    }
    for (JsonNode p : n.path("properties")) {
      // Grype writes the versions that fix a match as a property.
      if ("grype:fixed_versions".equals(JsonStream.text(p, "name"))) {
        v.fixedVersions.addAll(JsonStream.texts(p.get("value")));
      }
    }
    return v;
  }
}
