package vigil.ingest.scoutsuite;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;
import vigil.ingest.Head;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.ScanParser;
import vigil.ingest.Texts;
import vigil.ingest.json.JsonStream;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.AssetRef;
import vigil.model.Cvss;
import vigil.model.Location;
import vigil.model.Observation;
import vigil.model.ObservationSink;
import vigil.model.Severity;
import vigil.model.Weakness;
import vigil.model.WeaknessKind;

/**
 * ScoutSuite results ({@code scoutsuite_results_*.js}): JavaScript that assigns one JSON object,
 * {@code scoutsuite_results = {...}}. One observation per flagged item of each rule, on the
 * CLOUD_RESOURCE the item points into; every resource a rule checked counts as covered, so a later
 * run in which a resource passes closes what an earlier run found.
 *
 * <p>Unlike the other parsers this one reads the whole results object into a tree: ScoutSuite
 * writes all results as that one object, resolves its findings by paths into it, and sizes it for
 * a browser to load, so the tree is small by nature. The depth limit of {@link JsonStream} still
 * applies.
 */
public final class ScoutSuiteParser implements ScanParser {
  private static final String PREFIX = "scoutsuite_results";
  /** How far the assignment's '=' may be from the start of the file. */
  private static final int MAX_PREFIX = 256;
  private static final Pattern HHMM_OFFSET = Pattern.compile("([+-]\\d{2})(\\d{2})$");

  @Override
  public String format() {
    return "scout_suite";
  }

  @Override
  public String tool() {
    return "ScoutSuite";
  }

  @Override
  public boolean sniff(Head head) {
    String start = head.text().stripLeading();
    if (start.startsWith(PREFIX)) {
      return true;
    }
    // The same results written as plain JSON (no JavaScript assignment).
    return head.firstChar() == '{' && head.hasJsonName("last_run") && head.hasJsonName("ruleset_name")
        && head.hasJsonName("run_parameters");
  }

  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    JsonNode results;
    try (JsonStream json = JsonStream.open(withoutAssignment(file))) {
      if (json.next() != JsonToken.START_OBJECT) {
        throw json.error("expected 'scoutsuite_results =' followed by a JSON object");
      }
      results = json.readTree();
      json.finish();
      if (!results.path("services").isObject()) {
        throw json.error("not ScoutSuite results: no 'services' object");
      }
    }
    new Run(results, sink).read();
  }

  /** The file from the '{' on: the JavaScript assignment before it is dropped, line breaks kept. */
  private static ScanFile withoutAssignment(ScanFile file) throws IOException, ParseException {
    InputStream in = new BufferedInputStream(file.open());
    try {
      in.mark(MAX_PREFIX);
      byte[] head = in.readNBytes(MAX_PREFIX);
      String text = new String(head, StandardCharsets.ISO_8859_1);
      String trimmed = text.stripLeading();
      in.reset();
      if (trimmed.startsWith(PREFIX)) {
        int eq = text.indexOf('=');
        if (eq < 0) {
          throw new ParseException(file.name(), "line 1", "'" + PREFIX + "' is not followed by '='");
        }
        in.skipNBytes(eq + 1);
      } else if (!trimmed.startsWith("{")) {
        String start = trimmed.substring(0, Math.min(40, trimmed.length())).replaceAll("\\s+", " ");
        throw new ParseException(file.name(), "line 1",
            "expected '" + PREFIX + " =' followed by JSON, found \"" + start + "\"");
      }
      return new ScanFile(file.name(), () -> in);
    } catch (IOException | ParseException | RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** One ScoutSuite run: its provider and account, and the findings of each service. */
  private static final class Run {
    private final JsonNode services;
    private final ObservationSink sink;
    private final String provider;
    private final String account;
    private final Instant time;
    private final Set<String> covered = new HashSet<>();

    Run(JsonNode results, ObservationSink sink) {
      this.services = results.path("services");
      this.sink = sink;
      this.provider = JsonStream.text(results, "provider_code");
      String acc = JsonStream.text(results, "account_id");
      this.account = acc != null ? acc : JsonStream.text(results, "project_id");
      this.time = runTime(JsonStream.text(results, "last_run", "time"));
    }

    void read() {
      for (Map.Entry<String, JsonNode> service : services.properties()) {
        for (Map.Entry<String, JsonNode> rule : service.getValue().path("findings").properties()) {
          readRule(rule.getKey(), rule.getValue());
        }
      }
    }

    private void readRule(String ruleId, JsonNode rule) {
      String pattern = JsonStream.text(rule, "path");
      if (pattern != null && rule.path("checked_items").asInt(0) > 0) {
        for (Resource r : Resource.matching(services, pattern)) {
          if (covered.add(r.path)) {
            sink.covered(asset(r, rule));
          }
        }
      }
      for (String item : JsonStream.texts(rule.path("items"))) {
        Resource r = Resource.of(services, pattern, item, JsonStream.text(rule, "id_suffix"));
        sink.observation(observation(ruleId, rule, r, item));
      }
    }

    private AssetRef asset(Resource r, JsonNode rule) {
      String arn = JsonStream.text(r.node, "arn");
      String name = JsonStream.text(r.node, "name");
      return AssetRef.builder(AssetKind.CLOUD_RESOURCE)
          .name(name != null ? name : r.key)
          .key(AssetKey.Type.CLOUD_ID, arn != null ? arn : cloudId(r))
          .attribute("provider", provider)
          .attribute("account", account)
          .attribute("region", r.region)
          .attribute("service", JsonStream.text(rule, "service"))
          .attribute("resource-type", r.type)
          .attribute("scoutsuite-path", r.path)
          .build();
    }

    /** A resource without an ARN is named by its path in the results, under provider and account. */
    private String cloudId(Resource r) {
      StringBuilder sb = new StringBuilder();
      for (String part : new String[] {provider, account}) {
        if (part != null) {
          sb.append(part).append('/');
        }
      }
      return sb.append(r.path).toString();
    }

    private Observation observation(String ruleId, JsonNode rule, Resource r, String item) {
      String level = JsonStream.text(rule, "level");
      String title = JsonStream.text(rule, "description");
      String check = "scout_suite:" + (provider == null ? "" : provider + ":") + ruleId;
      Weakness weakness = new Weakness(WeaknessKind.MISCONFIGURATION, check, title != null ? title : ruleId,
          List.of(), List.of());
      List<String> fix = new ArrayList<>();
      String remediation = JsonStream.text(rule, "remediation");
      if (remediation != null) {
        fix.add(remediation);
      }
      List<String> refs = JsonStream.texts(rule.path("references"));
      if (!refs.isEmpty()) {
        fix.add("References:\n" + String.join("\n", refs));
      }
      return new Observation(asset(r, rule), weakness, Location.NONE, severity(level), level, Cvss.NONE,
          JsonStream.text(rule, "rationale"), fix.isEmpty() ? null : String.join("\n\n", fix),
          evidence(rule, item), time);
    }

    private static String evidence(JsonNode rule, String item) {
      StringBuilder sb = new StringBuilder("flagged: ").append(item);
      for (JsonNode c : rule.path("compliance")) {
        sb.append("\ncompliance: ").append(JsonStream.text(c, "name"));
        String version = JsonStream.text(c, "version");
        if (version != null) {
          sb.append(' ').append(version);
        }
        String ref = JsonStream.text(c, "reference");
        if (ref != null) {
          sb.append(" §").append(ref);
        }
      }
      return sb.toString();
    }

    /** ScoutSuite has two levels: "danger" and "warning"; anything else is kept as written and rated low. */
    private static Severity severity(String level) {
      if (level == null) {
        return Severity.MEDIUM;
      }
      switch (level.toLowerCase(Locale.ROOT)) {
        case "danger":
          return Severity.HIGH;
        case "warning":
          return Severity.MEDIUM;
        default:
          Severity s = Severity.fromWord(level);
          return s != null ? s : Severity.LOW;
      }
    }
  }

  /** "2021-01-08 17:28:00+0100": the offset needs its colon for the ISO reader. */
  static Instant runTime(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = HHMM_OFFSET.matcher(text.trim());
    return Texts.instant(m.find() ? m.replaceFirst("$1:$2") : text);
  }

  /**
   * A node of the results that a rule's path ("cloudstorage.projects.id.buckets.id") leads to,
   * with the concrete path to it ("cloudstorage.projects.p1.buckets.52fc…").
   */
  static final class Resource {
    final JsonNode node;
    final String path;
    final String key;
    final String type;
    final String region;

    Resource(JsonNode node, String path, String key, String type, String region) {
      this.node = node;
      this.path = path;
      this.key = key;
      this.type = type;
      this.region = region;
    }

    /** Every node the pattern matches; "id" in a pattern stands for any key. */
    static List<Resource> matching(JsonNode services, String pattern) {
      List<Resource> out = new ArrayList<>();
      walk(services, pattern.split("\\."), 0, "", null, null, null, out);
      return out;
    }

    private static void walk(JsonNode node, String[] pattern, int i, String path, String key, String type,
        String region, List<Resource> out) {
      if (i == pattern.length) {
        if (node.isObject()) {
          out.add(new Resource(node, path, key, type, region));
        }
        return;
      }
      String seg = pattern[i];
      if (seg.equals("id")) {
        boolean regions = i > 0 && pattern[i - 1].equals("regions");
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          String r = regions ? e.getKey() : region;
          walk(e.getValue(), pattern, i + 1, join(path, e.getKey()), e.getKey(), type, r, out);
        }
      } else if (node.has(seg)) {
        walk(node.get(seg), pattern, i + 1, join(path, seg), key, seg, region, out);
      }
    }

    /**
     * The resource a flagged item ("cloudstorage.projects.p1.buckets.52fc….logging_enabled") points
     * into, following the rule's path through the results; keys may themselves hold dots, so at each
     * "id" the longest key that fits the item is taken. When the item does not fit the path, the
     * item less its suffix names the resource.
     */
    static Resource of(JsonNode services, String pattern, String item, String idSuffix) {
      if (pattern != null) {
        Resource r = follow(services, pattern.split("\\."), item);
        if (r != null) {
          return r;
        }
      }
      String path = idSuffix != null && item.endsWith("." + idSuffix)
          ? item.substring(0, item.length() - idSuffix.length() - 1)
          : item;
      return new Resource(MissingNode.getInstance(), path, path.substring(path.lastIndexOf('.') + 1), null, null);
    }

    private static Resource follow(JsonNode services, String[] pattern, String item) {
      JsonNode node = services;
      String rest = item;
      String path = "";
      String key = null;
      String type = null;
      String region = null;
      for (int i = 0; i < pattern.length; i++) {
        String seg = pattern[i];
        String chosen = null;
        if (seg.equals("id")) {
          for (Map.Entry<String, JsonNode> e : node.properties()) {
            String k = e.getKey();
            if ((rest.equals(k) || rest.startsWith(k + ".")) && (chosen == null || k.length() > chosen.length())) {
              chosen = k;
            }
          }
          if (chosen == null) {
            return null;
          }
          key = chosen;
          if (i > 0 && pattern[i - 1].equals("regions")) {
            region = chosen;
          }
        } else if (rest.equals(seg) || rest.startsWith(seg + ".")) {
          chosen = seg;
          type = seg;
        } else {
          return null;
        }
        node = node.path(chosen);
        path = join(path, chosen);
        rest = rest.length() > chosen.length() ? rest.substring(chosen.length() + 1) : "";
      }
      return new Resource(node, path, key, type, region);
    }

    private static String join(String path, String seg) {
      return path.isEmpty() ? seg : path + "." + seg;
    }
  }
}
