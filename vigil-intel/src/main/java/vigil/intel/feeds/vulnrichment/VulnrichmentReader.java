package vigil.intel.feeds.vulnrichment;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
import vigil.intel.feeds.io.JsonRecord;
import vigil.intel.feeds.io.Row;
import vigil.intel.feeds.vulnrichment.VulnrichmentRecord.CvssVector;
import vigil.intel.feeds.vulnrichment.VulnrichmentRecord.Provider;
import vigil.intel.ssvc.Automatable;
import vigil.intel.ssvc.Exploitation;
import vigil.intel.ssvc.TechnicalImpact;
import vigil.model.Ids;

/**
 * Reads vulnrichment in either form, told apart by content: a JSON array of CVE JSON 5 records
 * (the CISA-ADP container's {@code ssvc} and {@code kev} metrics, CVSS and CWE of CNA and
 * CISA-ADP) or the flat table (header {@code cveId, exploitation, automatable, technicalImpact,
 * …}). SSVC values are read case-insensitively ("PoC" is public poc). Neither form names a
 * version; the {@link FeedInfo} date is the latest SSVC timestamp.
 */
public final class VulnrichmentReader implements FeedReader<VulnrichmentRecord> {
  private static final String WHAT_JSON = "a JSON array of CVE JSON 5 records";
  private static final String WHAT_TSV = "a vulnrichment SSVC table";
  private static final String CISA_ADP = "CISA-ADP";
  private static final List<String> TSV_COLUMNS = List.of("cveId", "exploitation", "automatable",
      "technicalImpact", "timestamp", "kevDateAdded", "adpCvssVector", "adpCwe");
  /** CVE JSON 5 metric keys with the CVSS version each holds. */
  private static final Map<String, String> CVSS_KEYS = Map.of(
      "cvssV4_0", "4.0", "cvssV3_1", "3.1", "cvssV3_0", "3.0", "cvssV2_0", "2.0");
  private static final List<String> CVSS_ORDER = List.of("cvssV4_0", "cvssV3_1", "cvssV3_0", "cvssV2_0");

  @Override
  public FeedInfo read(Path path, Consumer<? super VulnrichmentRecord> sink) throws FeedException {
    FeedFile file = FeedFile.of(path);
    int first = file.firstSignificantChar();
    if (first == '[') {
      return readJson(file, sink);
    }
    if (first == 'c') {
      return readTsv(file, sink);
    }
    throw file.error("line 1", "expected " + WHAT_JSON + " or " + WHAT_TSV + " (header cveId\\texploitation…), found '"
        + file.firstLine() + "'");
  }

  private FeedInfo readJson(FeedFile file, Consumer<? super VulnrichmentRecord> sink) throws FeedException {
    Latest latest = new Latest();
    long read;
    try (JsonFeed json = JsonFeed.open(file)) {
      json.start(JsonToken.START_ARRAY, WHAT_JSON);
      read = json.forEachElement("", r -> sink.accept(latest.note(cveRecord(r))));
      json.finish();
    }
    return new FeedInfo(FeedKind.VULNRICHMENT, null, latest.value, read);
  }

  private FeedInfo readTsv(FeedFile file, Consumer<? super VulnrichmentRecord> sink) throws FeedException {
    Latest latest = new Latest();
    try (DelimitedFeed tsv = DelimitedFeed.open(file, DelimitedFeed.TSV)) {
      long rows = tsv.forEachRow(WHAT_TSV, TSV_COLUMNS, row -> sink.accept(latest.note(tableRow(row))));
      return new FeedInfo(FeedKind.VULNRICHMENT, null, latest.value, rows);
    }
  }

  /** The latest SSVC timestamp seen, for the feed's date. */
  private static final class Latest {
    private Instant value;

    VulnrichmentRecord note(VulnrichmentRecord r) {
      if (r.ssvcTimestamp() != null && (value == null || r.ssvcTimestamp().isAfter(value))) {
        value = r.ssvcTimestamp();
      }
      return r;
    }
  }

  private static VulnrichmentRecord tableRow(Row row) throws FeedException {
    List<CvssVector> vectors = new ArrayList<>();
    String vector = row.text("adpCvssVector");
    if (vector != null) {
      vectors.add(new CvssVector(Provider.CISA_ADP, versionOf(vector), vector, null));
    }
    List<String> cwes = new ArrayList<>();
    String cwe = Ids.cwe(row.text("adpCwe"));
    if (cwe != null) {
      cwes.add(cwe);
    }
    return new VulnrichmentRecord(
        row.cve("cveId"),
        ssvc(row, "exploitation", Exploitation::parse),
        ssvc(row, "automatable", Automatable::parse),
        ssvc(row, "technicalImpact", TechnicalImpact::parse),
        required(row, row.instant("timestamp"), "timestamp"),
        row.date("kevDateAdded"),
        vectors,
        cwes);
  }

  private static VulnrichmentRecord cveRecord(JsonRecord r) throws FeedException {
    r.requireObject("a CVE JSON 5 record");
    if (!"CVE_RECORD".equals(r.text("dataType"))) {
      throw r.error("dataType", "expected a CVE JSON 5 record (dataType CVE_RECORD), found '" + r.text("dataType") + "'");
    }
    JsonRecord meta = r.object("cveMetadata");
    JsonRecord containers = r.object("containers");
    if (meta == null || containers == null) {
      throw r.error(meta == null ? "cveMetadata" : "containers", "missing " + (meta == null ? "cveMetadata" : "containers"));
    }
    List<CvssVector> vectors = new ArrayList<>();
    Set<String> cwes = new LinkedHashSet<>();
    JsonRecord cna = containers.object("cna");
    if (cna != null) {
      collect(cna, Provider.CNA, vectors, cwes);
    }
    Ssvc ssvc = Ssvc.NONE;
    LocalDate kevDateAdded = null;
    for (JsonRecord adp : containers.objects("adp")) {
      JsonRecord provider = adp.object("providerMetadata");
      if (provider == null || !CISA_ADP.equals(provider.text("shortName"))) {
        continue;
      }
      collect(adp, Provider.CISA_ADP, vectors, cwes);
      for (JsonRecord metric : adp.objects("metrics")) {
        JsonRecord other = metric.object("other");
        JsonRecord content = other == null ? null : other.object("content");
        if (content == null) {
          continue;
        }
        String type = other.text("type");
        if ("ssvc".equals(type)) {
          ssvc = ssvc(content);
        } else if ("kev".equals(type)) {
          kevDateAdded = content.date("dateAdded");
        }
      }
    }
    return new VulnrichmentRecord(meta.cve("cveId"), ssvc.exploitation, ssvc.automatable, ssvc.technicalImpact,
        ssvc.timestamp, kevDateAdded, vectors, new ArrayList<>(cwes));
  }

  /** The SSVC decision points of one {@code other.content}. */
  private record Ssvc(Exploitation exploitation, Automatable automatable, TechnicalImpact technicalImpact,
      Instant timestamp) {
    static final Ssvc NONE = new Ssvc(null, null, null, null);
  }

  /** {@code options} is a list of one-key objects: [{"Exploitation": "active"}, {"Automatable": "no"}, …]. */
  private static Ssvc ssvc(JsonRecord content) throws FeedException {
    Exploitation exploitation = null;
    Automatable automatable = null;
    TechnicalImpact impact = null;
    for (JsonRecord option : content.objects("options")) {
      for (String key : option.fieldNames()) {
        switch (key.toLowerCase(Locale.ROOT)) {
          case "exploitation" -> exploitation = ssvc(option, key, Exploitation::parse);
          case "automatable" -> automatable = ssvc(option, key, Automatable::parse);
          case "technical impact" -> impact = ssvc(option, key, TechnicalImpact::parse);
          default -> { } // not an input of CISA's tree
        }
      }
    }
    if (exploitation == null || automatable == null || impact == null) {
      throw content.error("options", "expected SSVC options Exploitation, Automatable and Technical Impact");
    }
    return new Ssvc(exploitation, automatable, impact, required(content, content.instant("timestamp"), "timestamp"));
  }

  private static void collect(JsonRecord container, Provider provider, List<CvssVector> vectors, Set<String> cwes)
      throws FeedException {
    for (JsonRecord metric : container.objects("metrics")) {
      for (String key : CVSS_ORDER) {
        JsonRecord cvss = metric.object(key);
        if (cvss != null) {
          vectors.add(new CvssVector(provider, CVSS_KEYS.get(key), cvss.required("vectorString"),
              cvss.number("baseScore")));
        }
      }
    }
    for (JsonRecord problem : container.objects("problemTypes")) {
      for (JsonRecord d : problem.objects("descriptions")) {
        // CNAs write placeholders here too ("NVD-CWE-noinfo"); only real CWE ids are kept.
        String cwe = Ids.cwe(d.text("cweId"));
        if (cwe != null) {
          cwes.add(cwe);
        }
      }
    }
  }

  /** Parses one SSVC value with the place of the field when it is not one of the allowed values. */
  private interface Parser<T> {
    T parse(String text);
  }

  private static <T> T ssvc(Fields f, String field, Parser<T> parser) throws FeedException {
    String text = f.required(field);
    try {
      return parser.parse(text);
    } catch (IllegalArgumentException e) {
      throw f.error(field, e.getMessage());
    }
  }

  private static <T> T required(Fields f, T value, String field) throws FeedException {
    if (value == null) {
      throw f.error(field, "missing " + field);
    }
    return value;
  }

  /** "CVSS:3.1/…" → "3.1"; a vector without prefix is CVSS v2. */
  static String versionOf(String vector) {
    if (vector.startsWith("CVSS:")) {
      int slash = vector.indexOf('/');
      return slash > 5 ? vector.substring(5, slash) : vector.substring(5);
    }
    return "2.0";
  }
}
