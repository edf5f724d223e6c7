package vigil.ingest.grype;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
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

/**
 * One Grype match as an observation. Reads both the current match layout ({@code cvss} arrays,
 * {@code fix}, {@code relatedVulnerabilities}, a list of {@code matchDetails}) and the one of Grype
 * before 0.10 ({@code cvssV2}/{@code cvssV3}, {@code fixedInVersion}, {@code links}, one
 * {@code matchDetails} object).
 */
final class GrypeMatch {
  private static final int MAX_EVIDENCE = 4000;
  private static final int MAX_TITLE_SUMMARY = 120;
  /** Package types whose place is the image itself: the package database path says nothing more. */
  private static final Set<String> OS_PACKAGE_TYPES = Set.of("deb", "rpm", "apk", "alpm", "portage", "linux-kernel");

  private GrypeMatch() {}

  static Observation toObservation(JsonStream at, AssetRef asset, JsonNode match, Instant seen) throws ParseException {
    JsonNode vuln = match.path("vulnerability");
    String id = JsonStream.text(vuln, "id");
    if (id == null) {
      throw at.error("a match without \"vulnerability.id\" (in the match ending here)");
    }
    List<JsonNode> related = new ArrayList<>();
    match.path("relatedVulnerabilities").forEach(related::add);
    JsonNode artifact = match.path("artifact");
    String pkg = JsonStream.text(artifact, "name");
    String version = JsonStream.text(artifact, "version");
    String fixed = fixedVersions(vuln);

    // A GHSA (or vendor advisory) match names its CVE aliases under relatedVulnerabilities: they go
    // into the CVE list so the weakness key agrees with tools that report the CVE itself.
    List<String> ids = new ArrayList<>();
    ids.add(id);
    related.forEach(r -> ids.add(JsonStream.text(r, "id")));
    String description = description(vuln, related);
    Weakness weakness = new Weakness(WeaknessKind.VULNERABILITY, "grype:" + id, title(id, description),
        Texts.cves(ids), List.of());

    Cvss cvss = cvss(vuln, related);
    String word = JsonStream.text(vuln, "severity");
    Location location = Location.component(pkg, version, fixed, componentPath(artifact));
    return new Observation(asset, weakness, location, severity(word, related, cvss), word, cvss, description,
        solution(pkg, fixed, JsonStream.text(vuln, "fix", "state")), evidence(match, vuln, artifact), seen);
  }

  private static String fixedVersions(JsonNode vuln) {
    List<String> versions = JsonStream.texts(vuln.path("fix").get("versions"));
    if (versions.isEmpty()) {
      versions = JsonStream.texts(vuln.get("fixedInVersion"));
    }
    return versions.isEmpty() ? null : String.join(", ", versions);
  }

  private static String description(JsonNode vuln, List<JsonNode> related) {
    String d = JsonStream.text(vuln, "description");
    for (int i = 0; d == null && i < related.size(); i++) {
      d = JsonStream.text(related.get(i), "description");
    }
    return d;
  }

  /** "CVE-2021-44420: In Django 2.2 before 2.2.25, ..." with the description's first sentence, cut. */
  private static String title(String id, String description) {
    if (description == null) {
      return id;
    }
    String summary = description.strip().split("(?<=\\.)\\s|\\n", 2)[0];
    if (summary.length() > MAX_TITLE_SUMMARY) {
      summary = summary.substring(0, MAX_TITLE_SUMMARY).strip() + "…";
    }
    return id + ": " + summary;
  }

  /**
   * Grype's own severity for the match; when it gives none, the related (NVD) record's, then the
   * best CVSS score. "Negligible" and "Unknown" read as info.
   */
  private static Severity severity(String word, List<JsonNode> related, Cvss cvss) {
    Severity s = Severity.fromWord(word);
    for (int i = 0; s == null && i < related.size(); i++) {
      s = Severity.fromWord(JsonStream.text(related.get(i), "severity"));
    }
    if (s != null) {
      return s;
    }
    Double score = cvss.bestScore();
    return score == null ? Severity.INFO : Severity.fromCvssScore(score);
  }

  /**
   * CVSS per version from the first record that has it, NVD records first (a match on a distro
   * advisory carries NVD's under relatedVulnerabilities), and within a record the "Primary" entry.
   */
  private static Cvss cvss(JsonNode vuln, List<JsonNode> related) {
    List<JsonNode> records = new ArrayList<>();
    if (isNvd(vuln)) {
      records.add(vuln);
    }
    related.stream().filter(GrypeMatch::isNvd).forEach(records::add);
    if (!isNvd(vuln)) {
      records.add(vuln);
    }
    related.stream().filter(r -> !isNvd(r)).forEach(records::add);
    String[] vectors = new String[3];
    Double[] scores = new Double[3];
    for (JsonNode record : records) {
      for (Entry e : entries(record)) {
        JsonNode entry = e.node();
        String vector = JsonStream.text(entry, "vector");
        int slot = slot(e.version(), vector);
        String scoreText = JsonStream.text(entry, "metrics", "baseScore");
        Double score = Texts.decimal(scoreText != null ? scoreText : JsonStream.text(entry, "baseScore"));
        if (slot < 0 || vectors[slot] != null || scores[slot] != null || isPlaceholder(vector, score)) {
          continue;
        }
        vectors[slot] = slot == 0 ? Texts.cvss2Vector(vector)
            : Texts.cvssVector(vector, slot == 1 ? "CVSS:3.1" : "CVSS:4.0");
        scores[slot] = score;
      }
    }
    return new Cvss(vectors[0], scores[0], vectors[1], scores[1], vectors[2], scores[2]);
  }

  /** Old Grype writes {@code {"baseScore": 0, "vector": ""}} for "no v3 score": not a score of 0. */
  private static boolean isPlaceholder(String vector, Double score) {
    return vector == null && (score == null || score == 0.0);
  }

  private static boolean isNvd(JsonNode record) {
    String ns = JsonStream.text(record, "namespace");
    return ns != null && ns.startsWith("nvd");
  }

  /** One CVSS entry and the version it declares (or that its old field name implies). */
  private record Entry(JsonNode node, String version) {}

  /** A record's CVSS entries, "Primary" ones first; old files have cvssV2 / cvssV3 objects. */
  private static List<Entry> entries(JsonNode record) {
    List<Entry> primary = new ArrayList<>();
    List<Entry> rest = new ArrayList<>();
    for (JsonNode e : record.path("cvss")) {
      Entry entry = new Entry(e, JsonStream.text(e, "version"));
      ("Primary".equalsIgnoreCase(JsonStream.text(e, "type")) ? primary : rest).add(entry);
    }
    primary.addAll(rest);
    JsonNode v2 = record.get("cvssV2");
    if (v2 != null && v2.isObject()) {
      primary.add(new Entry(v2, "2.0"));
    }
    JsonNode v3 = record.get("cvssV3");
    if (v3 != null && v3.isObject()) {
      primary.add(new Entry(v3, "3"));
    }
    return primary;
  }

  /** 0 for v2, 1 for v3.x, 2 for v4, -1 for anything else. */
  private static int slot(String version, String vector) {
    String v = version != null ? version : vector == null ? "" : vector.startsWith("CVSS:") ? vector.substring(5) : "2";
    if (v.startsWith("2")) {
      return 0;
    }
    if (v.startsWith("3")) {
      return 1;
    }
    return v.startsWith("4") ? 2 : -1;
  }

  private static String componentPath(JsonNode artifact) {
    String type = JsonStream.text(artifact, "type");
    if (type != null && OS_PACKAGE_TYPES.contains(type)) {
      return null;
    }
    for (JsonNode loc : artifact.path("locations")) {
      String path = JsonStream.text(loc, "path");
      if (path != null) {
        // Relative, as Trivy writes it ("app/yarn.lock"), so the two tools' locations agree.
        String p = path.replaceFirst("^/+", "");
        return p.isEmpty() ? null : p;
      }
    }
    return null;
  }

  private static String solution(String pkg, String fixed, String fixState) {
    if (fixed != null) {
      return "Upgrade " + (pkg == null ? "the package" : pkg) + " to " + fixed + ".";
    }
    if ("wont-fix".equals(fixState)) {
      return "The distribution will not fix this (fix state: wont-fix).";
    }
    if ("not-fixed".equals(fixState)) {
      return "No fixed version is available yet (fix state: not-fixed).";
    }
    return null;
  }

  private static String evidence(JsonNode match, JsonNode vuln, JsonNode artifact) {
    StringBuilder sb = new StringBuilder();
    JsonNode details = match.path("matchDetails");
    List<JsonNode> detailList = new ArrayList<>();
    if (details.isArray()) {
      details.forEach(detailList::add);
    } else if (details.isObject()) {
      detailList.add(details);
    }
    for (JsonNode d : detailList) {
      String constraint = JsonStream.text(d, "found", "versionConstraint");
      if (constraint == null) {
        constraint = JsonStream.text(d, "matchedOn", "constraint");
      }
      line(sb, "Matcher: " + JsonStream.text(d, "matcher")
          + (constraint == null ? "" : ", constraint " + constraint));
    }
    line(sb, "Package: " + JsonStream.text(artifact, "name") + " " + JsonStream.text(artifact, "version")
        + (JsonStream.text(artifact, "type") == null ? "" : " (" + JsonStream.text(artifact, "type") + ")"));
    String purl = JsonStream.text(artifact, "purl");
    if (purl != null) {
      line(sb, "PURL: " + purl);
    }
    Set<String> paths = new LinkedHashSet<>();
    artifact.path("locations").forEach(l -> {
      String p = JsonStream.text(l, "path");
      if (p != null) {
        paths.add(p);
      }
    });
    if (!paths.isEmpty()) {
      line(sb, "Locations: " + String.join(", ", paths));
    }
    String state = JsonStream.text(vuln, "fix", "state");
    if (state != null) {
      line(sb, "Fix state: " + state);
    }
    String source = JsonStream.text(vuln, "dataSource");
    if (source != null) {
      line(sb, "Data source: " + source);
    }
    List<String> urls = JsonStream.texts(vuln.get("urls"));
    if (urls.isEmpty()) {
      urls = JsonStream.texts(vuln.get("links"));
    }
    if (!urls.isEmpty()) {
      line(sb, "References:\n" + String.join("\n", urls));
    }
    return sb.length() <= MAX_EVIDENCE ? sb.toString() : sb.substring(0, MAX_EVIDENCE) + " …";
  }

  private static void line(StringBuilder sb, String text) {
    if (sb.length() > 0) {
      sb.append('\n');
    }
    sb.append(text);
  }
}
