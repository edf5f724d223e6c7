package vigil.ingest.nessus;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
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
 * Tenable Nessus {@code .nessus} v2 XML: one observation per {@code ReportItem}, hosts from {@code
 * ReportHost} and its {@code HostProperties}. Every {@code ReportHost} counts as covered, findings
 * or not.
 */
public final class NessusParser implements ScanParser {
  private static final String ROOT = "NessusClientData_v2";
  private static final Severity[] BY_NUMBER = {
    Severity.INFO, Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL
  };

  @Override
  public String format() {
    return "nessus";
  }

  @Override
  public String tool() {
    return "Nessus";
  }

  @Override
  public boolean sniff(Head head) {
    return head.isXml(ROOT);
  }

  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    try (XmlStream x = XmlStream.open(file)) {
      x.requireRoot(ROOT);
      while (x.nextDescendant(1)) {
        if (x.name().equals("ReportHost")) {
          readHost(x, sink);
        } else if (x.name().equals("Policy")) {
          x.skip();
        }
      }
      x.finish();
    }
  }

  private void readHost(XmlStream x, ObservationSink sink) throws ParseException {
    String hostName = x.attr("name");
    int depth = x.depth();
    Map<String, String> props = new HashMap<>();
    AssetRef asset = null;
    Instant end = null;
    List<Item> pending = new ArrayList<>();
    while (x.nextChild(depth)) {
      if (x.name().equals("HostProperties")) {
        readProperties(x, props);
        asset = asset(x, hostName, props);
        end = hostEnd(props);
      } else if (x.name().equals("ReportItem")) {
        Item item = readItem(x);
        if (asset == null) {
          pending.add(item); // HostProperties normally come first; keep the rare reverse order right.
        } else {
          sink.observation(item.toObservation(asset, end));
        }
      } else {
        x.skip();
      }
    }
    if (asset == null) {
      asset = asset(x, hostName, props);
    }
    sink.covered(asset);
    end = hostEnd(props);
    for (Item item : pending) {
      sink.observation(item.toObservation(asset, end));
    }
  }

  private static void readProperties(XmlStream x, Map<String, String> props) throws ParseException {
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (x.name().equals("tag")) {
        String name = x.attr("name");
        String value = x.text();
        if (name != null && value != null) {
          props.put(name, value);
        }
      } else {
        x.skip();
      }
    }
  }

  private static AssetRef asset(XmlStream x, String hostName, Map<String, String> props) throws ParseException {
    AssetRef.Builder b = AssetRef.builder(AssetKind.HOST);
    b.name(props.getOrDefault("host-fqdn", hostName));
    b.host(props.get("host-ip"));
    b.host(props.get("host-fqdn"));
    b.host(hostName);
    b.key(AssetKey.Type.NETBIOS, props.get("netbios-name"));
    String macs = props.get("mac-address");
    if (macs != null) {
      for (String mac : macs.split("\\s+")) {
        b.key(AssetKey.Type.MAC, mac);
      }
    }
    b.key(AssetKey.Type.AGENT_ID, props.get("tenable-uuid"));
    b.key(AssetKey.Type.AGENT_ID, props.get("host-uuid"));
    b.key(AssetKey.Type.CLOUD_ID, props.get("aws-instance-instanceId"));
    b.key(AssetKey.Type.CLOUD_ID, props.get("azure-vm-id"));
    b.attribute("os", props.get("operating-system"));
    b.attribute("system-type", props.get("system-type"));
    if (!b.hasKeys()) {
      throw x.error("ReportHost has neither a name nor a host-ip/host-fqdn property");
    }
    return b.build();
  }

  private static Instant hostEnd(Map<String, String> props) {
    Instant t = Texts.instant(props.get("HOST_END_TIMESTAMP"));
    return t != null ? t : Texts.instant(props.get("HOST_END"));
  }

  private static Item readItem(XmlStream x) throws ParseException {
    Item item = new Item();
    item.port = Texts.integer(x.attr("port"));
    item.protocol = x.attr("protocol");
    item.service = x.attr("svc_name");
    item.pluginId = x.attr("pluginID");
    item.name = x.attr("pluginName");
    item.family = x.attr("pluginFamily");
    String sev = x.attr("severity");
    Integer n = Texts.integer(sev);
    if (item.pluginId == null) {
      throw x.error("ReportItem without a pluginID attribute");
    }
    if (n == null || n < 0 || n > 4) {
      throw x.error("ReportItem severity must be 0 to 4, found '" + sev + "'");
    }
    item.severity = BY_NUMBER[n];
    int depth = x.depth();
    while (x.nextChild(depth)) {
      String el = x.name();
      String text = x.text();
      if (text == null) {
        continue;
      }
      switch (el) {
        case "cve":
          item.cves.add(text);
          break;
        case "cwe":
          item.cwes.add(text);
          break;
        case "xref":
          if (text.toUpperCase(Locale.ROOT).startsWith("CWE:")) {
            item.cwes.add(text.substring(4));
          }
          break;
        default:
          item.fields.put(el, text);
      }
    }
    return item;
  }

  /** One ReportItem's content, turned into an observation once the host is known. */
  private static final class Item {
    Integer port;
    String protocol;
    String service;
    String pluginId;
    String name;
    String family;
    Severity severity;
    final List<String> cves = new ArrayList<>();
    final List<String> cwes = new ArrayList<>();
    final Map<String, String> fields = new HashMap<>();

    Observation toObservation(AssetRef asset, Instant seen) {
      String title = name != null ? name : fields.getOrDefault("plugin_name", "Nessus plugin " + pluginId);
      Weakness weakness = new Weakness(kind(), "nessus:" + pluginId, title, Texts.cves(cves), Texts.cwes(cwes));
      Cvss cvss = new Cvss(
          Texts.cvss2Vector(fields.get("cvss_vector")), Texts.decimal(fields.get("cvss_base_score")),
          Texts.cvssVector(fields.get("cvss3_vector"), "CVSS:3.1"), Texts.decimal(fields.get("cvss3_base_score")),
          Texts.cvssVector(fields.get("cvss4_vector"), "CVSS:4.0"), Texts.decimal(fields.get("cvss4_base_score")));
      String solution = fields.get("solution");
      if ("n/a".equalsIgnoreCase(solution)) {
        solution = null;
      }
      String description = fields.get("synopsis") == null
          ? fields.get("description")
          : fields.get("synopsis") + (fields.containsKey("description") ? "\n\n" + fields.get("description") : "");
      String toolSeverity = fields.getOrDefault("risk_factor", severity.label());
      // Nessus 8.10+ rates by CVSS v3 when a plugin has it ("severity base"); the severity attribute
      // still carries the v2 rating, so the v3 score wins where both exist.
      Severity rated = cvss.v3Score() != null ? Severity.fromCvssScore(cvss.v3Score()) : severity;
      return new Observation(asset, weakness, Location.port(port, protocol, service), rated, toolSeverity,
          cvss, description, solution, fields.get("plugin_output"), seen);
    }

    private WeaknessKind kind() {
      String lowerName = name == null ? "" : name.toLowerCase(Locale.ROOT);
      if ("true".equalsIgnoreCase(fields.get("unsupported_by_vendor"))
          || lowerName.contains("unsupported") || lowerName.contains("seol")) {
        return WeaknessKind.UNSUPPORTED_SOFTWARE;
      }
      if (family != null && family.toLowerCase(Locale.ROOT).contains("compliance")) {
        return WeaknessKind.MISCONFIGURATION;
      }
      if ("Port scanners".equals(family)) {
        return WeaknessKind.EXPOSURE_OF_SERVICE;
      }
      if (severity == Severity.INFO && cves.isEmpty()) {
        return WeaknessKind.INFORMATIONAL;
      }
      return WeaknessKind.VULNERABILITY;
    }
  }
}
