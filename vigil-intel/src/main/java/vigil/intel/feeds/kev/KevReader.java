package vigil.intel.feeds.kev;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import tools.jackson.core.JsonToken;
import vigil.intel.feeds.FeedException;
import vigil.intel.feeds.FeedInfo;
import vigil.intel.feeds.FeedKind;
import vigil.intel.feeds.FeedReader;
import vigil.intel.feeds.io.DelimitedFeed;
import vigil.intel.feeds.io.FeedFile;
import vigil.intel.feeds.io.Fields;
import vigil.intel.feeds.io.JsonFeed;
import vigil.model.Ids;

/**
 * Reads the KEV catalog in either official form, told apart by content: the JSON feed
 * ({@code catalogVersion}, {@code dateReleased}, {@code count}, {@code vulnerabilities[]}; the
 * declared count must match the entries) or the CSV feed (same fields, {@code cwes} as one
 * ", "-separated field; it names no version or date, so those are {@code null}).
 */
public final class KevReader implements FeedReader<KevEntry> {
  private static final String WHAT_JSON = "a KEV catalog (JSON object with catalogVersion, vulnerabilities)";
  private static final String WHAT_CSV = "a KEV catalog CSV";
  private static final List<String> CSV_COLUMNS = List.of("cveID", "vendorProject", "product",
      "vulnerabilityName", "dateAdded", "shortDescription", "requiredAction", "dueDate",
      "knownRansomwareCampaignUse", "notes", "cwes");

  @Override
  public FeedInfo read(Path path, Consumer<? super KevEntry> sink) throws FeedException {
    FeedFile file = FeedFile.of(path);
    int first = file.firstSignificantChar();
    if (first == '{') {
      return readJson(file, sink);
    }
    if (first == 'c' || first == '"') {
      return readCsv(file, sink);
    }
    throw file.error("line 1", "expected " + WHAT_JSON + " or " + WHAT_CSV + " (header "
        + String.join(",", CSV_COLUMNS.subList(0, 3)) + ",…), found '" + file.firstLine() + "'");
  }

  private FeedInfo readJson(FeedFile file, Consumer<? super KevEntry> sink) throws FeedException {
    String version = null;
    Instant released = null;
    Long declared = null;
    long read = -1;
    try (JsonFeed json = JsonFeed.open(file)) {
      json.start(JsonToken.START_OBJECT, WHAT_JSON);
      String name;
      while ((name = json.nextProperty()) != null) {
        switch (name) {
          case "catalogVersion" -> version = json.scalar(name);
          case "dateReleased" -> released = instant(json, json.scalar(name));
          case "count" -> declared = json.integer(name);
          case "vulnerabilities" -> read = json.forEachElement("/vulnerabilities",
              r -> sink.accept(entry(r.requireObject("a KEV entry"), r.texts("cwes"))));
          default -> json.skip();
        }
      }
      json.finish();
      List<String> missing = new ArrayList<>();
      addIf(missing, version == null, "catalogVersion");
      addIf(missing, released == null, "dateReleased");
      addIf(missing, declared == null, "count");
      addIf(missing, read < 0, "vulnerabilities");
      if (!missing.isEmpty()) {
        throw file.error("", "expected " + WHAT_JSON + ": missing " + String.join(", ", missing));
      }
      if (declared != read) {
        throw file.error("at /count", "catalog declares count " + declared + " but holds " + read + " entries");
      }
    }
    return new FeedInfo(FeedKind.KEV, version, released, read);
  }

  private static Instant instant(JsonFeed json, String text) throws FeedException {
    Instant t = text == null ? null : Fields.parseInstant(text);
    if (t == null) {
      throw json.error("expected dateReleased as an ISO-8601 timestamp, found '" + text + "'");
    }
    return t;
  }

  private FeedInfo readCsv(FeedFile file, Consumer<? super KevEntry> sink) throws FeedException {
    try (DelimitedFeed csv = DelimitedFeed.open(file, DelimitedFeed.CSV)) {
      long rows = csv.forEachRow(WHAT_CSV, CSV_COLUMNS, row -> sink.accept(entry(row, csvCwes(row))));
      return new FeedInfo(FeedKind.KEV, null, null, rows);
    }
  }

  private static List<String> csvCwes(Fields row) throws FeedException {
    String s = row.text("cwes");
    return s == null ? List.of() : List.of(s.split(","));
  }

  /** Maps the fields both forms share; the schema makes all but the last three required. */
  private static KevEntry entry(Fields f, List<String> rawCwes) throws FeedException {
    Set<String> cwes = new LinkedHashSet<>();
    for (String raw : rawCwes) {
      String cwe = Ids.cwe(raw.trim());
      if (cwe == null) {
        throw f.error("cwes", "expected CWE ids (CWE-NNN), found '" + raw.trim() + "'");
      }
      cwes.add(cwe);
    }
    return new KevEntry(
        f.cve("cveID"),
        f.required("vendorProject"),
        f.required("product"),
        f.required("vulnerabilityName"),
        f.requiredDate("dateAdded"),
        f.requiredDate("dueDate"),
        ransomware(f),
        new ArrayList<>(cwes),
        f.required("shortDescription"),
        f.required("requiredAction"),
        f.text("notes"));
  }

  private static boolean ransomware(Fields f) throws FeedException {
    String s = f.text("knownRansomwareCampaignUse");
    if (s == null || s.equalsIgnoreCase("Unknown")) {
      return false;
    }
    if (s.equalsIgnoreCase("Known")) {
      return true;
    }
    throw f.error("knownRansomwareCampaignUse", "expected Known or Unknown, found '" + s + "'");
  }

  private static void addIf(List<String> names, boolean condition, String name) {
    if (condition) {
      names.add(name);
    }
  }
}
