package vigil.ingest.nexpose;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * Rapid7 Nexpose XML export ({@code NexposeReport} 1.0 and 2.0): one observation per vulnerable
 * test, on its node or on the port and service it ran against, and one exposure-of-service
 * observation per open port. Every node that is not dead counts as covered.
 *
 * <p>Nexpose rates severity 0 to 10; it is read on the CVSS bands (9+ Critical, 7+ High, 4+
 * Medium, 1+ Low, 0 Info), as DefectDojo does, and the number is kept as the tool's severity.
 */
public final class NexposeParser implements ScanParser {
  private static final String ROOT = "NexposeReport";
  static final String OPEN_PORT_CHECK = "nexpose:open-port";
  private static final Set<String> VULNERABLE =
      Set.of("vulnerable-exploited", "vulnerable-version", "vulnerable-potential");

  @Override
  public String format() {
    return "nexpose";
  }

  @Override
  public String tool() {
    return "Nexpose";
  }

  @Override
  public boolean sniff(Head head) {
    return head.isXml(ROOT);
  }

  /**
   * Reads the file twice: the definitions (title, severity, CVEs of each test id) follow the nodes
   * that refer to them. The first pass keeps one entry per distinct vulnerability; the second
   * streams the nodes.
   */
  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    Map<String, Definitions.Definition> definitions = Definitions.read(file, ROOT);
    try (XmlStream x = XmlStream.open(file)) {
      x.requireRoot(ROOT);
      Map<String, Instant> scans = new HashMap<>();
      Instant lastScan = null;
      while (x.nextChild(1)) {
        if (x.name().equals("scans")) {
          int depth = x.depth();
          while (x.nextChild(depth)) {
            Instant end = Texts.instant(x.attr("endTime"));
            Instant when = end != null ? end : Texts.instant(x.attr("startTime"));
            if (x.attr("id") != null && when != null) {
              scans.put(x.attr("id"), when);
            }
            lastScan = when != null ? when : lastScan;
            x.skip();
          }
        } else if (x.name().equals("nodes")) {
          int depth = x.depth();
          Scans times = new Scans(scans, lastScan);
          while (x.nextChild(depth)) {
            if (x.name().equals("node")) {
              readNode(x, definitions, times, sink);
            } else {
              x.skip();
            }
          }
        } else {
          x.skip();
        }
      }
      x.finish();
    }
  }

  /** When each scan ended, for dating the tests that name their scan. */
  private static final class Scans {
    final Map<String, Instant> byId;
    final Instant last;

    Scans(Map<String, Instant> byId, Instant last) {
      this.byId = byId;
      this.last = last;
    }

    Instant of(String scanId) {
      return scanId == null ? last : byId.getOrDefault(scanId, last);
    }
  }

  /**
   * Reads one node. Its tests are kept until the node's end, where its names and fingerprints are
   * all known; one node is small next to the file.
   */
  private static void readNode(XmlStream x, Map<String, Definitions.Definition> definitions, Scans scans,
      ObservationSink sink) throws ParseException {
    String status = x.attr("status");
    AssetRef.Builder asset = AssetRef.builder(AssetKind.HOST);
    asset.host(x.attr("address"));
    asset.key(AssetKey.Type.MAC, x.attr("hardware-address"));
    asset.attribute("nexpose-device-id", x.attr("device-id"));
    asset.attribute("site", x.attr("site-name"));
    String firstName = null;
    List<Test> tests = new ArrayList<>();
    List<Endpoint> endpoints = new ArrayList<>();
    int depth = x.depth();
    while (x.nextChild(depth)) {
      switch (x.name()) {
        case "names":
          int namesDepth = x.depth();
          while (x.nextChild(namesDepth)) {
            String name = x.text();
            asset.host(name);
            firstName = firstName == null ? name : firstName;
          }
          break;
        case "fingerprints":
          asset.attribute("os", readOs(x));
          break;
        case "tests":
          readTests(x, null, tests);
          break;
        case "endpoints":
          readEndpoints(x, tests, endpoints);
          break;
        default:
          x.skip();
      }
    }
    if ("dead".equalsIgnoreCase(status)) {
      return;
    }
    if (!asset.hasKeys()) {
      throw x.error("node without an address");
    }
    AssetRef host = asset.name(firstName).build();
    sink.covered(host);
    for (Test test : tests) {
      sink.observation(test.toObservation(host, definitions.get(test.id.toLowerCase(Locale.ROOT)), scans));
    }
    Weakness open = new Weakness(WeaknessKind.EXPOSURE_OF_SERVICE, OPEN_PORT_CHECK, "Open port", List.of(), List.of());
    for (Endpoint e : endpoints) {
      sink.observation(new Observation(host, open, e.location(), Severity.INFO, null, Cvss.NONE, null, null,
          e.banner(), scans.last));
    }
  }

  /** The best operating-system fingerprint. */
  private static String readOs(XmlStream x) throws ParseException {
    String os = null;
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (os == null && x.name().equals("os")) {
        os = product(x);
      }
      x.skip();
    }
    return os;
  }

  private static void readTests(XmlStream x, Endpoint on, List<Test> out) throws ParseException {
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (!x.name().equals("test")) {
        x.skip();
        continue;
      }
      String id = x.attr("id");
      String status = x.attr("status");
      if (id == null || !VULNERABLE.contains(status)) {
        x.skip();
        continue;
      }
      Test t = new Test(id, status, x.attr("key"), x.attr("scan-id"), Texts.instant(x.attr("vulnerable-since")), on);
      t.output = Prose.read(x);
      out.add(t);
    }
  }

  private static void readEndpoints(XmlStream x, List<Test> tests, List<Endpoint> out) throws ParseException {
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (!x.name().equals("endpoint")) {
        x.skip();
        continue;
      }
      Endpoint e = new Endpoint(Texts.integer(x.attr("port")), x.attr("protocol"), x.attr("status"));
      int endpointDepth = x.depth();
      while (x.nextDescendant(endpointDepth)) {
        switch (x.name()) {
          case "service":
            e.service = x.attr("name");
            break;
          case "fingerprint":
            if (e.product == null) {
              e.product = product(x);
            }
            break;
          case "config":
            String name = x.attr("name");
            String value = x.text();
            if (name != null && name.endsWith("banner") && e.bannerText == null) {
              e.bannerText = value;
            }
            break;
          case "tests":
            readTests(x, e, tests);
            break;
          default:
            break;
        }
      }
      if (e.status == null || e.status.equals("open")) {
        out.add(e);
      }
    }
  }

  /** A fingerprint as "vendor product version", the vendor left out when it repeats the product. */
  private static String product(XmlStream x) {
    String vendor = x.attr("vendor");
    String product = x.attr("product");
    return join(vendor != null && vendor.equalsIgnoreCase(product) ? null : vendor, product, x.attr("version"));
  }

  private static String join(String... parts) {
    StringBuilder sb = new StringBuilder();
    for (String p : parts) {
      if (p != null && !p.isBlank()) {
        sb.append(sb.length() > 0 ? " " : "").append(p.trim());
      }
    }
    return sb.length() == 0 ? null : sb.toString();
  }

  /** One open port and the service Nexpose found on it. */
  private static final class Endpoint {
    final Integer port;
    final String protocol;
    final String status;
    String service;
    String product;
    String bannerText;

    Endpoint(Integer port, String protocol, String status) {
      this.port = port;
      this.protocol = protocol;
      this.status = status;
    }

    /** The service name, unless Nexpose could not tell ("&lt;unknown&gt;"). */
    String serviceName() {
      return service == null || service.equals("<unknown>") ? null : service;
    }

    Location location() {
      return Location.port(port, protocol, serviceName());
    }

    String banner() {
      String line = port + "/" + (protocol == null ? "" : protocol.toLowerCase(Locale.ROOT)) + " open"
          + (service == null ? "" : " " + service) + (product == null ? "" : " (" + product + ")");
      return bannerText == null ? line : line + "\n" + bannerText;
    }
  }

  /** One vulnerable test result on a node, or on an endpoint's service. */
  private static final class Test {
    final String id;
    final String status;
    final String key;
    final String scanId;
    final Instant vulnerableSince;
    final Endpoint on;
    String output;

    Test(String id, String status, String key, String scanId, Instant vulnerableSince, Endpoint on) {
      this.id = id;
      this.status = status;
      this.key = key;
      this.scanId = scanId;
      this.vulnerableSince = vulnerableSince;
      this.on = on;
    }

    /**
     * A test whose id has no definition in the report is kept with its id as the title and Info
     * severity: the file says the node is vulnerable, only not how badly.
     */
    Observation toObservation(AssetRef host, Definitions.Definition d, Scans scans) {
      String title = d != null && d.title != null ? d.title : id;
      Integer level = d == null ? null : Texts.integer(d.severity);
      Severity severity = level == null ? Severity.INFO : rate(level);
      List<String> cves = d == null ? List.of() : d.cves;
      WeaknessKind kind = severity == Severity.INFO && cves.isEmpty()
          ? WeaknessKind.INFORMATIONAL : WeaknessKind.VULNERABILITY;
      Weakness weakness = new Weakness(kind, "nexpose:" + id, title, cves, List.of());
      Location base = on == null ? Location.NONE : on.location();
      Location location = key == null ? base : base.withPath(path(key));
      String evidence = (output == null ? "" : output + "\n") + "Status: " + status
          + (vulnerableSince == null ? "" : "; vulnerable since " + vulnerableSince)
          + (key == null ? "" : "; key " + key);
      return new Observation(host, weakness, location, severity, d == null ? null : d.severity,
          d == null ? Cvss.NONE : d.cvss, d == null ? "No definition for test '" + id + "' in the report." : d.description,
          d == null ? null : d.solution, evidence, scans.of(scanId));
    }

    /** A test key tells instances of one check apart: a URL path (kept without its query), a file, a product. */
    private static String path(String key) {
      int query = key.indexOf('?');
      return key.startsWith("/") && query > 0 ? key.substring(0, query) : key;
    }
  }

  /** Nexpose's 0-10 severity on the CVSS bands. */
  static Severity rate(int level) {
    if (level >= 9) {
      return Severity.CRITICAL;
    }
    if (level >= 7) {
      return Severity.HIGH;
    }
    if (level >= 4) {
      return Severity.MEDIUM;
    }
    return level >= 1 ? Severity.LOW : Severity.INFO;
  }
}
