package vigil.ingest.trivy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;
import vigil.ingest.ParseException;
import vigil.ingest.Texts;
import vigil.ingest.json.JsonStream;
import vigil.model.AssetRef;
import vigil.model.Cvss;
import vigil.model.Location;
import vigil.model.Observation;
import vigil.model.Severity;
import vigil.model.Weakness;
import vigil.model.WeaknessKind;

/** Turns one Trivy vulnerability, misconfiguration or secret record into an observation. */
final class TrivyFindings {
  /** Longest evidence kept; Trivy's cause code can run to hundreds of lines. */
  private static final int MAX_EVIDENCE = 4000;

  private TrivyFindings() {}

  /** The result (one target: an OS, a lock file, a Dockerfile) that records belong to. */
  record Result(AssetRef asset, String target, String resultClass, boolean inCluster, Instant seen) {

    /** OS packages: the image is the place, not the target text (which names the OS release). */
    boolean osPackages() {
      return "os-pkgs".equals(resultClass) || (resultClass == null && TrivyReport.isOsTarget(target));
    }
  }

  /** A vulnerability record. */
  static Observation vulnerability(JsonStream at, Result r, JsonNode v) throws ParseException {
    String id = required(at, v, "vulnerability", "VulnerabilityID");
    String pkg = JsonStream.text(v, "PkgName");
    String installed = JsonStream.text(v, "InstalledVersion");
    String fixed = JsonStream.text(v, "FixedVersion");
    String title = JsonStream.text(v, "Title");
    Cvss cvss = cvss(v.get("CVSS"), JsonStream.text(v, "SeveritySource"));
    String word = JsonStream.text(v, "Severity");
    Weakness weakness = new Weakness(WeaknessKind.VULNERABILITY, "trivy:" + id,
        title == null ? id : id + ": " + title, Texts.cves(List.of(id)),
        Texts.cwes(JsonStream.texts(v.get("CweIDs"))));
    Location location = Location.component(pkg, installed, fixed, componentPath(r, v));
    String solution = fixed == null || pkg == null ? null : "Upgrade " + pkg + " to " + fixed + ".";
    return new Observation(r.asset(), weakness, location, severity(word, cvss), word, cvss,
        JsonStream.text(v, "Description"), solution, vulnerabilityEvidence(r, v), r.seen());
  }

  /** A misconfiguration record; {@code null} for a passed check (written with --include-non-failures). */
  static Observation misconfiguration(JsonStream at, Result r, JsonNode m) throws ParseException {
    String status = JsonStream.text(m, "Status");
    if ("PASS".equalsIgnoreCase(status)) {
      return null;
    }
    String id = JsonStream.text(m, "ID");
    if (id == null) {
      id = required(at, m, "misconfiguration", "AVDID");
    }
    String title = JsonStream.text(m, "Title");
    String word = JsonStream.text(m, "Severity");
    Weakness weakness = new Weakness(WeaknessKind.MISCONFIGURATION, "trivy:" + id,
        title == null ? id : title, List.of(), List.of());
    Integer line = Texts.integer(JsonStream.text(m, "CauseMetadata", "StartLine"));
    StringBuilder evidence = new StringBuilder();
    appendLine(evidence, JsonStream.text(m, "Message"));
    if (status != null && !"FAIL".equalsIgnoreCase(status)) {
      appendLine(evidence, "Status: " + status);
    }
    JsonNode lines = m.path("CauseMetadata").path("Code").path("Lines");
    if (lines.isArray()) {
      for (JsonNode l : lines) {
        if (l.path("IsCause").asBoolean(false)) {
          appendLine(evidence, JsonStream.text(l, "Number") + ": " + l.path("Content").asString(""));
        }
      }
    }
    return new Observation(r.asset(), weakness, Location.file(r.target(), line), severity(word, Cvss.NONE), word,
        Cvss.NONE, JsonStream.text(m, "Description"), JsonStream.text(m, "Resolution"), cut(evidence), r.seen());
  }

  /**
   * A secret record. Its {@code Match} and {@code Code} fields hold the matched text (Trivy masks the
   * secret itself, but not always the surrounding line); neither is read, so the secret never
   * reaches the store, logs or reports: file, line, rule and category locate it well enough.
   */
  static Observation secret(JsonStream at, Result r, JsonNode s) throws ParseException {
    String rule = required(at, s, "secret", "RuleID");
    String title = JsonStream.text(s, "Title");
    String category = JsonStream.text(s, "Category");
    String word = JsonStream.text(s, "Severity");
    Integer start = Texts.integer(JsonStream.text(s, "StartLine"));
    Integer end = Texts.integer(JsonStream.text(s, "EndLine"));
    Weakness weakness = new Weakness(WeaknessKind.SECRET, "trivy:" + rule, title == null ? rule : title,
        List.of(), List.of());
    String lines = start == null ? "" : end == null || end.equals(start) ? " at line " + start
        : " at lines " + start + "-" + end;
    String description = "Secret" + (title == null ? "" : " (" + title + ")") + " detected in " + r.target() + lines
        + (category == null ? "" : "; category " + category) + "; rule " + rule + ". The value is not kept.";
    String solution = "Remove the secret from " + r.target() + " and its history, and revoke or rotate it.";
    return new Observation(r.asset(), weakness, Location.file(r.target(), start), severity(word, Cvss.NONE), word,
        Cvss.NONE, description, solution, null, r.seen());
  }

  /** The record's id field; a record without one cannot be told apart from any other, so it is refused. */
  private static String required(JsonStream at, JsonNode record, String what, String field) throws ParseException {
    String value = JsonStream.text(record, field);
    if (value == null) {
      throw at.error("a " + what + " record without \"" + field + "\" (in the record ending here)");
    }
    return value;
  }

  private static String componentPath(Result r, JsonNode v) {
    String pkgPath = JsonStream.text(v, "PkgPath");
    if (pkgPath != null) {
      return relative(pkgPath);
    }
    if (r.osPackages()) {
      // In a cluster report one workload may run several images: the image tells them apart.
      return r.inCluster() ? TrivyReport.imageOf(r.target()) : null;
    }
    return relative(r.target());
  }

  /**
   * A path inside an image or repository without its leading slash, as Trivy writes lock files and
   * jars ("app/libs/x.jar") while Grype writes "/app/libs/x.jar": one spelling lets the two agree.
   */
  private static String relative(String path) {
    if (path == null) {
      return null;
    }
    String p = path.replaceFirst("^/+", "");
    return p.isEmpty() ? null : p;
  }

  /**
   * CVSS from Trivy's per-source map: NVD first, then the source Trivy took the severity from (the
   * vendor), then any other; each version from the first source that has it.
   */
  private static Cvss cvss(JsonNode map, String severitySource) {
    if (map == null || !map.isObject()) {
      return Cvss.NONE;
    }
    List<JsonNode> sources = new ArrayList<>();
    addSource(sources, map.get("nvd"));
    if (severitySource != null) {
      addSource(sources, map.get(severitySource));
    }
    for (Map.Entry<String, JsonNode> e : map.properties()) {
      addSource(sources, e.getValue());
    }
    String v2 = null;
    Double v2s = null;
    String v3 = null;
    Double v3s = null;
    String v4 = null;
    Double v4s = null;
    for (JsonNode s : sources) {
      if (v2 == null && v2s == null) {
        v2 = Texts.cvss2Vector(JsonStream.text(s, "V2Vector"));
        v2s = Texts.decimal(JsonStream.text(s, "V2Score"));
      }
      if (v3 == null && v3s == null) {
        v3 = Texts.cvssVector(JsonStream.text(s, "V3Vector"), "CVSS:3.1");
        v3s = Texts.decimal(JsonStream.text(s, "V3Score"));
      }
      if (v4 == null && v4s == null) {
        v4 = Texts.cvssVector(JsonStream.text(s, "V40Vector"), "CVSS:4.0");
        v4s = Texts.decimal(JsonStream.text(s, "V40Score"));
      }
    }
    return new Cvss(v2, v2s, v3, v3s, v4, v4s);
  }

  private static void addSource(List<JsonNode> sources, JsonNode source) {
    if (source != null && source.isObject() && !sources.contains(source)) {
      sources.add(source);
    }
  }

  /** Trivy's word (CRITICAL..UNKNOWN); a word it never writes falls back to the best CVSS score. */
  private static Severity severity(String word, Cvss cvss) {
    Severity s = Severity.fromWord(word);
    if (s != null) {
      return s;
    }
    Double score = cvss.bestScore();
    return score == null ? Severity.INFO : Severity.fromCvssScore(score);
  }

  private static String vulnerabilityEvidence(Result r, JsonNode v) {
    StringBuilder sb = new StringBuilder();
    appendLine(sb, "Target: " + r.target());
    String pkgPath = JsonStream.text(v, "PkgPath");
    if (pkgPath != null) {
      appendLine(sb, "Package path: " + pkgPath);
    }
    String layer = JsonStream.text(v, "Layer", "Digest");
    if (layer != null) {
      appendLine(sb, "Layer: " + layer);
    }
    String source = JsonStream.text(v, "DataSource", "Name");
    if (source != null) {
      appendLine(sb, "Data source: " + source);
    }
    String url = JsonStream.text(v, "PrimaryURL");
    if (url != null) {
      appendLine(sb, "Primary URL: " + url);
    }
    List<String> refs = JsonStream.texts(v.get("References"));
    if (!refs.isEmpty()) {
      appendLine(sb, "References:\n" + String.join("\n", refs));
    }
    return cut(sb);
  }

  private static void appendLine(StringBuilder sb, String line) {
    if (line == null || line.isBlank()) {
      return;
    }
    if (sb.length() > 0) {
      sb.append('\n');
    }
    sb.append(line);
  }

  private static String cut(CharSequence text) {
    if (text.length() == 0) {
      return null;
    }
    return text.length() <= MAX_EVIDENCE ? text.toString() : text.subSequence(0, MAX_EVIDENCE) + " …";
  }
}
