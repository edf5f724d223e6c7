package vigil.ingest.nuclei;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import java.util.function.Function;
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
import vigil.model.Cvss;
import vigil.model.Location;
import vigil.model.Observation;
import vigil.model.ObservationSink;
import vigil.model.Severity;
import vigil.model.Weakness;
import vigil.model.WeaknessKind;

/**
 * Nuclei results: JSON lines ({@code -jsonl}, one result per line, read line by line) or the JSON
 * array of {@code -json-export} and Nuclei 3 (read one element at a time). A zero-byte file is a
 * scan that found nothing. One observation per result.
 *
 * <p>The asset is the HOST of the result's {@code host} (else {@code matched-at}, else {@code url}),
 * with the {@code ip} as a second key; the location is the matched port and URL path (no query).
 * A result that names no host at all (a DNS template run against the root zone) sits on a host
 * named after the report's target.
 *
 * <p>The check id is {@code nuclei:<template-id>}, followed by {@code :<matcher-name>} when the
 * template has named matchers: "http-missing-security-headers:x-frame-options" and
 * "…:content-security-policy" are two different things to fix, as Nuclei's own output shows them.
 */
public final class NucleiParser implements ScanParser {
  private static final int MAX_EVIDENCE = 4000;

  @Override
  public String format() {
    return "nuclei";
  }

  @Override
  public String tool() {
    return "Nuclei";
  }

  @Override
  public boolean sniff(Head head) {
    return head.isJson() && (head.hasJsonName("template-id") || head.hasJsonName("templateID"))
        && head.hasJsonName("info");
  }

  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    if (Head.of(file).firstChar() == '[') {
      parseArray(file, sink);
    } else {
      parseLines(file, sink);
    }
  }

  private void parseLines(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(file.open(), StandardCharsets.UTF_8))) {
      int number = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        number++;
        if (number == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1);
        }
        if (line.isBlank()) {
          continue;
        }
        String place = "line " + number;
        JsonNode result = JsonStream.readTree(file.name(), place, line);
        sink.observation(observation(file, result, problem -> new ParseException(file.name(), place, problem)));
      }
    }
  }

  private void parseArray(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    try (JsonStream json = JsonStream.open(file)) {
      json.next();
      for (JsonToken t = json.next(); t != JsonToken.END_ARRAY; t = json.next()) {
        if (t != JsonToken.START_OBJECT) {
          throw json.error(t == null ? "the file ends inside the array of results" : "each result must be a JSON object");
        }
        sink.observation(observation(file, json.readTree(), json::error));
      }
      json.finish();
    }
  }

  private static Observation observation(ScanFile file, JsonNode r, Function<String, ParseException> error)
      throws ParseException {
    String templateId = text(r, "template-id", "templateID");
    JsonNode info = r.get("info");
    if (templateId == null || info == null || !info.isObject()) {
      throw error.apply("not a Nuclei result: expected \"template-id\" and \"info\"");
    }
    String word = JsonStream.text(info, "severity");
    Severity severity = word == null ? Severity.INFO : Severity.fromWord(word);
    if (severity == null) {
      throw error.apply("unknown severity '" + word + "'; Nuclei's are info, low, medium, high, critical and unknown");
    }
    Endpoint host = first(text(r, "host", null), text(r, "matched-at", "matched"), JsonStream.text(r, "url"));
    Endpoint matched = first(text(r, "matched-at", "matched"), JsonStream.text(r, "url"), text(r, "host", null));
    String ip = JsonStream.text(r, "ip");
    Integer port = matched == null ? null : matched.port();
    if (port == null) {
      port = Texts.integer(JsonStream.text(r, "port"));
    }
    if (port == null && matched != null) {
      port = matched.portOrDefault();
    }
    String service = matched != null && matched.scheme() != null && matched.scheme().startsWith("http") ? matched.scheme() : null;
    Location location = Location.port(port, port == null ? null : "tcp", service).withPath(matched == null ? null : matched.path());
    String description = JsonStream.text(info, "description");
    String impact = JsonStream.text(info, "impact");
    if (impact != null) {
      description = description == null ? impact : description + "\n\nImpact: " + impact;
    }
    return new Observation(asset(file, host, ip), weakness(templateId, info, severity, text(r, "matcher-name", "matcher_name")),
        location, severity, word, cvss(info.get("classification")), description,
        JsonStream.text(info, "remediation"), evidence(r), Texts.instant(JsonStream.text(r, "timestamp")));
  }

  private static Weakness weakness(String templateId, JsonNode info, Severity severity, String matcher) {
    JsonNode classification = info.get("classification");
    List<String> cves = Texts.cves(JsonStream.texts(classification == null ? null : classification.get("cve-id")));
    List<String> cwes = Texts.cwes(JsonStream.texts(classification == null ? null : classification.get("cwe-id")));
    List<String> tags = new ArrayList<>();
    JsonStream.texts(info.get("tags")).forEach(t -> tags.addAll(List.of(t.toLowerCase(Locale.ROOT).split("\\s*,\\s*"))));
    WeaknessKind kind;
    if (!cves.isEmpty()) {
      kind = WeaknessKind.VULNERABILITY;
    } else if (tags.contains("misconfig") || tags.contains("misconfiguration")) {
      kind = WeaknessKind.MISCONFIGURATION;
    } else if (severity == Severity.INFO) {
      kind = WeaknessKind.INFORMATIONAL;
    } else {
      kind = WeaknessKind.VULNERABILITY;
    }
    String name = JsonStream.text(info, "name");
    String title = (name == null ? templateId : name) + (matcher == null ? "" : " (" + matcher + ")");
    String checkId = "nuclei:" + templateId + (matcher == null ? "" : ":" + matcher);
    return new Weakness(kind, checkId, title, cves, cwes);
  }

  private static AssetRef asset(ScanFile file, Endpoint host, String ip) {
    AssetRef.Builder b = AssetRef.builder(AssetKind.HOST);
    if (host != null) {
      b.name(host.host()).host(host.host());
    }
    b.host(ip);
    if (!b.hasKeys()) {
      b.name(file.target()).key(AssetKey.Type.NAME, file.target());
    }
    return b.build();
  }

  /** The template's CVSS vector ({@code cvss-metrics}, v3.x or v4.0) and score. */
  private static Cvss cvss(JsonNode classification) {
    if (classification == null) {
      return Cvss.NONE;
    }
    String metrics = JsonStream.text(classification, "cvss-metrics");
    Double score = Texts.decimal(JsonStream.text(classification, "cvss-score"));
    String v4 = Texts.cvssVector(metrics, "CVSS:4.0");
    String v3 = v4 == null ? Texts.cvssVector(metrics, "CVSS:3.1") : null;
    Cvss cvss = v4 != null ? new Cvss(null, null, null, null, v4, score) : new Cvss(null, null, v3, score, null, null);
    return cvss.isEmpty() ? Cvss.NONE : cvss;
  }

  /**
   * What matched: URL, matcher, extracted values and the request line. Not the full request,
   * response, curl command or template variables ({@code meta}): they can hold session cookies and
   * the very credentials a default-login template tried.
   */
  private static String evidence(JsonNode r) {
    StringJoiner out = new StringJoiner("\n");
    add(out, "Matched at", text(r, "matched-at", "matched"));
    add(out, "Matcher", text(r, "matcher-name", "matcher_name"));
    List<String> extracted = JsonStream.texts(r.get("extracted-results"));
    if (!extracted.isEmpty()) {
      add(out, "Extracted", String.join(", ", extracted));
    }
    String request = JsonStream.text(r, "request");
    if (request != null) {
      add(out, "Request", request.lines().findFirst().orElse(""));
    }
    String text = out.toString();
    return text.isEmpty() ? null : text.length() <= MAX_EVIDENCE ? text : text.substring(0, MAX_EVIDENCE) + " […]";
  }

  private static void add(StringJoiner out, String label, String value) {
    if (value != null && !value.isBlank()) {
      out.add(label + ": " + value);
    }
  }

  private static Endpoint first(String... candidates) {
    for (String c : candidates) {
      Endpoint e = Endpoint.parse(c);
      if (e != null) {
        return e;
      }
    }
    return null;
  }

  /** The current property name, else the older one (Nuclei 2.x wrote camel case and underscores). */
  private static String text(JsonNode r, String current, String older) {
    String s = JsonStream.text(r, current);
    return s != null || older == null ? s : JsonStream.text(r, older);
  }
}
