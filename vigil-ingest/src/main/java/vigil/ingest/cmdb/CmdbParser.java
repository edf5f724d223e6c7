package vigil.ingest.cmdb;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Paths;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import vigil.ingest.Head;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.ScanParser;
import vigil.ingest.json.JsonStream;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.AssetRef;
import vigil.model.ObservationSink;

/**
 * A CMDB export (CSV, e.g. ServiceNow {@code cmdb_ci_server}, or a JSON array of objects): each row
 * is an asset the organisation declares, with owner, environment, criticality and business
 * service. It produces no findings: rows are covered assets, correlated with scanned ones by the
 * same identity rules, and their declared facts become attributes ({@code cmdb.owner}, {@code
 * cmdb.environment}, {@code cmdb.criticality}, {@code cmdb.service}, {@code tag:KEY}) that scoping
 * reads. Never detected from content (a CSV of hosts looks like many things): name it with
 * {@code --format cmdb}; the column mapping file is the option {@code mapping}.
 */
public final class CmdbParser implements ScanParser {
  public static final String MAPPING_OPTION = "mapping";

  @Override
  public String format() {
    return "cmdb";
  }

  @Override
  public String tool() {
    return "CMDB";
  }

  @Override
  public boolean sniff(Head head) {
    return false;
  }

  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    String mappingFile = file.option(MAPPING_OPTION);
    CmdbMapping mapping = mappingFile == null ? CmdbMapping.defaults() : CmdbMapping.load(Paths.get(mappingFile));
    Head head = Head.of(file);
    if (head.isBlank()) {
      return;
    }
    if (head.isJson()) {
      parseJson(file, mapping, sink);
    } else {
      parseCsv(file, mapping, sink);
    }
  }

  private static void parseCsv(ScanFile file, CmdbMapping mapping, ObservationSink sink)
      throws ParseException, IOException {
    CSVFormat format = CSVFormat.DEFAULT.builder().setIgnoreEmptyLines(true).get();
    try (Reader reader = new BufferedReader(new InputStreamReader(file.open(), StandardCharsets.UTF_8));
        CSVParser csv = CSVParser.parse(reader, format)) {
      Iterator<CSVRecord> records = csv.iterator();
      if (!next(file, csv, records)) {
        return;
      }
      List<String> header = records.next().toList().stream()
          .map(h -> h.replace("\uFEFF", "").trim().toLowerCase(Locale.ROOT)).toList();
      if (!mapping.identifies(header)) {
        throw new ParseException(file.name(), "line 1", "not a CMDB export: no name, fqdn, ip or mac column"
            + " (columns: " + header + "; map them with a mapping file)");
      }
      while (next(file, csv, records)) {
        CSVRecord r = records.next();
        Map<String, String> row = new HashMap<>();
        for (int i = 0; i < header.size() && i < r.size(); i++) {
          row.put(header.get(i), r.get(i));
        }
        emit(file, "line " + csv.getCurrentLineNumber(), mapping, row, sink);
      }
    }
  }

  private static boolean next(ScanFile file, CSVParser csv, Iterator<CSVRecord> records) throws ParseException {
    try {
      return records.hasNext();
    } catch (UncheckedIOException | IllegalStateException e) {
      throw new ParseException(file.name(), "line " + csv.getCurrentLineNumber(), "invalid CSV: " + e.getMessage(), e);
    }
  }

  private static void parseJson(ScanFile file, CmdbMapping mapping, ObservationSink sink)
      throws ParseException, IOException {
    try (JsonStream json = JsonStream.open(file)) {
      if (json.next() != JsonToken.START_ARRAY) {
        throw json.error("a CMDB JSON export is an array of objects");
      }
      int index = 0;
      while (json.next() == JsonToken.START_OBJECT) {
        JsonNode node = json.readTree();
        Map<String, String> row = new HashMap<>();
        for (Map.Entry<String, JsonNode> e : node.properties()) {
          JsonNode v = e.getValue();
          // ServiceNow's JSON writes references as {"display_value": ..., "link": ...}.
          String text = v.isObject() ? JsonStream.text(v, "display_value") : v.isArray() ? String.join(",",
              JsonStream.texts(v)) : JsonStream.text(node, e.getKey());
          if (text != null) {
            row.put(e.getKey().toLowerCase(Locale.ROOT), text);
          }
        }
        emit(file, "record " + index++, mapping, row, sink);
      }
      if (json.current() != JsonToken.END_ARRAY) {
        throw json.error("expected an object or the end of the array");
      }
      json.finish();
    }
  }

  private static void emit(ScanFile file, String place, CmdbMapping m, Map<String, String> row, ObservationSink sink)
      throws ParseException {
    AssetRef.Builder b = AssetRef.builder(AssetKind.HOST);
    String name = m.value(row, "name");
    String fqdn = m.value(row, "fqdn");
    b.name(fqdn != null ? fqdn : name);
    b.host(m.value(row, "ip"));
    b.host(fqdn);
    b.host(name);
    b.key(AssetKey.Type.MAC, m.value(row, "mac"));
    if (!b.hasKeys()) {
      // A CI with no name or address (an application, a contract) cannot be matched to anything
      // a scanner sees; it is not an error in the file.
      return;
    }
    b.attribute("cmdb.id", m.value(row, "id"));
    b.attribute("cmdb.class", m.value(row, "class"));
    b.attribute("os", m.value(row, "os"));
    String team = m.value(row, "team");
    b.attribute("cmdb.owner", team != null ? team : m.value(row, "owner"));
    b.attribute("cmdb.environment", m.value(row, "environment"));
    b.attribute("cmdb.service", m.value(row, "service"));
    String criticality = m.value(row, "criticality");
    if (criticality != null) {
      Integer c = criticality(criticality);
      if (c == null) {
        throw new ParseException(file.name(), place, "criticality '" + criticality
            + "' is not 1-5, low/medium/high/critical, or a ServiceNow business_criticality ('1 - most critical')");
      }
      b.attribute("cmdb.criticality", Integer.toString(c));
    }
    String tags = m.value(row, "tags");
    if (tags != null) {
      for (String t : tags.split("[,;]")) {
        String[] kv = t.trim().split("[=:]", 2);
        if (!kv[0].isBlank()) {
          b.attribute("tag:" + kv[0].trim(), kv.length > 1 ? kv[1].trim() : "true");
        }
      }
    }
    sink.covered(b.build());
  }

  /**
   * Vigil's 1–5 (5 highest) from the words CMDBs use. ServiceNow's business_criticality runs the
   * other way ("1 - most critical" … "4 - not critical").
   */
  static Integer criticality(String text) {
    String t = text.trim().toLowerCase(Locale.ROOT);
    if (t.matches("[1-4]\\s*-.*")) {
      return 6 - Integer.parseInt(t.substring(0, 1)); // 1 → 5, 2 → 4, 3 → 3, 4 → 2

    }
    switch (t) {
      case "critical":
      case "very high":
        return 5;
      case "high":
        return 4;
      case "medium":
      case "moderate":
        return 3;
      case "low":
        return 2;
      case "very low":
      case "none":
        return 1;
      default:
        return t.matches("[1-5]") ? Integer.valueOf(t) : null;
    }
  }
}
