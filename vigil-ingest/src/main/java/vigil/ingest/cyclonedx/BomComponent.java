package vigil.ingest.cyclonedx;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import vigil.ingest.ScanFile;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.AssetRef;

/**
 * The parts of a CycloneDX component that findings need: what to call the affected package, and,
 * for {@code metadata.component}, which asset the BOM describes.
 */
record BomComponent(String type, String name, String version, String group, String purl) {

  /**
   * The package name as its ecosystem writes it: Maven "group:artifact", npm and Go
   * "scope/name" or "module/path", otherwise the bare name.
   */
  String packageName() {
    if (group == null || name == null) {
      return name;
    }
    return purl != null && purl.startsWith("pkg:maven/") ? group + ":" + name : group + "/" + name;
  }

  /**
   * A component for a reference that no component declares: a purl is read for its name and
   * version; anything else is kept as the name, as written.
   */
  static BomComponent unresolved(String ref) {
    if (!ref.startsWith("pkg:")) {
      return new BomComponent(null, ref, null, null, null);
    }
    String body = ref.substring(4).replaceFirst("[?#].*$", "");
    body = body.substring(body.indexOf('/') + 1);
    String version = null;
    int at = body.lastIndexOf('@');
    if (at >= 0) {
      version = body.substring(at + 1);
      body = body.substring(0, at);
    }
    int slash = body.lastIndexOf('/');
    String namespace = slash > 0 ? body.substring(0, slash) : null;
    String bare = slash >= 0 ? body.substring(slash + 1) : body;
    return new BomComponent(null, decode(bare), version == null ? null : decode(version),
        namespace == null ? null : decode(namespace), ref);
  }

  private static String decode(String s) {
    // Purl components are percent-encoded; a literal "+" (common in versions) is not a space.
    return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
  }

  /**
   * The asset a BOM describes, from {@code metadata.component}: a container is an image (name:tag
   * and digest, as Grype writes "name:tag" with the digest as version); anything else with a purl
   * is keyed by it; otherwise ({@code metadata.component} absent, or a bare file path as Grype
   * writes for a directory) the BOM is named like other code scans, by the report's target.
   */
  static AssetRef asset(BomComponent meta, ScanFile file) {
    if (meta != null && meta.name() != null && meta.isContainer()) {
      String version = meta.version();
      boolean digest = version != null && version.matches("(?i)sha\\d+:[0-9a-f]+");
      String image = meta.name();
      if (version != null && !digest && !image.substring(image.lastIndexOf('/') + 1).contains(":")) {
        image = image + ":" + version;
      }
      return AssetRef.builder(AssetKind.CONTAINER_IMAGE).name(image)
          .key(AssetKey.Type.IMAGE, image)
          .key(AssetKey.Type.IMAGE_DIGEST, digest ? version : null)
          .key(AssetKey.Type.PURL, meta.purl()).build();
    }
    if (meta != null && meta.purl() != null) {
      String display = meta.packageName() == null ? meta.purl()
          : meta.version() == null ? meta.packageName() : meta.packageName() + "@" + meta.version();
      return AssetRef.builder(AssetKind.CODE_REPOSITORY).name(display)
          .key(AssetKey.Type.PURL, meta.purl()).attribute("version", meta.version()).build();
    }
    return AssetRef.builder(AssetKind.CODE_REPOSITORY).name(file.target())
        .key(AssetKey.Type.NAME, file.target())
        .attribute("component", meta == null ? null : meta.name()).build();
  }

  private boolean isContainer() {
    return "container".equals(type)
        || (purl != null && (purl.startsWith("pkg:docker/") || purl.startsWith("pkg:oci/")));
  }
}
