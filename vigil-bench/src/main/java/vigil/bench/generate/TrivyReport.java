package vigil.bench.generate;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import tools.jackson.core.JsonGenerator;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;

/**
 * Writes Trivy JSON reports (SchemaVersion 2, as {@code trivy image --format json} prints them),
 * one file per container image, streamed through a Jackson generator.
 */
public final class TrivyReport {
  private static final long IMAGE_SALT = 0x1A6E_0004L;
  private static final JsonMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();
  private static final Map<String, String> OS_VERSIONS = Map.of("alpine", "3.18.4", "debian", "11.8",
      "ubuntu", "22.04", "redhat", "8.9");
  private static final List<String> TEAMS = List.of("payments", "identity", "search", "platform", "data",
      "checkout", "mobile-api", "billing", "catalog", "notifications");
  private static final List<String> SERVICES = List.of("api", "worker", "gateway", "scheduler", "web", "ingest",
      "auth", "reports", "export", "sync");

  private final TrivySpec spec;
  private final VulnerabilityCatalogue catalogue;

  public TrivyReport(TrivySpec spec) {
    this.spec = spec;
    this.catalogue = VulnerabilityCatalogue.build(spec.seed(), spec.catalogue());
  }

  /** Writes one report per image into {@code dir}, named after the image. */
  public Written writeAll(Path dir) throws IOException {
    Files.createDirectories(dir);
    long findings = 0;
    long bytes = 0;
    for (int i = spec.firstImage(); i < spec.firstImage() + spec.images(); i++) {
      Path file = dir.resolve(String.format("image-%06d.json", i));
      try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16)) {
        findings += writeImage(i, out);
      }
      bytes += Files.size(file);
    }
    return new Written(spec.images(), findings, bytes);
  }

  /** Writes the report of image {@code index} to {@code out}; returns its vulnerability count. */
  public int writeImage(int index, OutputStream out) throws IOException {
    SplittableRandom r = Seeds.stream(spec.seed(), IMAGE_SALT, index);
    Image image = Image.draw(index, r);
    List<TrivyVulnerability> found = catalogue.forImage(image.os, image.languages, spec.vulnsPerImage(), r);
    Map<String, List<TrivyVulnerability>> byResult = new LinkedHashMap<>();
    byResult.put(image.os, new ArrayList<>());
    image.languages.forEach(l -> byResult.put(l, new ArrayList<>()));
    for (TrivyVulnerability v : found) {
      byResult.computeIfAbsent(v.ecosystem(), k -> new ArrayList<>()).add(v);
    }
    try (JsonGenerator g = JSON.createGenerator(out)) {
      g.writeStartObject();
      g.writeNumberProperty("SchemaVersion", 2);
      g.writeStringProperty("CreatedAt", spec.createdAt().plusSeconds(index * 11L).toString());
      g.writeStringProperty("ArtifactName", image.name);
      g.writeStringProperty("ArtifactType", "container_image");
      metadata(g, image);
      g.writeArrayPropertyStart("Results");
      for (Map.Entry<String, List<TrivyVulnerability>> e : byResult.entrySet()) {
        result(g, image, e.getKey(), e.getValue(), r);
      }
      g.writeEndArray();
      g.writeEndObject();
    }
    return found.size();
  }

  private static void metadata(JsonGenerator g, Image image) {
    g.writeObjectPropertyStart("Metadata");
    g.writeObjectPropertyStart("OS");
    g.writeStringProperty("Family", image.os);
    g.writeStringProperty("Name", OS_VERSIONS.get(image.os));
    g.writeEndObject();
    g.writeStringProperty("ImageID", "sha256:" + image.id);
    g.writeArrayPropertyStart("DiffIDs");
    for (String layer : image.layers) {
      g.writeString("sha256:" + layer);
    }
    g.writeEndArray();
    g.writeArrayPropertyStart("RepoTags");
    g.writeString(image.name);
    g.writeEndArray();
    g.writeArrayPropertyStart("RepoDigests");
    g.writeString(image.name.substring(0, image.name.lastIndexOf(':')) + "@sha256:" + image.digest);
    g.writeEndArray();
    g.writeEndObject();
  }

  private void result(JsonGenerator g, Image image, String ecosystem, List<TrivyVulnerability> vulns,
      SplittableRandom r) {
    boolean os = VulnerabilityCatalogue.OS_FAMILIES.contains(ecosystem);
    g.writeStartObject();
    g.writeStringProperty("Target", switch (ecosystem) {
      case "jar" -> "Java";
      case "node-pkg" -> "Node.js";
      case "python-pkg" -> "Python";
      case "gobinary" -> "usr/local/bin/" + image.service;
      default -> image.name + " (" + ecosystem + " " + OS_VERSIONS.get(ecosystem) + ")";
    });
    g.writeStringProperty("Class", os ? "os-pkgs" : "lang-pkgs");
    g.writeStringProperty("Type", ecosystem);
    if (!vulns.isEmpty()) {
      g.writeArrayPropertyStart("Vulnerabilities");
      for (TrivyVulnerability v : vulns) {
        vulnerability(g, image, v, r);
      }
      g.writeEndArray();
    }
    g.writeEndObject();
  }

  private void vulnerability(JsonGenerator g, Image image, TrivyVulnerability v, SplittableRandom r) {
    String installed = v.fixedVersion() == null ? Prose.version(r) : Prose.earlier(v.fixedVersion(), r);
    String pkg = v.pkgName();
    g.writeStartObject();
    g.writeStringProperty("VulnerabilityID", v.id());
    g.writeStringProperty("PkgID", pkg + (v.ecosystem().equals("jar") ? ":" : "@") + installed);
    g.writeStringProperty("PkgName", pkg);
    String path = packagePath(v.ecosystem(), pkg, installed);
    if (path != null) {
      g.writeStringProperty("PkgPath", path);
    }
    g.writeObjectPropertyStart("PkgIdentifier");
    g.writeStringProperty("PURL", purl(image, v.ecosystem(), pkg, installed));
    g.writeEndObject();
    g.writeStringProperty("InstalledVersion", installed);
    if (v.fixedVersion() != null) {
      g.writeStringProperty("FixedVersion", v.fixedVersion());
    }
    g.writeStringProperty("Status", v.fixedVersion() != null ? "fixed" : "affected");
    g.writeObjectPropertyStart("Layer");
    g.writeStringProperty("DiffID", "sha256:" + Draw.pick(r, image.layers));
    g.writeEndObject();
    g.writeStringProperty("SeveritySource", v.isOsPackage() ? v.ecosystem() : "ghsa");
    g.writeStringProperty("PrimaryURL", v.id().startsWith("CVE-")
        ? "https://avd.aquasec.com/nvd/" + v.id().toLowerCase(Locale.ROOT)
        : "https://github.com/advisories/" + v.id());
    String[] source = catalogue.source(v.ecosystem()).split("\\|");
    g.writeObjectPropertyStart("DataSource");
    g.writeStringProperty("ID", v.isOsPackage() ? v.ecosystem() : "ghsa");
    g.writeStringProperty("Name", source[0]);
    g.writeStringProperty("URL", source[1]);
    g.writeEndObject();
    g.writeStringProperty("Title", v.title());
    g.writeStringProperty("Description", v.description());
    g.writeStringProperty("Severity", v.severity());
    if (!v.cwes().isEmpty()) {
      g.writeArrayPropertyStart("CweIDs");
      for (String cwe : v.cwes()) {
        g.writeString(cwe);
      }
      g.writeEndArray();
    }
    if (!v.cvss().isEmpty()) {
      g.writeObjectPropertyStart("CVSS");
      for (TrivyVulnerability.Score s : v.cvss()) {
        g.writeObjectPropertyStart(s.source());
        if (s.v2Vector() != null) {
          g.writeStringProperty("V2Vector", s.v2Vector());
        }
        g.writeStringProperty("V3Vector", s.v3Vector());
        if (s.v2Score() != null) {
          g.writeNumberProperty("V2Score", s.v2Score());
        }
        g.writeNumberProperty("V3Score", s.v3Score());
        g.writeEndObject();
      }
      g.writeEndObject();
    }
    g.writeArrayPropertyStart("References");
    for (String ref : v.references()) {
      g.writeString(ref);
    }
    g.writeEndArray();
    g.writeStringProperty("PublishedDate", v.publishedDate());
    g.writeStringProperty("LastModifiedDate", v.lastModifiedDate());
    g.writeEndObject();
  }

  private static String packagePath(String ecosystem, String pkg, String version) {
    switch (ecosystem) {
      case "jar":
        return "app/libs/" + pkg.substring(pkg.indexOf(':') + 1) + "-" + version + ".jar";
      case "node-pkg":
        return "app/node_modules/" + pkg + "/package.json";
      case "python-pkg":
        return "usr/local/lib/python3.11/site-packages/" + pkg + "-" + version + ".dist-info/METADATA";
      default:
        return null;
    }
  }

  private static String purl(Image image, String ecosystem, String pkg, String version) {
    switch (ecosystem) {
      case "jar":
        return "pkg:maven/" + pkg.replace(':', '/') + "@" + version;
      case "node-pkg":
        return "pkg:npm/" + pkg + "@" + version;
      case "python-pkg":
        return "pkg:pypi/" + pkg.toLowerCase(Locale.ROOT) + "@" + version;
      case "gobinary":
        return "pkg:golang/" + pkg + "@v" + version;
      default:
        String type = ecosystem.equals("alpine") ? "apk" : ecosystem.equals("redhat") ? "rpm" : "deb";
        return "pkg:" + type + "/" + ecosystem + "/" + pkg + "@" + version + "?arch=amd64&distro=" + ecosystem + "-"
            + OS_VERSIONS.get(image.os);
    }
  }

  /** One container image: its name, base OS, the language ecosystems it ships and its layers. */
  private static final class Image {
    final String name;
    final String service;
    final String os;
    final List<String> languages = new ArrayList<>();
    final List<String> layers = new ArrayList<>();
    final String id;
    final String digest;

    private Image(String name, String service, String os, String id, String digest) {
      this.name = name;
      this.service = service;
      this.os = os;
      this.id = id;
      this.digest = digest;
    }

    static Image draw(int index, SplittableRandom r) {
      String team = Draw.pick(r, TEAMS);
      String service = Draw.pick(r, SERVICES) + "-" + index;
      String os = Draw.pick(r, VulnerabilityCatalogue.OS_FAMILIES);
      Image image = new Image("registry.example.com/" + team + "/" + service + ":1." + r.nextInt(40) + "."
          + r.nextInt(10), service, os, Prose.hex(r, 64), Prose.hex(r, 64));
      for (String language : VulnerabilityCatalogue.LANGUAGES) {
        if (r.nextInt(10) < 4) {
          image.languages.add(language);
        }
      }
      for (int i = 0, n = 3 + r.nextInt(8); i < n; i++) {
        image.layers.add(Prose.hex(r, 64));
      }
      return image;
    }
  }
}
