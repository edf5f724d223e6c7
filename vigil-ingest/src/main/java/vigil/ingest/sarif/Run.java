package vigil.ingest.sarif;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import vigil.ingest.ScanFile;
import vigil.ingest.Texts;
import vigil.ingest.code.RepositoryAsset;
import vigil.ingest.json.JsonStream;
import vigil.model.AssetRef;
import vigil.model.Cvss;
import vigil.model.Location;
import vigil.model.Observation;
import vigil.model.Severity;
import vigil.model.Weakness;
import vigil.model.WeaknessKind;

/**
 * One SARIF run's context (tool and rules, repository provenance, artifact URIs, URI base ids, end
 * time) and the turning of its results into observations.
 */
final class Run {
  static final int MAX_EVIDENCE = 4000;
  private static final int MAX_TITLE = 200;
  private static final Pattern PLACEHOLDER = Pattern.compile("\\{(\\d+)\\}");
  private static final Pattern SENTENCE_END = Pattern.compile("\\.\\s+(?=[A-Z])");
  private static final Pattern LEADING_CVE = Pattern.compile("^\\s*(CVE-\\d{4}-\\d{4,})\\b", Pattern.CASE_INSENSITIVE);
  /** Kinds that say the rule was evaluated and found no problem: not findings. */
  private static final Set<String> NOT_FINDINGS = Set.of("pass", "notapplicable", "informational");

  private final ScanFile file;
  private String toolName;
  private final List<Rule> driverRules = new ArrayList<>();
  private final List<List<Rule>> extensionRules = new ArrayList<>();
  private final Map<String, Rule> rulesById = new HashMap<>();
  private final Map<String, String> globalMessages = new HashMap<>();
  /** versionControlProvenance: repository URI by the URI base id it is mapped to ("" when unmapped). */
  private final Map<String, String> repositories = new LinkedHashMap<>();
  /** originalUriBaseIds that are absolute file paths, so absolute result paths can be made repository-relative. */
  private final Map<String, String> absoluteBases = new HashMap<>();
  private final List<String> artifactUris = new ArrayList<>();
  private Instant endTime;

  Run(ScanFile file) {
    this.file = file;
  }

  boolean hasTool() {
    return toolName != null;
  }

  void tool(JsonNode tool) {
    JsonNode driver = tool.get("driver");
    String name = JsonStream.text(driver, "name");
    toolName = name == null ? "SARIF tool" : name;
    readRules(driver, driverRules);
    if (driver != null && driver.get("globalMessageStrings") != null) {
      driver.get("globalMessageStrings").properties().forEach(e -> {
        String text = Rule.message(e.getValue());
        if (text != null) {
          globalMessages.put(e.getKey(), text);
        }
      });
    }
    JsonNode extensions = tool.get("extensions");
    if (extensions != null && extensions.isArray()) {
      for (JsonNode ext : extensions) {
        List<Rule> rules = new ArrayList<>();
        readRules(ext, rules);
        extensionRules.add(rules);
      }
    }
  }

  private void readRules(JsonNode component, List<Rule> into) {
    JsonNode rules = component == null ? null : component.get("rules");
    if (rules == null || !rules.isArray()) {
      return;
    }
    for (JsonNode r : rules) {
      Rule rule = Rule.of(r);
      into.add(rule);
      if (rule.id() != null) {
        rulesById.putIfAbsent(rule.id(), rule);
      }
    }
  }

  void provenance(JsonNode list) {
    if (list == null || !list.isArray()) {
      return;
    }
    for (JsonNode p : list) {
      String uri = JsonStream.text(p, "repositoryUri");
      if (uri != null) {
        String base = JsonStream.text(p, "mappedTo", "uriBaseId");
        repositories.putIfAbsent(base == null ? "" : base, uri);
      }
    }
  }

  void uriBases(JsonNode bases) {
    if (bases == null || !bases.isObject()) {
      return;
    }
    bases.properties().forEach(e -> {
      String uri = JsonStream.text(e.getValue(), "uri");
      if (uri != null && uri.regionMatches(true, 0, "file:", 0, 5)) {
        String path = filePath(uri);
        absoluteBases.put(e.getKey(), path.endsWith("/") ? path : path + "/");
      }
    });
  }

  void artifact(JsonNode artifact) {
    artifactUris.add(JsonStream.text(artifact, "location", "uri"));
  }

  /** The last invocation's end (or start) time: when the tool looked, used for results without their own. */
  void invocation(JsonNode invocation) {
    Instant t = Texts.instant(JsonStream.text(invocation, "endTimeUtc"));
    if (t == null) {
      t = Texts.instant(JsonStream.text(invocation, "startTimeUtc"));
    }
    if (t != null) {
      endTime = t;
    }
  }

  /** The repositories the run scanned, for coverage: every mapped repository, else the report's target. */
  List<AssetRef> assets() {
    List<AssetRef> out = new ArrayList<>();
    if (repositories.isEmpty()) {
      out.add(RepositoryAsset.of(file, null));
    }
    new LinkedHashSet<>(repositories.values()).forEach(uri -> out.add(RepositoryAsset.of(file, uri)));
    return out;
  }

  /**
   * The observation for one result, or {@code null} for a result that is not a finding: kind
   * pass / notApplicable / informational (the rule ran and found nothing wrong), or baselineState
   * absent (seen in the baseline, gone now: it is fixed, and reporting it would reopen it).
   */
  Observation observation(JsonNode result) {
    String kind = JsonStream.text(result, "kind");
    if (kind != null && NOT_FINDINGS.contains(kind.toLowerCase(Locale.ROOT))) {
      return null;
    }
    if ("absent".equals(JsonStream.text(result, "baselineState"))) {
      return null;
    }
    String ruleId = JsonStream.text(result, "ruleId");
    if (ruleId == null) {
      ruleId = JsonStream.text(result, "rule", "id");
    }
    Rule rule = rule(result, ruleId);
    if (ruleId == null && rule != null) {
      ruleId = rule.id();
    }
    String message = message(result.get("message"), rule);
    Weakness weakness = weakness(result, rule, ruleId, message);
    JsonNode physical = physicalLocation(result);
    String uriBase = JsonStream.text(physical, "artifactLocation", "uriBaseId");
    Location location = Location.file(path(physical, result), Texts.integer(JsonStream.text(physical, "region", "startLine")));
    JsonNode props = result.get("properties");
    Cvss cvss = propertiesCvss(props);
    Rated rated = rate(result, rule, cvss);
    // The run's invocation says when this scan looked; a result's own provenance is the fallback
    // (it is result-management history, and may name a later scan than this one).
    Instant seen = endTime != null ? endTime : Texts.instant(JsonStream.text(result, "provenance", "lastDetectionTimeUtc"));
    String description = message;
    if (rule != null && rule.fullDescription() != null && !rule.fullDescription().equals(message)) {
      description = message == null ? rule.fullDescription() : message + "\n\n" + rule.fullDescription();
    }
    return new Observation(asset(uriBase), weakness, location, rated.severity(), rated.toolSeverity(), cvss,
        description, solution(result, rule), evidence(result, physical), seen);
  }

  private AssetRef asset(String uriBase) {
    String repository = uriBase == null ? null : repositories.get(uriBase);
    if (repository == null && !repositories.isEmpty()) {
      repository = repositories.values().iterator().next();
    }
    return RepositoryAsset.of(file, repository);
  }

  /** The rule a result points at: by index into the driver or an extension, else by id. */
  private Rule rule(JsonNode result, String id) {
    JsonNode ref = result.get("rule");
    Integer index = Texts.integer(JsonStream.text(result, "ruleIndex"));
    if (index == null) {
      index = Texts.integer(JsonStream.text(ref, "index"));
    }
    Integer component = Texts.integer(JsonStream.text(ref, "toolComponent", "index"));
    List<Rule> rules = component == null ? driverRules
        : component >= 0 && component < extensionRules.size() ? extensionRules.get(component) : List.of();
    Rule byIndex = index != null && index >= 0 && index < rules.size() ? rules.get(index) : null;
    if (byIndex != null && (id == null || id.equals(byIndex.id()))) {
      return byIndex;
    }
    return id == null ? null : rulesById.get(id);
  }

  private Weakness weakness(JsonNode result, Rule rule, String ruleId, String message) {
    List<String> cves = ruleId == null ? List.of() : Texts.cves(List.of(ruleId));
    if (cves.isEmpty() && message != null) {
      Matcher m = LEADING_CVE.matcher(message);
      if (m.find()) {
        cves = Texts.cves(List.of(m.group(1)));
      }
    }
    Set<String> cwes = new LinkedHashSet<>();
    if (rule != null) {
      cwes.addAll(rule.cwes());
    }
    JsonNode taxa = result.get("taxa");
    if (taxa != null && taxa.isArray()) {
      taxa.forEach(t -> Rule.addTaxon(t, cwes));
    }
    JsonNode props = result.get("properties");
    if (props != null) {
      Rule.addCweTexts(JsonStream.texts(props.get("cwe")), cwes);
    }
    String title = rule != null && rule.title() != null ? rule.title() : titleFromMessage(message, ruleId);
    if (title == null) {
      title = ruleId != null ? ruleId : toolName + " result";
    }
    String checkId = "sarif:" + (ruleId != null ? ruleId : toolName);
    return new Weakness(WeaknessKind.VULNERABILITY, checkId, shorten(title), cves, new ArrayList<>(cwes));
  }

  /**
   * A title for a result without a rule (dependency-check): the message's first sentence, without
   * the "&lt;rule id&gt; - " that dependency-check puts before it.
   */
  private static String titleFromMessage(String message, String ruleId) {
    if (message == null) {
      return null;
    }
    String t = message;
    if (ruleId != null && t.startsWith(ruleId + " - ") && t.length() > ruleId.length() + 3) {
      t = t.substring(ruleId.length() + 3);
    }
    Matcher end = SENTENCE_END.matcher(t);
    return end.find() ? t.substring(0, end.start() + 1) : t;
  }

  /** The result's message: its text, else the rule's (or the tool's global) message string, with arguments filled in. */
  private String message(JsonNode m, Rule rule) {
    if (m == null) {
      return null;
    }
    String text = Rule.message(m);
    String id = JsonStream.text(m, "id");
    if (text == null && id != null) {
      text = rule != null ? rule.messages().get(id) : null;
      if (text == null) {
        text = globalMessages.get(id);
      }
    }
    if (text == null) {
      return null;
    }
    List<String> args = JsonStream.texts(m.get("arguments"));
    Matcher p = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (p.find()) {
      int i = Integer.parseInt(p.group(1));
      p.appendReplacement(out, Matcher.quoteReplacement(i < args.size() ? args.get(i) : p.group()));
    }
    p.appendTail(out);
    return out.toString().strip();
  }

  private static JsonNode physicalLocation(JsonNode result) {
    JsonNode locations = result.get("locations");
    if (locations != null && locations.isArray() && !locations.isEmpty()) {
      return locations.get(0).get("physicalLocation");
    }
    return null;
  }

  /** The file of the first location (its URI, else the artifact it indexes), else the analysis target. */
  private String path(JsonNode physical, JsonNode result) {
    JsonNode artifact = physical != null ? physical.get("artifactLocation") : result.get("analysisTarget");
    if (artifact == null) {
      return null;
    }
    String uri = JsonStream.text(artifact, "uri");
    if (uri == null) {
      Integer index = Texts.integer(JsonStream.text(artifact, "index"));
      uri = index != null && index >= 0 && index < artifactUris.size() ? artifactUris.get(index) : null;
    }
    return uri == null ? null : relativePath(uri);
  }

  /**
   * A result URI as a path: relative URIs as written (they are relative to the source root), file
   * URIs as absolute paths made relative when they sit under an absolute URI base id.
   */
  private String relativePath(String uri) {
    if (!uri.regionMatches(true, 0, "file:", 0, 5)) {
      String p = decode(uri);
      return p.startsWith("./") ? p.substring(2) : p;
    }
    String path = filePath(uri);
    for (String base : absoluteBases.values()) {
      if (path.startsWith(base) && path.length() > base.length()) {
        return path.substring(base.length());
      }
    }
    return path;
  }

  /** "file:///src/a.c", "file:////src/a.c" (dependency-check) and "file://host/src/a.c" → "/src/a.c". */
  static String filePath(String uri) {
    String rest = uri.substring(5);
    if (rest.startsWith("//")) {
      rest = rest.substring(2);
      if (!rest.startsWith("/")) {
        int slash = rest.indexOf('/');
        rest = slash < 0 ? "/" : rest.substring(slash);
      }
    }
    rest = "/" + rest.replaceFirst("^/+", "");
    if (rest.matches("/[A-Za-z]:/.*")) {
      rest = rest.substring(1);
    }
    return decode(rest);
  }

  /** Percent-decoding of a URI path (UTF-8); text that is not valid percent-encoding is kept as written. */
  static String decode(String s) {
    if (s.indexOf('%') < 0) {
      return s;
    }
    ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '%' && i + 2 < s.length()
          && Character.digit(s.charAt(i + 1), 16) >= 0 && Character.digit(s.charAt(i + 2), 16) >= 0) {
        out.write(Integer.parseInt(s.substring(i + 1, i + 3), 16));
        i += 2;
      } else {
        byte[] b = String.valueOf(c).getBytes(StandardCharsets.UTF_8);
        out.write(b, 0, b.length);
      }
    }
    return out.toString(StandardCharsets.UTF_8);
  }

  /** The severity and the tool's own words for it. See {@link SarifParser} for the order of sources. */
  private Rated rate(JsonNode result, Rule rule, Cvss cvss) {
    String level = JsonStream.text(result, "level");
    if (level == null && rule != null) {
      level = rule.level();
    }
    Severity byLevel = level(level);
    JsonNode props = result.get("properties");
    Double securitySeverity = Texts.decimal(JsonStream.text(props, "security-severity"));
    if (securitySeverity == null && rule != null) {
      securitySeverity = rule.securitySeverity();
    }
    String word = JsonStream.text(props, "severity");
    StringJoiner toolWords = new StringJoiner(", ");
    if (byLevel != null) {
      toolWords.add(level);
    }
    if (securitySeverity != null) {
      toolWords.add("security-severity " + securitySeverity);
      return new Rated(Severity.fromCvssScore(securitySeverity), toolWords.toString());
    }
    Double cvssScore = cvss.v3Score() != null ? cvss.v3Score() : cvss.v2Score();
    if (cvssScore != null) {
      return new Rated(Severity.fromCvssScore(cvssScore), toolWords.add("CVSS " + cvssScore).toString());
    }
    if (word != null && Severity.fromWord(word) != null) {
      return new Rated(Severity.fromWord(word), toolWords.add(word).toString());
    }
    if (byLevel != null) {
      return new Rated(byLevel, level);
    }
    Double rank = Texts.decimal(JsonStream.text(result, "rank"));
    if (rank == null && rule != null) {
      rank = rule.rank();
    }
    if (rank != null && rank >= 0 && rank <= 100) {
      return new Rated(Severity.fromCvssScore(rank / 10), "rank " + rank);
    }
    return new Rated(Severity.MEDIUM, null);
  }

  /** SARIF's levels; {@code null} for a missing or unknown level. */
  private static Severity level(String level) {
    if (level == null) {
      return null;
    }
    switch (level) {
      case "error":
        return Severity.HIGH;
      case "warning":
        return Severity.MEDIUM;
      case "note":
        return Severity.LOW;
      case "none":
        return Severity.INFO;
      default:
        return null;
    }
  }

  /**
   * CVSS that OWASP dependency-check writes into a result's properties as separate metrics
   * ({@code cvssv3_attackVector: "NETWORK"}, ...): rebuilt into vectors, whose metric values are
   * the first letters of the words it writes.
   */
  static Cvss propertiesCvss(JsonNode props) {
    if (props == null || !props.isObject()) {
      return Cvss.NONE;
    }
    Double v3Score = Texts.decimal(JsonStream.text(props, "cvssv3_baseScore"));
    Double v2Score = Texts.decimal(JsonStream.text(props, "cvssv2_score"));
    String v3 = vector(props, "CVSS:" + JsonStream.text(props, "cvssv3_version") + "/",
        "AV", "cvssv3_attackVector", "AC", "cvssv3_attackComplexity", "PR", "cvssv3_privilegesRequired",
        "UI", "cvssv3_userInteraction", "S", "cvssv3_scope", "C", "cvssv3_confidentialityImpact",
        "I", "cvssv3_integrityImpact", "A", "cvssv3_availabilityImpact");
    if (v3 != null && JsonStream.text(props, "cvssv3_version") == null) {
      v3 = null;
    }
    String auth = props.has("cvssv2_authentication") ? "cvssv2_authentication" : "cvssv2_authenticationr";
    String v2 = vector(props, "",
        "AV", "cvssv2_accessVector", "AC", "cvssv2_accessComplexity", "Au", auth,
        "C", "cvssv2_confidentialImpact", "I", "cvssv2_integrityImpact", "A", "cvssv2_availabilityImpact");
    Cvss cvss = new Cvss(v2, v2Score, v3, v3Score, null, null);
    return cvss.isEmpty() ? Cvss.NONE : cvss;
  }

  private static String vector(JsonNode props, String prefix, String... metricAndProperty) {
    StringJoiner v = new StringJoiner("/", prefix, "");
    for (int i = 0; i < metricAndProperty.length; i += 2) {
      String value = JsonStream.text(props, metricAndProperty[i + 1]);
      if (value == null) {
        return null;
      }
      v.add(metricAndProperty[i] + ":" + Character.toUpperCase(value.charAt(0)));
    }
    return v.toString();
  }

  private static String solution(JsonNode result, Rule rule) {
    JsonNode fixes = result.get("fixes");
    StringJoiner out = new StringJoiner("\n");
    if (fixes != null && fixes.isArray()) {
      fixes.forEach(f -> {
        String d = Rule.message(f.get("description"));
        if (d != null) {
          out.add(d);
        }
      });
    }
    if (out.length() == 0 && rule != null && rule.helpUri() != null) {
      out.add("See " + rule.helpUri());
    }
    return out.length() == 0 ? null : out.toString();
  }

  /** The code snippet, and whether the tool marks the result suppressed (kept: Vigil decides acceptance itself). */
  private static String evidence(JsonNode result, JsonNode physical) {
    StringJoiner out = new StringJoiner("\n");
    String snippet = JsonStream.text(physical, "region", "snippet", "text");
    if (snippet == null) {
      snippet = JsonStream.text(physical, "contextRegion", "snippet", "text");
    }
    if (snippet != null) {
      out.add(snippet);
    }
    JsonNode suppressions = result.get("suppressions");
    if (suppressions != null && suppressions.isArray()) {
      for (JsonNode s : suppressions) {
        String state = JsonStream.text(s, "state");
        if (state == null || "accepted".equals(state)) {
          out.add("Suppressed in the tool (" + JsonStream.text(s, "kind") + (state == null ? "" : ", " + state) + ")");
        }
      }
    }
    if (out.length() == 0) {
      return null;
    }
    String text = out.toString();
    return text.length() <= MAX_EVIDENCE ? text : text.substring(0, MAX_EVIDENCE) + " […]";
  }

  private static String shorten(String title) {
    String t = title.strip().replaceAll("\\s+", " ");
    if (t.length() <= MAX_TITLE) {
      return t;
    }
    int cut = t.lastIndexOf(' ', MAX_TITLE - 1);
    return t.substring(0, cut > MAX_TITLE / 2 ? cut : MAX_TITLE - 1) + "…";
  }

  private record Rated(Severity severity, String toolSeverity) {}
}
