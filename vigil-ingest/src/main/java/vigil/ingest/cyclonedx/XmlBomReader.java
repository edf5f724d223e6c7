package vigil.ingest.cyclonedx;

import java.io.IOException;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import vigil.ingest.Head;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.Texts;
import vigil.ingest.xml.XmlStream;
import vigil.model.AssetRef;
import vigil.model.Observation;
import vigil.model.ObservationSink;

/**
 * CycloneDX XML 1.0 to 1.6 in one streaming pass. Vulnerabilities come in two forms, read by the
 * same code since their elements share local names: the vulnerability extension 1.0 (the {@code
 * v:} namespace, nested in the component it affects, as Grype wrote CycloneDX 1.2, or top-level
 * with a {@code ref}), and the top-level {@code vulnerabilities} of CycloneDX 1.4+, whose {@code
 * affects} name components by bom-ref. The schema puts metadata, then components, then
 * vulnerabilities, so every reference is known by the time it is used.
 *
 * <p>Memory: the components map (bom-ref to name, version, group, purl) is held for the whole
 * parse, since a top-level vulnerability may name any component. A BOM has far fewer components
 * than findings; the vulnerabilities themselves are read and pushed one at a time.
 */
final class XmlBomReader {
  private static final String NAMESPACE = "cyclonedx.org/schema/bom/";

  private final ScanFile file;
  private final ObservationSink sink;
  private final Map<String, BomComponent> components = new HashMap<>();
  private BomComponent subject;
  private Instant timestamp;
  private AssetRef asset;

  XmlBomReader(ScanFile file, ObservationSink sink) {
    this.file = file;
    this.sink = sink;
  }

  void parse() throws IOException, ParseException {
    try (XmlStream x = XmlStream.open(file)) {
      x.requireRoot("bom");
      if (!Head.of(file).contains(NAMESPACE)) {
        throw x.error("the root <bom> is not in a CycloneDX namespace (http://" + NAMESPACE + "...)");
      }
      while (x.nextChild(1)) {
        switch (x.name()) {
          case "metadata":
            metadata(x);
            break;
          case "components":
            components(x);
            break;
          case "vulnerabilities":
            vulnerabilities(x, null);
            break;
          default:
            x.skip();
        }
      }
      x.finish();
    }
  }

  private void metadata(XmlStream x) throws ParseException {
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (x.name().equals("timestamp")) {
        timestamp = Texts.instant(x.text());
      } else if (x.name().equals("component")) {
        subject = component(x);
      } else {
        x.skip();
      }
    }
  }

  private void components(XmlStream x) throws ParseException {
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (x.name().equals("component")) {
        component(x);
      } else {
        x.skip();
      }
    }
  }

  /**
   * One component, its nested components and its extension vulnerabilities. The schema puts name,
   * version, group and purl before nested components and extension elements, so the component is
   * known when its vulnerabilities are read.
   */
  private BomComponent component(XmlStream x) throws ParseException {
    String type = x.attr("type");
    String ref = x.attr("bom-ref");
    String name = null;
    String version = null;
    String group = null;
    String purl = null;
    int depth = x.depth();
    while (x.nextChild(depth)) {
      switch (x.name()) {
        case "name":
          name = x.text();
          break;
        case "version":
          version = x.text();
          break;
        case "group":
          group = x.text();
          break;
        case "purl":
          purl = x.text();
          break;
        case "components":
          components(x);
          break;
        case "vulnerabilities":
          vulnerabilities(x, new BomComponent(type, name, version, group, purl));
          break;
        default:
          x.skip();
      }
    }
    BomComponent c = new BomComponent(type, name, version, group, purl);
    if (ref != null) {
      components.put(ref, c);
    }
    return c;
  }

  private void vulnerabilities(XmlStream x, BomComponent owner) throws ParseException {
    if (asset == null) {
      asset = BomComponent.asset(subject, file);
      // Only a BOM that carries vulnerability data claims a scan; a plain SBOM covers nothing.
      sink.covered(asset);
    }
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (!x.name().equals("vulnerability")) {
        x.skip();
        continue;
      }
      BomVulnerability v = vulnerability(x);
      for (Observation o : v.observations(asset, owner, components, timestamp)) {
        sink.observation(o);
      }
    }
  }

  private static BomVulnerability vulnerability(XmlStream x) throws ParseException {
    BomVulnerability v = new BomVulnerability();
    String legacyRef = x.attr("ref");
    String bomRef = x.attr("bom-ref");
    int depth = x.depth();
    while (x.nextChild(depth)) {
      switch (x.name()) {
        case "id":
          v.id = x.text();
          break;
        case "source":
          source(x, v);
          break;
        case "references":
          eachChild(x, "reference", () -> {
            String id = childText(x, "id");
            if (id != null) {
              v.references.add(id);
            }
          });
          break;
        case "ratings":
          eachChild(x, "rating", () -> v.ratings.add(rating(x)));
          break;
        case "cwes":
          eachChild(x, "cwe", () -> add(v.cwes, x.text()));
          break;
        case "description":
          v.description = x.text();
          break;
        case "detail":
          v.detail = x.text();
          break;
        case "recommendation":
          add(v.recommendations, x.text());
          break;
        case "recommendations":
          eachChild(x, "recommendation", () -> add(v.recommendations, x.text()));
          break;
        case "advisories":
          // Extension: the URL as text; 1.4: <title> and <url>, read here as one line.
          eachChild(x, "advisory", () -> add(v.advisories, oneLine(x.text())));
          break;
        case "published":
          v.published = x.text();
          break;
        case "analysis":
          analysis(x, v);
          break;
        case "affects":
          eachChild(x, "target", () -> add(v.affects, childText(x, "ref")));
          break;
        case "properties":
          eachChild(x, "property", () -> {
            String name = x.attr("name");
            String value = x.text();
            if ("grype:fixed_versions".equals(name)) {
              add(v.fixedVersions, value);
            }
          });
          break;
        default:
          x.skip();
      }
    }
    if (v.affects.isEmpty() && legacyRef != null) {
      v.affects.add(legacyRef);
    }
    if (v.id == null) {
      v.id = bomRef;
    }
    if (v.id == null) {
      throw x.error("a <vulnerability> without an <id> (in the vulnerability ending here)");
    }
    return v;
  }

  private static void source(XmlStream x, BomVulnerability v) throws ParseException {
    v.sourceName = x.attr("name"); // extension: <v:source name="..."><v:url>
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (x.name().equals("name")) {
        v.sourceName = x.text();
      } else if (x.name().equals("url")) {
        v.sourceUrl = x.text();
      } else {
        x.skip();
      }
    }
  }

  private static BomVulnerability.Rating rating(XmlStream x) throws ParseException {
    String method = null;
    String severity = null;
    Double score = null;
    String vector = null;
    int depth = x.depth();
    while (x.nextChild(depth)) {
      switch (x.name()) {
        case "score":
          // 1.4: <score>9.8</score>; extension: <score><base>9.8</base><impact/>...: base comes first.
          String text = x.text();
          score = text == null ? null : Texts.decimal(text.split("\\s+", 2)[0]);
          break;
        case "severity":
          severity = x.text();
          break;
        case "method":
          method = x.text();
          break;
        case "vector":
          vector = x.text();
          break;
        default:
          x.skip();
      }
    }
    return new BomVulnerability.Rating(method, severity, score, vector);
  }

  private static void analysis(XmlStream x, BomVulnerability v) throws ParseException {
    int depth = x.depth();
    while (x.nextChild(depth)) {
      switch (x.name()) {
        case "state":
          v.analysisState = x.text();
          break;
        case "justification":
          v.analysisJustification = x.text();
          break;
        case "responses":
          eachChild(x, "response", () -> add(v.analysisResponses, x.text()));
          break;
        case "detail":
          v.analysisDetail = x.text();
          break;
        default:
          x.skip();
      }
    }
  }

  /** Reads a child element's text, skipping the others. */
  private static String childText(XmlStream x, String child) throws ParseException {
    String value = null;
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (x.name().equals(child) && value == null) {
        value = x.text();
      } else {
        x.skip();
      }
    }
    return value;
  }

  /** Something done at each child element of a given name. */
  @FunctionalInterface
  private interface ChildReader {
    void read() throws ParseException;
  }

  private static void eachChild(XmlStream x, String child, ChildReader reader) throws ParseException {
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (x.name().equals(child)) {
        reader.read();
      } else {
        x.skip();
      }
    }
  }

  private static void add(List<String> list, String value) {
    if (value != null) {
      list.add(value);
    }
  }

  private static String oneLine(String text) {
    return text == null ? null : text.replaceAll("\\s+", " ");
  }
}
