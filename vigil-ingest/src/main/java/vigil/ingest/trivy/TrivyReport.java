package vigil.ingest.trivy;

import java.io.IOException;
import java.time.Instant;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.Texts;
import vigil.ingest.json.JsonStream;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.AssetRef;

/**
 * What a Trivy file says about itself, read in a first pass that skips the result arrays: its
 * shape, the scanned artifact and the cluster name. The pass also reads the file to its end, so a
 * malformed or truncated file is refused before anything is pushed.
 */
final class TrivyReport {
  /** The three shapes Trivy has written over the years. */
  enum Shape {
    /** {@code {"SchemaVersion": 2, "ArtifactName": ..., "Results": [...]}} (Trivy 0.20 and later). */
    ARTIFACT,
    /** A top-level array of results, without artifact metadata (before Trivy 0.20). */
    LEGACY,
    /** {@code trivy k8s}: {@code ClusterName} with lists of resources, each with its own results. */
    KUBERNETES
  }

  /** "alpine:3.10 (alpine 3.10.9)": the OS in parentheses marks a result of OS packages. */
  private static final Pattern OS_TARGET = Pattern.compile("^(.+?) \\(([\\w.-]+)(?: [^)]*)?\\)$");

  Shape shape;
  String artifactName;
  String artifactType;
  JsonNode metadata;
  String clusterName;
  Instant createdAt;
  /** Legacy shape only: the first result target naming an image and its OS. */
  String legacyOsTarget;

  private TrivyReport() {}

  static TrivyReport read(ScanFile file) throws IOException, ParseException {
    TrivyReport report = new TrivyReport();
    try (JsonStream s = JsonStream.open(file)) {
      JsonToken first = s.next();
      if (first == JsonToken.START_OBJECT) {
        report.readObject(s);
      } else if (first == JsonToken.START_ARRAY) {
        report.readLegacy(s);
      } else if (first == null) {
        throw s.error("the file is empty: not a Trivy JSON report");
      } else {
        throw s.error("expected a Trivy JSON object or array, found " + first);
      }
      s.finish();
    }
    return report;
  }

  private void readObject(JsonStream s) throws ParseException {
    boolean trivyKey = false;
    boolean resources = false;
    JsonToken t;
    while ((t = s.next()) == JsonToken.PROPERTY_NAME) {
      String name = s.name();
      s.next();
      switch (name) {
        case "SchemaVersion":
        case "Results":
          trivyKey = true;
          s.skip();
          break;
        case "ArtifactName":
          trivyKey = true;
          artifactName = JsonStream.text(s.readTree());
          break;
        case "ArtifactType":
          artifactType = JsonStream.text(s.readTree());
          break;
        case "CreatedAt":
          createdAt = Texts.instant(JsonStream.text(s.readTree()));
          break;
        case "Metadata":
          // Image metadata: OS, tags, digests, image config; small next to the results.
          metadata = s.readTree();
          break;
        case "ClusterName":
          trivyKey = true;
          resources = true;
          clusterName = JsonStream.text(s.readTree());
          break;
        case "Resources":
          trivyKey = true;
          resources = true;
          s.skip();
          break;
        default:
          s.skip();
      }
    }
    if (t != JsonToken.END_OBJECT) {
      throw s.error("the file ends inside the top-level object: truncated");
    }
    if (!trivyKey) {
      throw s.error("not a Trivy report: the top-level object has none of SchemaVersion, ArtifactName, "
          + "Results, ClusterName, Resources");
    }
    shape = resources ? Shape.KUBERNETES : Shape.ARTIFACT;
  }

  private void readLegacy(JsonStream s) throws ParseException {
    shape = Shape.LEGACY;
    int index = 0;
    JsonToken t;
    while ((t = s.next()) == JsonToken.START_OBJECT) {
      String target = null;
      boolean hasTarget = false;
      while (s.next() == JsonToken.PROPERTY_NAME) {
        String name = s.name();
        s.next();
        if (name.equals("Target")) {
          hasTarget = true;
          target = JsonStream.text(s.readTree());
        } else {
          s.skip();
        }
      }
      if (!hasTarget) {
        throw s.error("not a Trivy report: array element " + index + " has no \"Target\"");
      }
      if (legacyOsTarget == null && target != null && OS_TARGET.matcher(target).matches()) {
        legacyOsTarget = target;
      }
      index++;
    }
    if (t != JsonToken.END_ARRAY) {
      throw s.error("not a Trivy report: array element " + index + " is not an object");
    }
  }

  /** The scanned artifact of an ARTIFACT or LEGACY report. */
  AssetRef artifactAsset(ScanFile file) {
    if (shape == Shape.LEGACY) {
      String image = imageOf(legacyOsTarget);
      return image != null ? image(image).build() : codeAsset(file, null);
    }
    String type = artifactType == null ? "" : artifactType;
    switch (type) {
      case "container_image":
        return imageAsset(file);
      case "repository":
        if (artifactName != null) {
          return AssetRef.builder(AssetKind.CODE_REPOSITORY).name(artifactName)
              .key(AssetKey.Type.REPOSITORY, artifactName).build();
        }
        return codeAsset(file, null);
      case "":
        // Early SchemaVersion 2 files have no ArtifactType: image metadata tells an image.
        return looksLikeImage() ? imageAsset(file) : codeAsset(file, artifactName);
      default:
        // filesystem, rootfs, vm, ...: a local path, not an identity; name it like other code scans.
        return codeAsset(file, artifactName);
    }
  }

  private boolean looksLikeImage() {
    return metadata != null && artifactName != null
        && (metadata.has("ImageID") || metadata.has("RepoTags") || metadata.has("RepoDigests"));
  }

  private AssetRef imageAsset(ScanFile file) {
    if (artifactName == null) {
      return codeAsset(file, null);
    }
    AssetRef.Builder b = image(artifactName);
    if (metadata != null) {
      for (String tag : JsonStream.texts(metadata.get("RepoTags"))) {
        b.key(AssetKey.Type.IMAGE, tag);
      }
      // RepoDigests ("repo@sha256:...") carry the manifest digest Grype calls manifestDigest;
      // ImageID is the config digest Grype calls imageID. Both are kept so either tool's file matches.
      for (String repoDigest : JsonStream.texts(metadata.get("RepoDigests"))) {
        b.key(AssetKey.Type.IMAGE_DIGEST, repoDigest.substring(repoDigest.indexOf('@') + 1));
      }
      b.key(AssetKey.Type.IMAGE_DIGEST, JsonStream.text(metadata, "ImageID"));
      String family = JsonStream.text(metadata, "OS", "Family");
      String version = JsonStream.text(metadata, "OS", "Name");
      if (family != null) {
        b.attribute("os", version == null ? family : family + " " + version);
      }
    }
    return b.build();
  }

  private static AssetRef.Builder image(String name) {
    return AssetRef.builder(AssetKind.CONTAINER_IMAGE).name(name).key(AssetKey.Type.IMAGE, name);
  }

  private static AssetRef codeAsset(ScanFile file, String scannedPath) {
    return AssetRef.builder(AssetKind.CODE_REPOSITORY).name(file.target())
        .key(AssetKey.Type.NAME, file.target()).attribute("path", scannedPath).build();
  }

  /** The workload asset of one resource of a cluster report. */
  AssetRef workloadAsset(String namespace, String kind, String name) {
    String local = nz(namespace) + "/" + nz(kind) + "/" + nz(name);
    String cluster = clusterName == null ? "" : clusterName;
    return AssetRef.builder(AssetKind.KUBERNETES_WORKLOAD).name(local)
        .key(AssetKey.Type.NAME, cluster + "/" + local)
        .attribute("cluster", clusterName).attribute("namespace", namespace)
        .attribute("kind", kind).build();
  }

  /** True when a result target names an image and its OS ("debian (debian 10.8)"). */
  static boolean isOsTarget(String target) {
    return target != null && OS_TARGET.matcher(target).matches();
  }

  /** The image part of an OS target ("alpine:3.10 (alpine 3.10.9)" → "alpine:3.10"), or null. */
  static String imageOf(String target) {
    if (target == null) {
      return null;
    }
    Matcher m = OS_TARGET.matcher(target);
    return m.matches() ? m.group(1) : null;
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }
}
