package vigil.ingest.semgrep;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import vigil.ingest.Head;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.ScanParser;
import vigil.ingest.Texts;
import vigil.ingest.code.RepositoryAsset;
import vigil.ingest.json.JsonStream;
import vigil.model.AssetRef;
import vigil.model.Location;
import vigil.model.Observation;
import vigil.model.ObservationSink;
import vigil.model.Severity;
import vigil.model.Weakness;
import vigil.model.WeaknessKind;

/**
 * Semgrep JSON ({@code semgrep --json}): one observation per entry of {@code results}, read one at a
 * time, on the {@code CODE_REPOSITORY} named by the report's target (Semgrep's JSON does not name
 * the repository). The scanned repository counts as covered even when {@code results} is empty.
 */
public final class SemgrepParser implements ScanParser {
  private static final int MAX_EVIDENCE = 4000;
  private static final Pattern CWE = Pattern.compile("(?i)\\bCWE[-_: ]?0*(\\d{1,5})\\b");

  @Override
  public String format() {
    return "semgrep";
  }

  @Override
  public String tool() {
    return "Semgrep";
  }

  /** A JSON object with "results" and either a result's "check_id" or Semgrep's "errors" list, and no SARIF "runs". */
  @Override
  public boolean sniff(Head head) {
    return head.firstChar() == '{' && head.hasJsonName("results") && !head.hasJsonName("runs")
        && (head.hasJsonName("check_id") || head.hasJsonName("errors"));
  }

  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    AssetRef asset = RepositoryAsset.of(file, null);
    try (JsonStream json = JsonStream.open(file)) {
      if (json.next() != JsonToken.START_OBJECT) {
        throw json.error("not a Semgrep report: expected a JSON object with a \"results\" array");
      }
      boolean sawResults = false;
      while (json.next() == JsonToken.PROPERTY_NAME) {
        String name = json.name();
        JsonToken value = json.next();
        if (!name.equals("results")) {
          json.skip();
          continue;
        }
        if (value != JsonToken.START_ARRAY) {
          throw json.error("\"results\" must be an array");
        }
        sawResults = true;
        for (JsonToken t = json.next(); t != JsonToken.END_ARRAY; t = json.next()) {
          if (t != JsonToken.START_OBJECT) {
            throw json.error(t == null ? "the file ends inside \"results\"" : "each result must be a JSON object");
          }
          JsonNode result = json.readTree();
          if (JsonStream.text(result, "check_id") == null) {
            throw json.error("not a Semgrep result: no \"check_id\"");
          }
          sink.observation(observation(asset, result));
        }
      }
      if (!sawResults) {
        throw json.error("not a Semgrep report: no \"results\" array");
      }
      json.finish();
    }
    sink.covered(asset);
  }

  private static Observation observation(AssetRef asset, JsonNode r) {
    String checkId = JsonStream.text(r, "check_id");
    JsonNode extra = r.get("extra");
    JsonNode metadata = extra == null ? null : extra.get("metadata");
    Set<String> cwes = new LinkedHashSet<>();
    for (String t : JsonStream.texts(metadata == null ? null : metadata.get("cwe"))) {
      Matcher m = CWE.matcher(t);
      while (m.find()) {
        cwes.add("CWE-" + Integer.parseInt(m.group(1)));
      }
    }
    List<String> cveTexts = new ArrayList<>(JsonStream.texts(metadata == null ? null : metadata.get("cve")));
    cveTexts.add(checkId);
    Weakness weakness = new Weakness(WeaknessKind.VULNERABILITY, "semgrep:" + checkId, checkId,
        Texts.cves(cveTexts), new ArrayList<>(cwes));
    String word = JsonStream.text(extra, "severity");
    Location location = Location.file(JsonStream.text(r, "path"), Texts.integer(JsonStream.text(r, "start", "line")));
    String fix = JsonStream.text(extra, "fix");
    return new Observation(asset, weakness, location, severity(word), word,
        null, JsonStream.text(extra, "message"), fix == null ? null : "Suggested fix: " + fix,
        evidence(extra), null);
  }

  /**
   * Semgrep's rule severities: ERROR / WARNING / INFO, and since 2024 also CRITICAL / HIGH / MEDIUM
   * / LOW. INFO is Semgrep's lowest finding severity, so it maps to low; EXPERIMENT and INVENTORY
   * rules report facts, not problems.
   */
  static Severity severity(String word) {
    if (word == null) {
      return Severity.MEDIUM;
    }
    switch (word.toUpperCase(Locale.ROOT)) {
      case "CRITICAL":
        return Severity.CRITICAL;
      case "ERROR":
      case "HIGH":
        return Severity.HIGH;
      case "INFO":
      case "LOW":
        return Severity.LOW;
      case "EXPERIMENT":
      case "INVENTORY":
        return Severity.INFO;
      default:
        return Severity.MEDIUM;
    }
  }

  /** The matched code, and whether a {@code nosemgrep} comment marks the result ignored (kept: Vigil decides). */
  private static String evidence(JsonNode extra) {
    String lines = JsonStream.text(extra, "lines");
    boolean ignored = extra != null && extra.path("is_ignored").asBoolean(false);
    String text = ignored ? (lines == null ? "" : lines + "\n") + "Ignored in the code by a nosemgrep comment" : lines;
    if (text == null || text.length() <= MAX_EVIDENCE) {
      return text;
    }
    return text.substring(0, MAX_EVIDENCE) + " […]";
  }
}
