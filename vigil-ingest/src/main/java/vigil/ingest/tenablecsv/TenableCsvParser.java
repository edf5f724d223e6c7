package vigil.ingest.tenablecsv;

import static vigil.ingest.tenablecsv.Columns.Field.AGENT_ID;
import static vigil.ingest.tenablecsv.Columns.Field.CVE;
import static vigil.ingest.tenablecsv.Columns.Field.CVSS2_SCORE;
import static vigil.ingest.tenablecsv.Columns.Field.CVSS2_VECTOR;
import static vigil.ingest.tenablecsv.Columns.Field.CVSS3_SCORE;
import static vigil.ingest.tenablecsv.Columns.Field.CVSS3_VECTOR;
import static vigil.ingest.tenablecsv.Columns.Field.CVSS4_SCORE;
import static vigil.ingest.tenablecsv.Columns.Field.CVSS4_VECTOR;
import static vigil.ingest.tenablecsv.Columns.Field.DESCRIPTION;
import static vigil.ingest.tenablecsv.Columns.Field.FAMILY;
import static vigil.ingest.tenablecsv.Columns.Field.FQDN;
import static vigil.ingest.tenablecsv.Columns.Field.HOST;
import static vigil.ingest.tenablecsv.Columns.Field.HOST_ID;
import static vigil.ingest.tenablecsv.Columns.Field.IP;
import static vigil.ingest.tenablecsv.Columns.Field.IPV6;
import static vigil.ingest.tenablecsv.Columns.Field.MAC;
import static vigil.ingest.tenablecsv.Columns.Field.NAME;
import static vigil.ingest.tenablecsv.Columns.Field.NETBIOS;
import static vigil.ingest.tenablecsv.Columns.Field.OS;
import static vigil.ingest.tenablecsv.Columns.Field.OUTPUT;
import static vigil.ingest.tenablecsv.Columns.Field.PLUGIN;
import static vigil.ingest.tenablecsv.Columns.Field.PORT;
import static vigil.ingest.tenablecsv.Columns.Field.PROTOCOL;
import static vigil.ingest.tenablecsv.Columns.Field.RISK;
import static vigil.ingest.tenablecsv.Columns.Field.RISK_FACTOR;
import static vigil.ingest.tenablecsv.Columns.Field.SEE_ALSO;
import static vigil.ingest.tenablecsv.Columns.Field.SEEN;
import static vigil.ingest.tenablecsv.Columns.Field.SERVICE;
import static vigil.ingest.tenablecsv.Columns.Field.SEVERITY;
import static vigil.ingest.tenablecsv.Columns.Field.SOLUTION;
import static vigil.ingest.tenablecsv.Columns.Field.STATE;
import static vigil.ingest.tenablecsv.Columns.Field.SYNOPSIS;
import static vigil.ingest.tenablecsv.Columns.Field.UNSUPPORTED;
import static vigil.ingest.tenablecsv.Columns.Field.XREF;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import vigil.ingest.Head;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.ScanParser;
import vigil.ingest.Texts;
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
 * Tenable CSV exports (Nessus Pro "all columns", Tenable.sc, Tenable.io/VM with {@code asset.*}
 * and {@code definition.*} columns, Tenable WAS), read record by record with Apache Commons CSV
 * and mapped by header name.
 *
 * <p>One observation per finding: Tenable writes a plugin that names several CVEs as several
 * adjacent rows that differ only in the CVE column, so consecutive rows with the same plugin, host,
 * port, protocol and plugin output are one finding with all their CVEs. Only adjacent rows are
 * joined, which keeps memory to one pending finding. Every host the file names counts as covered.
 */
public final class TenableCsvParser implements ScanParser {
  private static final Severity[] BY_NUMBER = {
    Severity.INFO, Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL
  };
  private static final DateTimeFormatter TENABLE_SC_TIME =
      DateTimeFormatter.ofPattern("MMM d, yyyy HH:mm:ss z", Locale.ROOT);
  /** Longest plugin output kept as evidence. */
  static final int MAX_EVIDENCE = 64 * 1024;

  @Override
  public String format() {
    return "tenable_csv";
  }

  @Override
  public String tool() {
    return "Tenable";
  }

  @Override
  public boolean sniff(Head head) {
    if (head.xmlRoot() != null || head.isJson()) {
      return false;
    }
    String text = head.text();
    int eol = text.indexOf('\n');
    String first = eol < 0 ? text : text.substring(0, eol);
    List<String> names = new ArrayList<>();
    for (String name : first.split(String.valueOf(delimiter(first)), -1)) {
      names.add(name);
    }
    return Columns.of(names).isTenable();
  }

  /** Tenable writes commas; a semicolon header comes from spreadsheet tools in some locales. */
  private static char delimiter(String headerLine) {
    return headerLine.indexOf(',') < 0 && headerLine.indexOf(';') >= 0 ? ';' : ',';
  }

  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    byte[] head = file.head(Head.SIZE);
    String headText = new String(head, StandardCharsets.UTF_8);
    int eol = headText.indexOf('\n');
    char delimiter = delimiter(eol < 0 ? headText : headText.substring(0, eol));
    CSVFormat format = CSVFormat.DEFAULT.builder()
        .setDelimiter(delimiter)
        .setIgnoreEmptyLines(true)
        .get();
    try (Reader reader = withoutBom(new BufferedReader(new InputStreamReader(file.open(), StandardCharsets.UTF_8)));
        CSVParser csv = CSVParser.parse(reader, format)) {
      Iterator<CSVRecord> records = csv.iterator();
      if (!hasNext(file, csv, records)) {
        throw new ParseException(file.name(), "line 1", "empty file: no header row (a Tenable CSV export starts with one)");
      }
      Columns columns = Columns.of(records.next().toList());
      if (!columns.isTenable()) {
        throw new ParseException(file.name(), "line 1",
            "not a Tenable CSV export: the header has no Plugin ID, Name and Risk/Severity columns");
      }
      Finding pending = null;
      AssetRef lastCovered = null;
      while (hasNext(file, csv, records)) {
        CSVRecord record = records.next();
        Row row = new Row(columns, record.toList(), "line " + csv.getCurrentLineNumber());
        if (row.isBlank()) {
          continue;
        }
        if (pending != null && pending.sameAs(row)) {
          pending.addCves(row);
          continue;
        }
        if (pending != null) {
          lastCovered = pending.emit(sink, lastCovered);
        }
        pending = new Finding(file, row);
      }
      if (pending != null) {
        pending.emit(sink, lastCovered);
      }
    }
  }

  /** Advances the CSV reader, turning a malformed record into an error with its line. */
  private static boolean hasNext(ScanFile file, CSVParser csv, Iterator<CSVRecord> records) throws ParseException {
    try {
      return records.hasNext();
    } catch (UncheckedIOException | IllegalStateException e) {
      String msg = e.getCause() != null && e.getCause().getMessage() != null ? e.getCause().getMessage() : e.getMessage();
      throw new ParseException(file.name(), "line " + csv.getCurrentLineNumber(), "invalid CSV: " + msg, e);
    }
  }

  private static Reader withoutBom(BufferedReader reader) throws IOException {
    reader.mark(1);
    if (reader.read() != '\uFEFF') {
      reader.reset();
    }
    return reader;
  }

  /** One CSV row with its place in the file. */
  private static final class Row {
    final Columns columns;
    final List<String> values;
    final String place;

    Row(Columns columns, List<String> values, String place) {
      this.columns = columns;
      this.values = values;
      this.place = place;
    }

    String get(Columns.Field f) {
      return columns.get(values, f);
    }

    /** Tenable.io pads exports with empty rows; a row without plugin and name holds no finding. */
    boolean isBlank() {
      return get(PLUGIN) == null && get(NAME) == null;
    }

    /** What tells two findings apart; rows that differ only in their CVE share it. */
    String findingKey() {
      return String.join("\u0000", Objects.toString(get(PLUGIN), ""), Objects.toString(get(HOST), ""),
          Objects.toString(get(IP), ""), Objects.toString(get(FQDN), ""), Objects.toString(get(PORT), ""),
          Objects.toString(get(PROTOCOL), "").toLowerCase(Locale.ROOT), Objects.toString(get(OUTPUT), ""));
    }
  }

  /** A finding being read: the first row of a run, plus the CVEs of the rows that continue it. */
  private static final class Finding {
    private final ScanFile file;
    private final Row first;
    private final String key;
    private final List<String> cves = new ArrayList<>();

    Finding(ScanFile file, Row first) {
      this.file = file;
      this.first = first;
      this.key = first.findingKey();
      addCves(first);
    }

    boolean sameAs(Row row) {
      return key.equals(row.findingKey());
    }

    void addCves(Row row) {
      String cve = row.get(CVE);
      if (cve != null) {
        cves.add(cve);
      }
    }

    /**
     * Pushes the finding and returns its host; a host already announced by the finding before
     * ({@code lastCovered}) is not announced again for every row of its run.
     */
    AssetRef emit(ObservationSink sink, AssetRef lastCovered) throws ParseException {
      AssetRef asset = asset();
      if (!asset.equals(lastCovered)) {
        sink.covered(asset);
      }
      String state = first.get(STATE);
      if (state == null || !state.equalsIgnoreCase("fixed")) {
        // Tenable.io exports can include fixed findings: their host was covered, the finding is gone.
        sink.observation(observation(asset));
      }
      return asset;
    }

    private AssetRef asset() throws ParseException {
      AssetRef.Builder b = AssetRef.builder(AssetKind.HOST);
      String fqdn = first.get(FQDN);
      String host = first.get(HOST);
      b.name(fqdn != null ? fqdn : host);
      b.host(host);
      for (Columns.Field f : new Columns.Field[] {IP, IPV6, FQDN}) {
        String v = first.get(f);
        if (v != null) {
          for (String one : v.split("[,;\\s]+")) {
            b.host(one);
          }
        }
      }
      String netbios = first.get(NETBIOS);
      if (netbios != null) {
        // Tenable.sc writes "WORKGROUP\NAME"; the NetBIOS name is the part after the domain.
        b.key(AssetKey.Type.NETBIOS, netbios.substring(netbios.lastIndexOf('\\') + 1));
      }
      String macs = first.get(MAC);
      if (macs != null) {
        for (String mac : macs.split("[,;\\s]+")) {
          b.key(AssetKey.Type.MAC, mac);
        }
      }
      b.key(AssetKey.Type.AGENT_ID, first.get(AGENT_ID));
      b.key(AssetKey.Type.AGENT_ID, first.get(HOST_ID));
      b.attribute("os", first.get(OS));
      if (!b.hasKeys()) {
        throw new ParseException(file.name(), first.place,
            "finding for plugin " + first.get(PLUGIN) + " names no host (Host, IP Address or DNS Name column)");
      }
      return b.build();
    }

    private Observation observation(AssetRef asset) throws ParseException {
      String plugin = first.get(PLUGIN);
      if (plugin == null) {
        throw new ParseException(file.name(), first.place, "finding '" + first.get(NAME) + "' has no plugin id");
      }
      String title = first.get(NAME) != null ? first.get(NAME) : "Tenable plugin " + plugin;
      String toolSeverity = toolSeverity();
      Severity severity = severity(toolSeverity);
      List<String> cveIds = Texts.cves(cves);
      Weakness weakness = new Weakness(kind(severity, title, cveIds), "tenable_csv:" + plugin, title, cveIds, cwes());
      Cvss cvss = new Cvss(
          Texts.cvss2Vector(first.get(CVSS2_VECTOR)), score(first.get(CVSS2_SCORE)),
          Texts.cvssVector(first.get(CVSS3_VECTOR), "CVSS:3.0"), score(first.get(CVSS3_SCORE)),
          Texts.cvssVector(first.get(CVSS4_VECTOR), "CVSS:4.0"), score(first.get(CVSS4_SCORE)));
      Integer port = Texts.integer(first.get(PORT));
      Location location = Location.port(port != null && port > 0 ? port : null, first.get(PROTOCOL), first.get(SERVICE));
      return new Observation(asset, weakness, location, severity, toolSeverity, cvss, description(), solution(),
          evidence(), seen(first.get(SEEN)));
    }

    /** The column the export rates by: Risk (Nessus, by CVSS v3 where known), else Severity, else Risk Factor. */
    private String toolSeverity() {
      for (Columns.Field f : new Columns.Field[] {RISK, SEVERITY, RISK_FACTOR}) {
        String v = first.get(f);
        if (v != null) {
          return v;
        }
      }
      return null;
    }

    private Severity severity(String word) throws ParseException {
      if (word == null) {
        return Severity.INFO;
      }
      Integer n = Texts.integer(word);
      if (n != null && n >= 0 && n < BY_NUMBER.length) {
        return BY_NUMBER[n];
      }
      Severity s = Severity.fromWord(word);
      if (s == null) {
        throw new ParseException(file.name(), first.place, "unknown severity '" + word + "'");
      }
      return s;
    }

    private WeaknessKind kind(Severity severity, String title, List<String> cveIds) {
      String lower = title.toLowerCase(Locale.ROOT);
      String family = Objects.toString(first.get(FAMILY), "");
      if ("true".equalsIgnoreCase(first.get(UNSUPPORTED)) || lower.contains("unsupported") || lower.contains("seol")) {
        return WeaknessKind.UNSUPPORTED_SOFTWARE;
      }
      if (family.toLowerCase(Locale.ROOT).contains("compliance")) {
        return WeaknessKind.MISCONFIGURATION;
      }
      if ("Port scanners".equalsIgnoreCase(family)) {
        return WeaknessKind.EXPOSURE_OF_SERVICE;
      }
      if (severity == Severity.INFO && cveIds.isEmpty()) {
        return WeaknessKind.INFORMATIONAL;
      }
      return WeaknessKind.VULNERABILITY;
    }

    /** CWE ids from the cross references ("CWE:16;CWE:200", "IAVA #…"). */
    private List<String> cwes() {
      List<String> out = new ArrayList<>();
      String xref = first.get(XREF);
      if (xref != null) {
        for (String ref : xref.split("[,;\\s]+")) {
          if (ref.toUpperCase(Locale.ROOT).startsWith("CWE:")) {
            out.add(ref.substring(4));
          }
        }
      }
      return Texts.cwes(out);
    }

    private String description() {
      String synopsis = first.get(SYNOPSIS);
      String description = first.get(DESCRIPTION);
      if (synopsis == null) {
        return description;
      }
      return description == null ? synopsis : synopsis + "\n\n" + description;
    }

    private String solution() {
      String solution = first.get(SOLUTION);
      if ("n/a".equalsIgnoreCase(solution)) {
        solution = null;
      }
      String seeAlso = first.get(SEE_ALSO);
      if (seeAlso == null) {
        return solution;
      }
      return (solution == null ? "" : solution + "\n\n") + "See also:\n" + seeAlso;
    }

    private String evidence() {
      String output = first.get(OUTPUT);
      if (output == null) {
        return null;
      }
      // Tenable.sc prefixes the output with its own label.
      output = output.replaceFirst("^Plugin Output:\\s*", "").strip();
      if (output.isEmpty()) {
        return null;
      }
      return output.length() <= MAX_EVIDENCE ? output : output.substring(0, MAX_EVIDENCE) + " …";
    }
  }

  /**
   * A CVSS base score as written. Some exports lose the decimal point ("75" for 7.5); a whole
   * number from 11 to 100 can only be that, so it is read as tenths. Anything else out of range is
   * dropped rather than invented.
   */
  static Double score(String text) {
    Double d = Texts.decimal(text);
    if (d == null || d < 0) {
      return null;
    }
    if (d > 10 && d <= 100 && d == Math.rint(d)) {
      return d / 10;
    }
    return d <= 10 ? d : null;
  }

  /** Tenable.sc's "Feb 19, 2024 21:01:01 UTC", else the forms {@link Texts#instant} reads. */
  static Instant seen(String text) {
    if (text == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(text.trim(), TENABLE_SC_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return Texts.instant(text);
    }
  }
}
