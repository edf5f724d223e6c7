package vigil.ingest.qualys;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
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
 * Qualys VM scan report XML ({@code ASSET_DATA_REPORT}): one observation per {@code VULN_INFO},
 * that is per host, QID and port, checked by QID. Every {@code HOST} counts as covered, and so do
 * the addresses the report lists as scanned without results.
 *
 * <p>Qualys severities 1 to 5 map one to one onto Info, Low, Medium, High and Critical (DefectDojo's
 * "legacy" mapping). DefectDojo's default folds 1-2 into Low and 4-5 into High, which loses the
 * difference between Qualys's two top levels, so Vigil does not follow it. The report's CVSS
 * scores are kept as reported and do not override the Qualys rating.
 */
public final class QualysParser implements ScanParser {
  private static final String ROOT = "ASSET_DATA_REPORT";
  private static final Severity[] BY_LEVEL = {
    Severity.INFO, Severity.LOW, Severity.MEDIUM, Severity.HIGH, Severity.CRITICAL
  };
  /** Larger "no results" ranges are target lists rather than hosts seen, and are not expanded. */
  static final int MAX_RANGE = 256;

  @Override
  public String format() {
    return "qualys";
  }

  @Override
  public String tool() {
    return "Qualys";
  }

  @Override
  public boolean sniff(Head head) {
    return head.isXml(ROOT);
  }

  /**
   * Reads the file twice: the knowledge base ({@code GLOSSARY}: title, severity, CVEs of each QID)
   * comes after the hosts that refer to it. The first pass keeps only the glossary, one entry per
   * distinct QID; the second streams the hosts.
   */
  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    Map<String, Glossary.Entry> glossary = Glossary.read(file, ROOT);
    try (XmlStream x = XmlStream.open(file)) {
      x.requireRoot(ROOT);
      Instant generated = null;
      while (x.nextChild(1)) {
        switch (x.name()) {
          case "HEADER":
            generated = readGenerated(x);
            break;
          case "HOST_LIST":
            int depth = x.depth();
            while (x.nextChild(depth)) {
              if (x.name().equals("HOST")) {
                readHost(x, glossary, generated, sink);
              } else {
                x.skip();
              }
            }
            break;
          case "APPENDICES":
            readNoResults(x, sink);
            break;
          default:
            x.skip();
        }
      }
      x.finish();
    }
  }

  private static Instant readGenerated(XmlStream x) throws ParseException {
    Instant generated = null;
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (x.name().equals("GENERATION_DATETIME")) {
        generated = Texts.instant(x.text());
      } else {
        x.skip();
      }
    }
    return generated;
  }

  private static void readHost(XmlStream x, Map<String, Glossary.Entry> glossary, Instant generated,
      ObservationSink sink) throws ParseException {
    AssetRef.Builder asset = AssetRef.builder(AssetKind.HOST);
    Map<String, String> props = new HashMap<>();
    List<Map<String, String>> vulns = new ArrayList<>();
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (x.name().equals("VULN_INFO_LIST")) {
        int listDepth = x.depth();
        while (x.nextChild(listDepth)) {
          if (x.name().equals("VULN_INFO")) {
            vulns.add(readVulnInfo(x));
          } else {
            x.skip();
          }
        }
      } else if (x.name().equals("ASSET_GROUPS") || x.name().equals("ASSET_TAGS")) {
        x.skip();
      } else {
        String name = x.name();
        String text = x.text();
        if (text != null) {
          props.put(name, text);
        }
      }
    }
    asset.name(props.getOrDefault("DNS", props.get("NETBIOS")));
    asset.host(props.get("IP"));
    asset.host(props.get("DNS"));
    asset.key(AssetKey.Type.NETBIOS, props.get("NETBIOS"));
    asset.key(AssetKey.Type.AGENT_ID, props.get("QG_HOSTID"));
    asset.key(AssetKey.Type.CLOUD_ID, props.get("EC2_INSTANCE_ID"));
    asset.attribute("os", props.get("OPERATING_SYSTEM"));
    asset.attribute("qualys-tracking-method", props.get("TRACKING_METHOD"));
    if (!asset.hasKeys()) {
      throw x.error("HOST without IP, DNS or NETBIOS name");
    }
    AssetRef host = asset.build();
    sink.covered(host);
    // Qualys's DTD puts the identifiers before VULN_INFO_LIST; the list is still read whole first so
    // that an export in another order keeps every observation on the full asset. One host's list
    // is small next to the file.
    for (Map<String, String> vuln : vulns) {
      // A fixed detection is what the scan no longer sees: coverage of the host closes it.
      if (!"Fixed".equalsIgnoreCase(vuln.get("VULN_STATUS"))) {
        sink.observation(toObservation(host, vuln, glossary, generated));
      }
    }
  }

  private static Map<String, String> readVulnInfo(XmlStream x) throws ParseException {
    Map<String, String> fields = new HashMap<>();
    int depth = x.depth();
    while (x.nextChild(depth)) {
      String name = x.name();
      if (name.equals("QID")) {
        fields.put("QID_ID", x.attr("id"));
      }
      String text = x.text();
      if (text != null) {
        fields.put(name, text);
      }
    }
    if (Glossary.qid(fields.get("QID"), fields.get("QID_ID")) == null) {
      throw x.error("VULN_INFO without a QID");
    }
    return fields;
  }

  private static Observation toObservation(AssetRef host, Map<String, String> vuln,
      Map<String, Glossary.Entry> glossary, Instant generated) {
    String qid = Glossary.qid(vuln.get("QID"), vuln.get("QID_ID"));
    Glossary.Entry entry = glossary.getOrDefault(qid, Glossary.Entry.missing(qid));
    WeaknessKind kind = "Ig".equals(vuln.get("TYPE")) ? WeaknessKind.INFORMATIONAL : WeaknessKind.VULNERABILITY;
    Weakness weakness = new Weakness(kind, "qualys:" + qid, entry.title, entry.cves, List.of());
    Integer level = Texts.integer(entry.severity);
    Severity severity = level != null && level >= 1 && level <= 5 ? BY_LEVEL[level - 1] : Severity.INFO;
    Location location = Location.port(Texts.integer(vuln.get("PORT")), vuln.get("PROTOCOL"), vuln.get("SERVICE"));
    Instant last = Texts.instant(vuln.get("LAST_FOUND"));
    return new Observation(host, weakness, location, severity, entry.severity, entry.cvss,
        entry.description, entry.solution, vuln.get("RESULT"), last != null ? last : generated);
  }

  /** The appendix's addresses that were scanned and gave no result: covered, with nothing found. */
  private static void readNoResults(XmlStream x, ObservationSink sink) throws ParseException {
    int depth = x.depth();
    while (x.nextDescendant(depth)) {
      if (x.name().equals("NO_RESULTS")) {
        int listDepth = x.depth();
        while (x.nextDescendant(listDepth)) {
          if (x.name().equals("RANGE")) {
            Map<String, String> range = new HashMap<>();
            int rangeDepth = x.depth();
            while (x.nextChild(rangeDepth)) {
              String name = x.name();
              range.put(name, x.text());
            }
            for (String ip : Ipv4Range.expand(range.get("START"), range.get("END"), MAX_RANGE)) {
              sink.covered(AssetRef.builder(AssetKind.HOST).host(ip).build());
            }
          } else if (x.name().equals("IP")) {
            String ip = x.text();
            if (ip != null) {
              sink.covered(AssetRef.builder(AssetKind.HOST).host(ip).build());
            }
          }
        }
      }
    }
  }
}
