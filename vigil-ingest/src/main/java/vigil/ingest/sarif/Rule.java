package vigil.ingest.sarif;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import vigil.ingest.Texts;
import vigil.ingest.json.JsonStream;
import vigil.model.Ids;

/**
 * What a SARIF {@code reportingDescriptor} (a rule of the driver or of an extension) says that
 * results need: a title, the default level, CodeQL's {@code security-severity}, CWE ids and message
 * templates. The rule's JSON is dropped once read, so large rule sets (CodeQL's help texts) cost
 * only what is kept here.
 */
record Rule(
    String id,
    String title,
    String fullDescription,
    String level,
    Double securitySeverity,
    Double rank,
    List<String> cwes,
    Map<String, String> messages,
    String helpUri) {

  /** "external/cwe/cwe-079" (CodeQL), "CWE-79", "cwe:79" in a tag or property. */
  private static final Pattern CWE_TAG = Pattern.compile("(?i)(?:^|[/\\s])cwe[-_/: ]?0*(\\d{1,5})\\b");

  static Rule of(JsonNode r) {
    String id = JsonStream.text(r, "id");
    String shortText = message(r.get("shortDescription"));
    String fullText = message(r.get("fullDescription"));
    String title = shortText != null ? shortText : JsonStream.text(r, "properties", "name");
    if (title == null) {
      title = JsonStream.text(r, "name");
    }
    Map<String, String> messages = new HashMap<>();
    JsonNode strings = r.get("messageStrings");
    if (strings != null && strings.isObject()) {
      strings.properties().forEach(e -> {
        String text = message(e.getValue());
        if (text != null) {
          messages.put(e.getKey(), text);
        }
      });
    }
    return new Rule(id, title, fullText,
        JsonStream.text(r, "defaultConfiguration", "level"),
        Texts.decimal(JsonStream.text(r, "properties", "security-severity")),
        Texts.decimal(JsonStream.text(r, "defaultConfiguration", "rank")),
        cwes(r),
        Map.copyOf(messages),
        JsonStream.text(r, "helpUri"));
  }

  /** A {@code multiformatMessageString}: its plain text, else its Markdown. */
  static String message(JsonNode m) {
    if (m == null) {
      return null;
    }
    String text = JsonStream.text(m, "text");
    return text != null ? text : JsonStream.text(m, "markdown");
  }

  /** CWE ids from the rule's tags and {@code cwe} property, and from relationships to the CWE taxonomy. */
  private static List<String> cwes(JsonNode r) {
    Set<String> out = new LinkedHashSet<>();
    JsonNode props = r.get("properties");
    if (props != null) {
      addCweTexts(JsonStream.texts(props.get("tags")), out);
      addCweTexts(JsonStream.texts(props.get("cwe")), out);
    }
    JsonNode relationships = r.get("relationships");
    if (relationships != null && relationships.isArray()) {
      for (JsonNode rel : relationships) {
        addTaxon(rel.get("target"), out);
      }
    }
    return new ArrayList<>(out);
  }

  /**
   * A reference to a taxon ({@code relationships[].target}, {@code result.taxa[]}): a CWE when its
   * tool component is the CWE taxonomy, or when its id says "CWE-n" itself.
   */
  static void addTaxon(JsonNode ref, Set<String> out) {
    String id = JsonStream.text(ref, "id");
    if (id == null) {
      return;
    }
    String component = JsonStream.text(ref, "toolComponent", "name");
    String cwe = "CWE".equalsIgnoreCase(component) ? Ids.cwe(id) : null;
    if (cwe == null && id.toUpperCase(java.util.Locale.ROOT).startsWith("CWE")) {
      cwe = Ids.cwe(id.replaceFirst("\\D*$", ""));
    }
    if (cwe != null) {
      out.add(cwe);
    }
  }

  static void addCweTexts(List<String> texts, Set<String> out) {
    for (String t : texts) {
      Matcher m = CWE_TAG.matcher(t);
      while (m.find()) {
        out.add("CWE-" + Integer.parseInt(m.group(1)));
      }
    }
  }
}
