package vigil.intel.feeds.capec;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import vigil.intel.feeds.FeedException;
import vigil.intel.feeds.FeedInfo;
import vigil.intel.feeds.FeedKind;
import vigil.intel.feeds.FeedReader;
import vigil.intel.feeds.io.DelimitedFeed;
import vigil.intel.feeds.io.FeedFile;
import vigil.intel.feeds.io.Fields;
import vigil.intel.feeds.io.JsonRecord;
import vigil.intel.feeds.io.Row;
import vigil.intel.feeds.io.StixBundle;
import vigil.model.Ids;

/**
 * Reads CAPEC in either form, told apart by content: the STIX 2.1 bundle (each
 * {@code attack-pattern}'s {@code external_references}: source "capec" for its id, "cwe" for CWE
 * links, "ATTACK" for technique links; version from {@code x_capec_version}, date the latest
 * {@code modified}) or the mapping table (header {@code capecId, name, status, …, cweIds,
 * attackTechniqueIds, stixId}, lists ';'-separated; it names no version or date). Links repeated
 * within one pattern (CAPEC 3.9 has two) are kept once.
 */
public final class CapecReader implements FeedReader<CapecPattern> {
  private static final String WHAT_JSON = "a CAPEC STIX bundle (JSON object with type bundle, objects)";
  private static final String WHAT_TSV = "a CAPEC mapping table";
  private static final List<String> TSV_COLUMNS = List.of("capecId", "name", "status", "revoked",
      "abstraction", "likelihood", "typicalSeverity", "cweIds", "attackTechniqueIds", "stixId");
  private static final Pattern CAPEC_ID = Pattern.compile("CAPEC-\\d+");
  private static final Pattern TECHNIQUE_ID = Pattern.compile("T\\d{4}(\\.\\d{3})?");

  @Override
  public FeedInfo read(Path path, Consumer<? super CapecPattern> sink) throws FeedException {
    FeedFile file = FeedFile.of(path);
    int first = file.firstSignificantChar();
    if (first == '{') {
      return readBundle(file, sink);
    }
    if (first == 'c') {
      return readTable(file, sink);
    }
    throw file.error("line 1", "expected " + WHAT_JSON + " or " + WHAT_TSV + " (header capecId\\tname…), found '"
        + file.firstLine() + "'");
  }

  private FeedInfo readBundle(FeedFile file, Consumer<? super CapecPattern> sink) throws FeedException {
    // Every CAPEC object states the release it belongs to; the first one names the bundle's.
    String[] version = {null};
    StixBundle.Summary summary = StixBundle.forEachObject(file, WHAT_JSON, (o, type) -> {
      if (!type.equals("attack-pattern")) {
        return false;
      }
      if (version[0] == null) {
        version[0] = o.text("x_capec_version");
      }
      sink.accept(stixPattern(o));
      return true;
    });
    return new FeedInfo(FeedKind.CAPEC, version[0], summary.latestModified(), summary.records());
  }

  private static CapecPattern stixPattern(JsonRecord o) throws FeedException {
    String capecId = null;
    Set<String> cwes = new LinkedHashSet<>();
    Set<String> techniques = new LinkedHashSet<>();
    for (JsonRecord ref : o.objects("external_references")) {
      String source = ref.text("source_name");
      if ("capec".equals(source)) {
        capecId = capecId(ref, "external_id", ref.required("external_id"));
      } else if ("cwe".equals(source)) {
        cwes.add(cwe(ref, "external_id", ref.required("external_id")));
      } else if ("ATTACK".equalsIgnoreCase(source)) {
        techniques.add(technique(ref, "external_id", ref.required("external_id")));
      }
    }
    if (capecId == null) {
      throw o.error("external_references", "expected a CAPEC attack pattern: no external reference from capec");
    }
    return new CapecPattern(capecId, o.required("name"), o.text("x_capec_status"), o.flag("revoked"),
        o.text("x_capec_abstraction"), o.text("x_capec_likelihood_of_attack"), o.text("x_capec_typical_severity"),
        new ArrayList<>(cwes), new ArrayList<>(techniques), o.required("id"));
  }

  private FeedInfo readTable(FeedFile file, Consumer<? super CapecPattern> sink) throws FeedException {
    try (DelimitedFeed tsv = DelimitedFeed.open(file, DelimitedFeed.TSV)) {
      long rows = tsv.forEachRow(WHAT_TSV, TSV_COLUMNS, row -> sink.accept(tablePattern(row)));
      return new FeedInfo(FeedKind.CAPEC, null, null, rows);
    }
  }

  private static CapecPattern tablePattern(Row row) throws FeedException {
    Set<String> cwes = new LinkedHashSet<>();
    for (String s : list(row.text("cweIds"))) {
      cwes.add(cwe(row, "cweIds", s));
    }
    Set<String> techniques = new LinkedHashSet<>();
    for (String s : list(row.text("attackTechniqueIds"))) {
      techniques.add(technique(row, "attackTechniqueIds", s));
    }
    return new CapecPattern(capecId(row, "capecId", row.required("capecId")), row.required("name"),
        row.text("status"), revoked(row), row.text("abstraction"), row.text("likelihood"),
        row.text("typicalSeverity"), new ArrayList<>(cwes), new ArrayList<>(techniques), row.text("stixId"));
  }

  private static boolean revoked(Row row) throws FeedException {
    String s = row.text("revoked");
    if (s == null || s.equalsIgnoreCase("false")) {
      return false;
    }
    if (s.equalsIgnoreCase("true")) {
      return true;
    }
    throw row.error("revoked", "expected true or false, found '" + s + "'");
  }

  private static List<String> list(String text) {
    List<String> out = new ArrayList<>();
    if (text != null) {
      for (String s : text.split(";")) {
        if (!s.isBlank()) {
          out.add(s.trim());
        }
      }
    }
    return out;
  }

  private static String capecId(Fields f, String field, String text) throws FeedException {
    String id = text.toUpperCase(Locale.ROOT);
    if (!CAPEC_ID.matcher(id).matches()) {
      throw f.error(field, "expected a CAPEC id (CAPEC-N), found '" + text + "'");
    }
    return id;
  }

  private static String cwe(Fields f, String field, String text) throws FeedException {
    String cwe = Ids.cwe(text);
    if (cwe == null) {
      throw f.error(field, "expected a CWE id (CWE-N), found '" + text + "'");
    }
    return cwe;
  }

  private static String technique(Fields f, String field, String text) throws FeedException {
    String id = text.toUpperCase(Locale.ROOT);
    if (!TECHNIQUE_ID.matcher(id).matches()) {
      throw f.error(field, "expected an ATT&CK technique id (T####[.###]), found '" + text + "'");
    }
    return id;
  }
}
