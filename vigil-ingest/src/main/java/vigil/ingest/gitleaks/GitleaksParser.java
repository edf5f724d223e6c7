package vigil.ingest.gitleaks;

import java.io.IOException;
import java.util.List;
import java.util.StringJoiner;
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
 * Gitleaks JSON reports, a JSON array of leaks: v8 ({@code RuleID}, {@code File}, {@code
 * StartLine}, {@code Secret}, {@code Match}) and the older form of v7 and before ({@code rule},
 * {@code file}, {@code lineNumber}, {@code offender}, {@code line}). One observation per leak, of
 * kind {@code secret}, on the {@code CODE_REPOSITORY} (its URL when the leak links to it, else the
 * report's target). A file holding only {@code null} is what Gitleaks writes when it finds nothing.
 *
 * <p>The secret itself is never kept: {@code Secret} and {@code offender} are read only to blank
 * them out of the matched text, and a matched line whose secret is unknown is dropped whole.
 * Gitleaks has no severity; a leaked credential is rated high.
 */
public final class GitleaksParser implements ScanParser {
  static final String REDACTED = "[REDACTED]";
  private static final int MAX_EVIDENCE = 2000;
  /** A v8 {@code Link}: "https://github.com/org/repo/blob/&lt;commit&gt;/path#L2". */
  private static final Pattern LINK = Pattern.compile("^(https?://.+?)/(?:blob|src|-/blob)/[^/]+/.*");

  @Override
  public String format() {
    return "gitleaks";
  }

  @Override
  public String tool() {
    return "Gitleaks";
  }

  @Override
  public boolean sniff(Head head) {
    if (head.firstChar() != '[') {
      return false;
    }
    boolean v8 = head.hasJsonName("RuleID") && head.hasJsonName("File")
        && (head.hasJsonName("Secret") || head.hasJsonName("Match"));
    boolean legacy = head.hasJsonName("offender") && head.hasJsonName("rule") && head.hasJsonName("lineNumber");
    return v8 || legacy;
  }

  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    boolean any = false;
    try (JsonStream json = JsonStream.open(file)) {
      JsonToken first = json.next();
      if (first == JsonToken.START_ARRAY) {
        for (JsonToken t = json.next(); t != JsonToken.END_ARRAY; t = json.next()) {
          if (t != JsonToken.START_OBJECT) {
            throw json.error(t == null ? "the file ends inside the list of leaks" : "each leak must be a JSON object");
          }
          JsonNode leak = json.readTree();
          if (text(leak, "RuleID", "rule") == null || text(leak, "File", "file") == null) {
            throw json.error("not a Gitleaks leak: expected \"RuleID\" and \"File\" (v8) or \"rule\" and \"file\"");
          }
          sink.observation(observation(file, leak));
          any = true;
        }
      } else if (first != JsonToken.VALUE_NULL) {
        throw json.error("not a Gitleaks report: expected a JSON array of leaks (or null for none)");
      }
      json.finish();
    }
    if (!any) {
      sink.covered(RepositoryAsset.of(file, null));
    }
  }

  private static Observation observation(ScanFile file, JsonNode leak) {
    String rule = text(leak, "RuleID", "rule");
    String description = text(leak, "Description", "rule");
    String path = text(leak, "File", "file");
    Integer line = Texts.integer(text(leak, "StartLine", "lineNumber"));
    // Gitleaks 8.19+ writes a sentence as the description; the rule id then makes the shorter title.
    String title = "Hard-coded secret: " + (description.length() <= 100 ? description : rule);
    Weakness weakness = new Weakness(WeaknessKind.SECRET, "gitleaks:" + rule, title, List.of(), List.of("CWE-798"));
    return new Observation(repository(file, leak), weakness, Location.file(path, line), Severity.HIGH, null, null,
        description + " found in " + path + (line == null ? "" : " line " + line),
        "Revoke and rotate the secret, then remove it from the code and its history.",
        evidence(leak), null);
  }

  /** The repository URL: v7's {@code repoURL}, or the part of v8's {@code Link} before "/blob/". */
  private static AssetRef repository(ScanFile file, JsonNode leak) {
    String url = JsonStream.text(leak, "repoURL");
    String link = JsonStream.text(leak, "Link");
    if (url == null && link != null) {
      Matcher m = LINK.matcher(link);
      url = m.matches() ? m.group(1) : null;
    }
    return RepositoryAsset.of(file, url);
  }

  /** Where and by whom the secret was committed, and the matched text with the secret blanked out. */
  private static String evidence(JsonNode leak) {
    StringJoiner out = new StringJoiner("\n");
    add(out, "Commit", text(leak, "Commit", "commit"));
    add(out, "Author", text(leak, "Author", "author"));
    add(out, "Email", text(leak, "Email", "email"));
    add(out, "Date", text(leak, "Date", "date"));
    add(out, "Tags", String.join(", ", JsonStream.texts(leak.has("Tags") ? leak.get("Tags") : leak.get("tags"))));
    add(out, "Entropy", JsonStream.text(leak, "Entropy"));
    add(out, "Match", redact(text(leak, "Match", "line"), text(leak, "Secret", "offender")));
    String text = out.toString();
    return text.isEmpty() ? null : text.length() <= MAX_EVIDENCE ? text : text.substring(0, MAX_EVIDENCE) + " […]";
  }

  /**
   * The matched text with every occurrence of the secret replaced; {@code null} when the secret is
   * not known, since the matched text then may be nothing but the secret.
   */
  static String redact(String match, String secret) {
    if (match == null || secret == null || secret.isBlank()) {
      return null;
    }
    return match.replace(secret, REDACTED);
  }

  private static void add(StringJoiner out, String label, String value) {
    if (value != null && !value.isBlank() && !"0".equals(value)) {
      out.add(label + ": " + value);
    }
  }

  /** The v8 property, else the legacy one. */
  private static String text(JsonNode leak, String v8, String legacy) {
    String s = JsonStream.text(leak, v8);
    return s != null ? s : JsonStream.text(leak, legacy);
  }
}
