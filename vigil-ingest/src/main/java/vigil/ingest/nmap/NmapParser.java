package vigil.ingest.nmap;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
import vigil.model.Ids;
import vigil.model.Location;
import vigil.model.Observation;
import vigil.model.ObservationSink;
import vigil.model.Severity;
import vigil.model.Weakness;
import vigil.model.WeaknessKind;

/**
 * Nmap XML ({@code -oX}): one exposure-of-service observation per open port, and one vulnerability
 * observation per entry of the vulners NSE script on that port. Every host that is up counts as
 * covered, open ports or not; hosts reported down were not looked at and are left out.
 */
public final class NmapParser implements ScanParser {
  private static final String ROOT = "nmaprun";
  static final String OPEN_PORT_CHECK = "nmap:open-port";

  @Override
  public String format() {
    return "nmap";
  }

  @Override
  public String tool() {
    return "Nmap";
  }

  @Override
  public boolean sniff(Head head) {
    return head.isXml(ROOT);
  }

  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    try (XmlStream x = XmlStream.open(file)) {
      x.requireRoot(ROOT);
      Instant runStart = Texts.instant(x.attr("start"));
      while (x.nextChild(1)) {
        if (x.name().equals("host")) {
          readHost(x, runStart, sink);
        } else {
          x.skip();
        }
      }
      x.finish();
    }
  }

  /**
   * Reads one host. Its ports are kept until the host's end because the OS guess comes after them
   * and belongs on the asset; one host's ports are few, so memory stays flat in file size.
   */
  private static void readHost(XmlStream x, Instant runStart, ObservationSink sink) throws ParseException {
    Instant started = Texts.instant(x.attr("starttime"));
    Instant seen = started != null ? started : runStart;
    int depth = x.depth();
    AssetRef.Builder asset = AssetRef.builder(AssetKind.HOST);
    String displayName = null;
    String status = null;
    List<Port> ports = new ArrayList<>();
    while (x.nextChild(depth)) {
      switch (x.name()) {
        case "status":
          status = x.attr("state");
          x.skip();
          break;
        case "address":
          readAddress(x, asset);
          break;
        case "hostnames":
          displayName = readHostnames(x, asset);
          break;
        case "ports":
          readPorts(x, ports);
          break;
        case "os":
          readOs(x, asset);
          break;
        default:
          x.skip();
      }
    }
    if (status != null && !status.equals("up")) {
      return;
    }
    if (!asset.hasKeys()) {
      throw x.error("host without an address or host name");
    }
    AssetRef host = asset.name(displayName).build();
    sink.covered(host);
    for (Port port : ports) {
      port.emit(host, seen, sink);
    }
  }

  /**
   * Adds every host name as an identifier and returns the one to show: the reverse-DNS (PTR) name,
   * as DefectDojo names its endpoints, else the name given on the command line.
   */
  private static String readHostnames(XmlStream x, AssetRef.Builder asset) throws ParseException {
    String ptrName = null;
    String userName = null;
    int depth = x.depth();
    while (x.nextChild(depth)) {
      String name = x.attr("name");
      if (x.name().equals("hostname") && name != null) {
        asset.host(name);
        if ("PTR".equals(x.attr("type")) && ptrName == null) {
          ptrName = name;
        } else if ("user".equals(x.attr("type")) && userName == null) {
          userName = name;
        }
      }
      x.skip();
    }
    return ptrName != null ? ptrName : userName;
  }

  private static void readAddress(XmlStream x, AssetRef.Builder asset) throws ParseException {
    String addr = x.attr("addr");
    if ("mac".equals(x.attr("addrtype"))) {
      asset.key(AssetKey.Type.MAC, addr);
      asset.attribute("mac-vendor", x.attr("vendor"));
    } else {
      asset.host(addr);
    }
    x.skip();
  }

  private static void readOs(XmlStream x, AssetRef.Builder asset) throws ParseException {
    int depth = x.depth();
    boolean best = true;
    while (x.nextChild(depth)) {
      // Nmap lists OS matches best first.
      if (best && x.name().equals("osmatch")) {
        asset.attribute("os", x.attr("name"));
        best = false;
      }
      x.skip();
    }
  }

  private static void readPorts(XmlStream x, List<Port> ports) throws ParseException {
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (x.name().equals("port")) {
        Port port = readPort(x);
        if ("open".equals(port.state)) {
          ports.add(port);
        }
      } else {
        x.skip();
      }
    }
  }

  private static Port readPort(XmlStream x) throws ParseException {
    Port port = new Port();
    port.protocol = x.attr("protocol");
    port.portId = x.attr("portid");
    port.number = Texts.integer(port.portId);
    int depth = x.depth();
    while (x.nextChild(depth)) {
      switch (x.name()) {
        case "state":
          port.state = x.attr("state");
          x.skip();
          break;
        case "service":
          readService(x, port);
          break;
        case "script":
          if ("vulners".equals(x.attr("id"))) {
            Vulners.read(x, port.vulns);
          } else {
            x.skip();
          }
          break;
        default:
          x.skip();
      }
    }
    return port;
  }

  private static void readService(XmlStream x, Port port) throws ParseException {
    port.service = x.attr("name");
    port.product = x.attr("product");
    port.version = x.attr("version");
    port.extraInfo = x.attr("extrainfo");
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (x.name().equals("cpe") && port.cpe == null) {
        port.cpe = x.text();
      } else {
        x.skip();
      }
    }
  }

  /** One open port with its service and the vulners entries found on it. */
  private static final class Port {
    String portId;
    Integer number;
    String protocol;
    String state;
    String service;
    String product;
    String version;
    String extraInfo;
    String cpe;
    final List<Vulners.Entry> vulns = new ArrayList<>();

    void emit(AssetRef host, Instant seen, ObservationSink sink) {
      String where = portId + "/" + protocol;
      Weakness open = new Weakness(WeaknessKind.EXPOSURE_OF_SERVICE, OPEN_PORT_CHECK, "Open port", List.of(), List.of());
      // Product and version stay out of the location: a later scan without version detection must
      // still see the same open port.
      sink.observation(new Observation(host, open, Location.port(number, protocol, service), Severity.INFO, null,
          Cvss.NONE, null, null, banner(where), seen));
      for (Vulners.Entry v : vulns) {
        sink.observation(v.toObservation(host, number, protocol, service, seen));
      }
    }

    /** The service line as Nmap prints it: "22/tcp open ssh OpenSSH 7.4 (protocol 2.0)". */
    private String banner(String where) {
      StringBuilder sb = new StringBuilder(where).append(" open");
      for (String part : new String[] {service, product, version}) {
        if (part != null) {
          sb.append(' ').append(part);
        }
      }
      if (extraInfo != null) {
        sb.append(" (").append(extraInfo).append(')');
      }
      if (cpe != null) {
        sb.append('\n').append(cpe);
      }
      return sb.toString();
    }
  }

  /** The vulners NSE script's findings: a table per CPE, holding a table per vulnerability id. */
  static final class Vulners {
    private Vulners() {}

    /** One vulners entry: an id (CVE, exploit, advisory), its CVSS score and type. */
    static final class Entry {
      final String cpe;
      final String id;
      final Double cvss;
      final String type;
      final boolean exploit;

      Entry(String cpe, String id, Double cvss, String type, boolean exploit) {
        this.cpe = cpe;
        this.id = id;
        this.cvss = cvss;
        this.type = type;
        this.exploit = exploit;
      }

      Observation toObservation(AssetRef host, Integer port, String protocol, String service, Instant seen) {
        // An exploit or advisory entry names the CVE it is for ("MSF:ILITIES/UBUNTU-CVE-2019-6111/"):
        // it is one more sighting of that CVE, so it carries the CVE and deduplicates with it.
        String cve = Ids.cve(id);
        Weakness weakness = new Weakness(WeaknessKind.VULNERABILITY, "nmap:vulners:" + id, id,
            cve == null ? List.of() : List.of(cve), List.of());
        String[] product = Cpe.productAndVersion(cpe);
        Location location = new Location(port, protocol == null ? null : protocol.toLowerCase(Locale.ROOT), service,
            product[0], product[1], null, null, null);
        // vulners reports the CVSS v2 base score of the id it found.
        Cvss score = cvss == null ? Cvss.NONE : new Cvss(null, cvss, null, null, null, null);
        Severity severity = cvss == null ? Severity.INFO : Severity.fromCvssScore(cvss);
        String evidence = "vulners: " + id + (cvss == null ? "" : " cvss " + cvss)
            + (type == null ? "" : " type " + type) + (exploit ? " (exploit available)" : "")
            + (cpe == null ? "" : "\n" + cpe);
        return new Observation(host, weakness, location, severity, cvss == null ? null : cvss.toString(), score,
            null, null, evidence, seen);
      }
    }

    /** Reads a {@code <script id="vulners">}, its tables when present, else its output text. */
    static void read(XmlStream x, List<Entry> out) throws ParseException {
      String output = x.attr("output");
      int before = out.size();
      int depth = x.depth();
      while (x.nextChild(depth)) {
        if (x.name().equals("table")) {
          readCpeTable(x, out);
        } else {
          x.skip();
        }
      }
      if (out.size() == before && output != null) {
        readOutput(output, out);
      }
    }

    private static void readCpeTable(XmlStream x, List<Entry> out) throws ParseException {
      String cpe = x.attr("key");
      int depth = x.depth();
      while (x.nextChild(depth)) {
        if (!x.name().equals("table")) {
          x.skip();
          continue;
        }
        String id = null;
        String cvss = null;
        String type = null;
        String exploit = null;
        int entryDepth = x.depth();
        while (x.nextChild(entryDepth)) {
          String key = x.name().equals("elem") ? x.attr("key") : null;
          String value = x.text();
          if (key == null) {
            continue;
          }
          switch (key.toLowerCase(Locale.ROOT)) {
            case "id":
              id = value;
              break;
            case "cvss":
              cvss = value;
              break;
            case "type":
              type = value;
              break;
            case "is_exploit":
              exploit = value;
              break;
            default:
              break;
          }
        }
        if (id == null) {
          throw x.error("vulners entry without an id");
        }
        out.add(new Entry(cpe, id, Texts.decimal(cvss), type, "true".equalsIgnoreCase(exploit)));
      }
    }

    /**
     * Older vulners versions write only the output text: a "cpe:/...:" line, then one line per
     * entry, "id TAB cvss TAB url" (optionally "*EXPLOIT*").
     */
    static void readOutput(String output, List<Entry> out) {
      String cpe = null;
      for (String raw : output.split("\n")) {
        String line = raw.trim();
        if (line.startsWith("cpe:") && line.endsWith(":")) {
          cpe = line.substring(0, line.length() - 1);
          continue;
        }
        String[] cells = line.split("\t");
        if (cells.length >= 2 && Texts.decimal(cells[1].trim()) != null) {
          boolean exploit = line.contains("*EXPLOIT*");
          String id = cells[0].trim();
          out.add(new Entry(cpe, id, Texts.decimal(cells[1].trim()), Ids.isCve(id) ? "cve" : null, exploit));
        }
      }
    }
  }

  /** Product and version from a CPE name, URI form ({@code cpe:/a:openbsd:openssh:7.4}) or 2.3. */
  static final class Cpe {
    private Cpe() {}

    static String[] productAndVersion(String cpe) {
      if (cpe == null) {
        return new String[2];
      }
      String rest;
      if (cpe.startsWith("cpe:2.3:")) {
        rest = cpe.substring("cpe:2.3:".length());
      } else if (cpe.startsWith("cpe:/")) {
        rest = cpe.substring("cpe:/".length());
      } else {
        return new String[2];
      }
      String[] parts = rest.split(":");
      String product = parts.length > 2 ? blankOrAny(parts[2]) : null;
      String version = parts.length > 3 ? blankOrAny(parts[3]) : null;
      return new String[] {product, version};
    }

    private static String blankOrAny(String s) {
      return s.isEmpty() || s.equals("*") || s.equals("-") ? null : s;
    }
  }
}
