package vigil.ingest.openvas;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vigil.ingest.Head;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.ScanParser;
import vigil.ingest.Texts;
import vigil.ingest.xml.XmlStream;
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
 * OpenVAS / Greenbone (GVM) XML report: one observation per {@code result}, checked by its NVT
 * OID. The report's per-host summaries ({@code report/host}) count as covered, findings or not.
 *
 * <p>Severity is rated from the result's numeric severity on the CVSS scale, so 9.0 and above is
 * Critical as in current Greenbone releases; older reports classed by the "nist" severity class
 * write "High" for those, and that word is kept as the tool's severity.
 */
public final class OpenVasParser implements ScanParser {
  private static final Pattern INSTALLED = Pattern.compile("(?m)^\\s*Installed version:\\s*(\\S+)");
  private static final Pattern FIXED = Pattern.compile("(?m)^\\s*Fixed version:\\s*(\\S+)");
  private static final Pattern DOTTED_QUAD = Pattern.compile("\\d+(\\.\\d+){3}");
  /** Indentation a pretty-printed export adds to wrapped NVT texts. */
  private static final Pattern LINE_INDENT = Pattern.compile("[ \\t]*\n[ \\t]*");

  @Override
  public String format() {
    return "openvas";
  }

  @Override
  public String tool() {
    return "OpenVAS";
  }

  @Override
  public boolean sniff(Head head) {
    // <report> alone is too common a root; a GVM report says which protocol wrote it, or has results.
    return (head.isXml("report") || head.isXml("get_reports_response"))
        && (head.contains("<gmp>") || head.contains("<omp>") || head.contains("<scan_run_status>")
            || head.contains("<results") || head.contains("<nvt "));
  }

  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    try (XmlStream x = XmlStream.open(file)) {
      x.requireRoot("report", "get_reports_response");
      readReport(x, new Scan(), sink);
      x.finish();
    }
  }

  /** When the scan ran, for results that do not say when they were found. */
  private static final class Scan {
    Instant start;
  }

  /**
   * Reads a report element. An exported report nests the report proper inside an envelope of the
   * same name, and a GMP response wraps it once more, so nested reports are read the same way.
   */
  private static void readReport(XmlStream x, Scan scan, ObservationSink sink) throws ParseException {
    int depth = x.depth();
    while (x.nextChild(depth)) {
      switch (x.name()) {
        case "report":
          readReport(x, scan, sink);
          break;
        case "scan_start":
          scan.start = Texts.instant(x.text());
          break;
        case "results":
          int resultsDepth = x.depth();
          while (x.nextChild(resultsDepth)) {
            if (x.name().equals("result")) {
              sink.observation(readResult(x, scan));
            } else {
              x.skip();
            }
          }
          break;
        case "host":
          readHostSummary(x, sink);
          break;
        default:
          x.skip();
      }
    }
  }

  /** A report's summary of one scanned host: its address, times and details (names, OS, MAC). */
  private static void readHostSummary(XmlStream x, ObservationSink sink) throws ParseException {
    AssetRef.Builder asset = AssetRef.builder(AssetKind.HOST);
    String hostName = null;
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (x.name().equals("ip")) {
        address(asset, x.text());
      } else if (x.name().equals("detail")) {
        Map<String, String> detail = readFields(x);
        String name = detail.get("name");
        String value = detail.get("value");
        if ("hostname".equals(name)) {
          asset.host(value);
          hostName = hostName == null ? value : hostName;
        } else if ("MAC".equalsIgnoreCase(name)) {
          asset.key(AssetKey.Type.MAC, value);
        } else if ("best_os_txt".equals(name)) {
          asset.attribute("os", value);
        } else if ("best_os_cpe".equals(name)) {
          asset.attribute("os-cpe", value);
        }
      } else {
        x.skip();
      }
    }
    if (asset.hasKeys()) {
      sink.covered(asset.name(hostName).build());
    }
  }

  /**
   * Adds a host address. A dotted quad with an out-of-range part (OpenVAS writes 192.168.1.1001) is
   * still an address as the scanner saw it, not a host name, so it is kept as written as an IP.
   */
  private static void address(AssetRef.Builder asset, String text) {
    if (text != null && DOTTED_QUAD.matcher(text.trim()).matches()) {
      asset.key(AssetKey.Type.IP, text);
    } else {
      asset.host(text);
    }
  }

  /** The text of each child element of the current element, by name. */
  private static Map<String, String> readFields(XmlStream x) throws ParseException {
    Map<String, String> fields = new HashMap<>();
    int depth = x.depth();
    while (x.nextChild(depth)) {
      String name = x.name();
      String value = x.text();
      if (value != null) {
        fields.put(name, value);
      }
    }
    return fields;
  }

  private static Observation readResult(XmlStream x, Scan scan) throws ParseException {
    Result r = new Result();
    int depth = x.depth();
    while (x.nextChild(depth)) {
      switch (x.name()) {
        case "host":
          readResultHost(x, r);
          break;
        case "nvt":
          readNvt(x, r);
          break;
        case "detection":
          readDetection(x, r);
          break;
        case "name":
        case "port":
        case "threat":
        case "severity":
        case "description":
        case "creation_time":
        case "modification_time":
          String name = x.name();
          r.fields.put(name, x.text());
          break;
        default:
          x.skip();
      }
    }
    if (r.oid == null) {
      throw x.error("result without an NVT OID (<nvt oid=...>)");
    }
    if (r.ip == null && r.hostName == null) {
      throw x.error("result without a host");
    }
    Instant found = Texts.instant(r.fields.get("creation_time"));
    return r.toObservation(found != null ? found : scan.start);
  }

  /**
   * A result's host is mixed content: the address as text, then {@code <asset>} and {@code
   * <hostname>} children. Each child's start is marked on a new line so the parts can be told apart.
   */
  private static void readResultHost(XmlStream x, Result r) throws ParseException {
    String raw = x.text(child -> "\n" + child.name() + "=");
    if (raw == null) {
      return;
    }
    String[] lines = raw.split("\n");
    r.ip = Texts.blankToNull(lines[0].contains("=") ? null : lines[0]);
    for (String line : lines) {
      if (line.startsWith("hostname=")) {
        r.hostName = Texts.blankToNull(line.substring("hostname=".length()));
      }
    }
  }

  private static void readNvt(XmlStream x, Result r) throws ParseException {
    r.oid = x.attr("oid");
    int depth = x.depth();
    while (x.nextChild(depth)) {
      switch (x.name()) {
        case "name":
          r.nvtName = x.text();
          break;
        case "family":
          r.family = x.text();
          break;
        case "cvss_base":
          r.cvssBase = Texts.decimal(x.text());
          break;
        case "tags":
          r.tags = tags(x.text());
          break;
        case "solution":
          r.solution = x.text();
          break;
        case "cve":
          // GMP 7 and older: a comma-separated list, or "NOCVE".
          r.cves.add(x.text());
          break;
        case "refs":
          readRefs(x, r);
          break;
        case "severities":
          readSeverities(x, r);
          break;
        default:
          x.skip();
      }
    }
  }

  private static void readRefs(XmlStream x, Result r) throws ParseException {
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (x.name().equals("ref") && "cve".equalsIgnoreCase(x.attr("type"))) {
        r.cves.add(x.attr("id"));
      } else if (x.name().equals("ref") && "cwe".equalsIgnoreCase(x.attr("type"))) {
        r.cwes.add(x.attr("id"));
      }
      x.skip();
    }
  }

  /** GVM 21.4+: each score with its vector, by CVSS version. */
  private static void readSeverities(XmlStream x, Result r) throws ParseException {
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (x.name().equals("severity")) {
        String type = x.attr("type");
        Map<String, String> fields = readFields(x);
        if (type != null) {
          r.severities.put(type, fields);
        }
      } else {
        x.skip();
      }
    }
  }

  /** The product detection a result relied on, which names the product by CPE. */
  private static void readDetection(XmlStream x, Result r) throws ParseException {
    int depth = x.depth();
    while (x.nextDescendant(depth)) {
      if (x.name().equals("detail")) {
        Map<String, String> detail = readFields(x);
        if ("product".equals(detail.get("name"))) {
          r.productCpe = detail.get("value");
        }
      }
    }
  }

  /** NVT tags: "summary=...|insight=...|solution=...". */
  static Map<String, String> tags(String text) {
    Map<String, String> tags = new HashMap<>();
    if (text == null) {
      return tags;
    }
    for (String part : text.split("\\|")) {
      int eq = part.indexOf('=');
      if (eq > 0) {
        String value = Texts.blankToNull(part.substring(eq + 1));
        if (value != null) {
          tags.put(part.substring(0, eq).trim(), value);
        }
      }
    }
    return tags;
  }

  /** The severity a score rates on the CVSS scale; zero and the negative codes are not findings of risk. */
  static Severity rate(Double score, String threat) {
    if (score != null) {
      // -1 false positive, -2 debug, -3 error; 0 log.
      return score > 0 ? Severity.fromCvssScore(score) : Severity.INFO;
    }
    if (threat == null) {
      return Severity.INFO;
    }
    switch (threat.trim().toLowerCase(Locale.ROOT)) {
      case "critical":
        return Severity.CRITICAL;
      case "high":
        return Severity.HIGH;
      case "medium":
        return Severity.MEDIUM;
      case "low":
        return Severity.LOW;
      default:
        // Log, Debug, False Positive, Error: OpenVAS's words for results without risk.
        return Severity.INFO;
    }
  }

  /** One result's content. */
  private static final class Result {
    String ip;
    String hostName;
    String oid;
    String nvtName;
    String family;
    Double cvssBase;
    String solution;
    String productCpe;
    Map<String, String> tags = new HashMap<>();
    final List<String> cves = new ArrayList<>();
    final List<String> cwes = new ArrayList<>();
    final Map<String, Map<String, String>> severities = new HashMap<>();
    final Map<String, String> fields = new HashMap<>();

    Observation toObservation(Instant seen) {
      AssetRef.Builder builder = AssetRef.builder(AssetKind.HOST).name(hostName);
      address(builder, ip);
      AssetRef asset = builder.host(hostName).build();
      String title = nvtName != null ? nvtName : fields.getOrDefault("name", "OpenVAS NVT " + oid);
      Double score = Texts.decimal(fields.get("severity"));
      String threat = Texts.blankToNull(fields.get("threat"));
      Severity severity = rate(score, threat);
      List<String> cveIds = Texts.cves(cves);
      WeaknessKind kind = severity == Severity.INFO && cveIds.isEmpty()
          ? WeaknessKind.INFORMATIONAL : WeaknessKind.VULNERABILITY;
      Weakness weakness = new Weakness(kind, "openvas:" + oid, title, cveIds, Texts.cwes(cwes));
      String toolSeverity = threat != null ? threat : fields.get("severity");
      String output = fields.get("description");
      return new Observation(asset, weakness, location(output), severity, toolSeverity, cvss(),
          description(), unindent(solution != null ? solution : tags.get("solution")), output, seen);
    }

    private Location location(String output) {
      String port = fields.get("port");
      Integer number = null;
      String protocol = null;
      if (port != null) {
        int slash = port.indexOf('/');
        number = Texts.integer(slash < 0 ? port : port.substring(0, slash));
        protocol = slash < 0 ? null : port.substring(slash + 1);
      }
      String[] product = cpeProductAndVersion(productCpe);
      String installed = product[1] != null ? product[1] : first(INSTALLED, output);
      String fixed = first(FIXED, output);
      if (fixed != null && fixed.equalsIgnoreCase("none")) {
        fixed = null;
      }
      return new Location(number, protocol == null ? null : protocol.toLowerCase(Locale.ROOT), null,
          product[0], installed, fixed, null, null);
    }

    private String description() {
      StringBuilder sb = new StringBuilder();
      for (String key : new String[] {"summary", "insight", "impact", "affected"}) {
        String v = tags.get(key);
        if (v != null) {
          sb.append(sb.length() > 0 ? "\n\n" : "").append(v);
        }
      }
      return sb.length() == 0 ? null : unindent(sb.toString());
    }

    /**
     * Vectors come from {@code <severities>} (GVM 21.4+) or the {@code cvss_base_vector} tag; a
     * bare {@code cvss_base} without a vector is the CVSS v2 score older releases rated by.
     */
    private Cvss cvss() {
      String v2 = null;
      Double v2Score = null;
      String v3 = null;
      Double v3Score = null;
      String v4 = null;
      Double v4Score = null;
      for (Map.Entry<String, Map<String, String>> e : severities.entrySet()) {
        String vector = e.getValue().get("value");
        Double s = Texts.decimal(e.getValue().get("score"));
        if (e.getKey().endsWith("v2")) {
          v2 = Texts.cvss2Vector(vector);
          v2Score = s;
        } else if (e.getKey().endsWith("v3")) {
          v3 = Texts.cvssVector(vector, "CVSS:3.1");
          v3Score = s;
        } else if (e.getKey().endsWith("v4")) {
          v4 = Texts.cvssVector(vector, "CVSS:4.0");
          v4Score = s;
        }
      }
      String tagVector = tags.get("cvss_base_vector");
      if (tagVector != null && tagVector.startsWith("CVSS:3") && v3 == null) {
        v3 = tagVector;
        v3Score = v3Score != null ? v3Score : cvssBase;
      } else if (tagVector != null && tagVector.startsWith("CVSS:4") && v4 == null) {
        v4 = tagVector;
        v4Score = v4Score != null ? v4Score : cvssBase;
      } else if (tagVector != null && v2 == null && Texts.cvss2Vector(tagVector) != null) {
        v2 = Texts.cvss2Vector(tagVector);
        v2Score = cvssBase;
      }
      if (v2 == null && v3 == null && v4 == null && v2Score == null && v3Score == null && v4Score == null) {
        v2Score = cvssBase;
      }
      return new Cvss(v2, v2Score, v3, v3Score, v4, v4Score);
    }
  }

  private static String unindent(String text) {
    return text == null ? null : LINE_INDENT.matcher(text).replaceAll("\n");
  }

  private static String first(Pattern p, String text) {
    if (text == null) {
      return null;
    }
    Matcher m = p.matcher(text);
    return m.find() ? m.group(1) : null;
  }

  /** Product and version from a CPE URI ({@code cpe:/a:mozilla:firefox:116.0.3}). */
  static String[] cpeProductAndVersion(String cpe) {
    if (cpe == null || !cpe.startsWith("cpe:/")) {
      return new String[2];
    }
    String[] parts = cpe.substring("cpe:/".length()).split(":");
    return new String[] {
      parts.length > 2 && !parts[2].isEmpty() ? parts[2] : null,
      parts.length > 3 && !parts[3].isEmpty() ? parts[3] : null
    };
  }
}
