package vigil.ingest.zap;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vigil.ingest.Head;
import vigil.ingest.Html;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.ScanParser;
import vigil.ingest.Texts;
import vigil.ingest.xml.XmlStream;
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
 * OWASP ZAP XML report ({@code OWASPZAPReport}, 2.9 to 2.16): one observation per {@code
 * alertitem} of a {@code site}, on the HOST of the site. ZAP reports an alert once per site with
 * its instances (URLs) beneath, so the instances go into the evidence, bounded, and the location
 * is the site's port with the URL path the instances share. Every {@code site} counts as covered.
 */
public final class ZapParser implements ScanParser {
  private static final String ROOT = "OWASPZAPReport";
  private static final Severity[] BY_RISK = {Severity.INFO, Severity.LOW, Severity.MEDIUM, Severity.HIGH};
  private static final String[] CONFIDENCE = {"False Positive", "Low", "Medium", "High", "Confirmed"};
  /** Instances listed in the evidence; the rest are counted. */
  static final int MAX_INSTANCES = 25;
  /** Longest evidence kept for one alert. */
  static final int MAX_EVIDENCE = 8 * 1024;

  @Override
  public String format() {
    return "zap";
  }

  @Override
  public String tool() {
    return "OWASP ZAP";
  }

  @Override
  public boolean sniff(Head head) {
    return head.isXml(ROOT);
  }

  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    try (XmlStream x = XmlStream.open(file)) {
      x.requireRoot(ROOT);
      Instant generated = Texts.instant(x.attr("generated"));
      while (x.nextChild(1)) {
        if (x.name().equals("site")) {
          readSite(x, generated, sink);
        } else {
          x.skip();
        }
      }
      x.finish();
    }
  }

  private static void readSite(XmlStream x, Instant generated, ObservationSink sink) throws ParseException {
    Site site = Site.of(x);
    sink.covered(site.asset);
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (x.name().equals("alerts")) {
        int alerts = x.depth();
        while (x.nextChild(alerts)) {
          if (x.name().equals("alertitem")) {
            sink.observation(readAlert(x).toObservation(site, generated));
          } else {
            x.skip();
          }
        }
      } else {
        x.skip();
      }
    }
  }

  private static Alert readAlert(XmlStream x) throws ParseException {
    Alert a = new Alert();
    int depth = x.depth();
    while (x.nextChild(depth)) {
      switch (x.name()) {
        case "instances":
          readInstances(x, a);
          break;
        case "tags":
          readTags(x, a);
          break;
        default:
          a.field(x.name(), x.text());
      }
    }
    if (a.pluginId == null) {
      throw x.error("alertitem without a <pluginid>");
    }
    Integer risk = Texts.integer(a.riskCode);
    if (risk == null || risk < 0 || risk > 3) {
      throw x.error("alertitem " + a.pluginId + ": riskcode must be 0 to 3, found '" + a.riskCode + "'");
    }
    a.severity = BY_RISK[risk];
    return a;
  }

  private static void readInstances(XmlStream x, Alert a) throws ParseException {
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (!x.name().equals("instance")) {
        x.skip();
        continue;
      }
      Instance i = new Instance();
      int instance = x.depth();
      while (x.nextChild(instance)) {
        switch (x.name()) {
          case "uri":
            i.uri = x.text();
            break;
          case "method":
            i.method = x.text();
            break;
          case "param":
            i.param = x.text();
            break;
          case "attack":
            i.attack = x.text();
            break;
          case "evidence":
            i.evidence = x.text();
            break;
          default:
            // Request and response headers and bodies (2.16) stay out: only the instance's place
            // and the matched evidence are kept.
            x.skip();
        }
      }
      a.add(i);
    }
  }

  private static void readTags(XmlStream x, Alert a) throws ParseException {
    int depth = x.depth();
    while (x.nextDescendant(depth)) {
      if (x.name().equals("tag") && x.depth() == depth + 2) {
        String tag = x.text();
        if (tag != null && tag.toUpperCase(Locale.ROOT).startsWith("CWE-")) {
          a.cwes.add(Ids.cwe(tag));
        }
      }
    }
  }

  /** The site an alert sits on: its host asset and its port and scheme. */
  private static final class Site {
    final AssetRef asset;
    final Integer port;
    final String service;

    private Site(AssetRef asset, Integer port, String service) {
      this.asset = asset;
      this.port = port;
      this.service = service;
    }

    static Site of(XmlStream x) throws ParseException {
      String name = x.attr("name");
      String host = x.attr("host");
      URI uri = uri(name);
      if (host == null && uri != null) {
        host = uri.getHost();
      }
      if (host == null) {
        throw x.error("site without a host attribute or a URL name");
      }
      boolean ssl = "true".equalsIgnoreCase(x.attr("ssl"))
          || (uri != null && "https".equalsIgnoreCase(uri.getScheme()));
      Integer port = Texts.integer(x.attr("port"));
      if (port == null) {
        port = uri != null && uri.getPort() > 0 ? uri.getPort() : ssl ? 443 : 80;
      }
      AssetRef asset = AssetRef.builder(AssetKind.HOST).name(host).host(host).attribute("url", name).build();
      return new Site(asset, port, ssl ? "https" : "http");
    }
  }

  /** One instance of an alert: a URL, a method and what ZAP matched there. */
  private static final class Instance {
    String uri;
    String method;
    String param;
    String attack;
    String evidence;

    String describe() {
      StringBuilder sb = new StringBuilder();
      sb.append(method == null ? "" : method + " ").append(uri == null ? "(no URI)" : uri);
      if (param != null) {
        sb.append(" [").append(param).append(']');
      }
      if (attack != null) {
        sb.append(" attack: ").append(attack);
      }
      if (evidence != null) {
        sb.append(" evidence: ").append(evidence);
      }
      return sb.toString().replaceAll("\\s*\\n\\s*", " ");
    }
  }

  /** One alertitem's content. */
  private static final class Alert {
    String pluginId;
    String alertRef;
    String title;
    String riskCode;
    String riskDesc;
    String confidence;
    String desc;
    String solution;
    String reference;
    String otherInfo;
    Integer count;
    Severity severity;
    final List<String> cwes = new ArrayList<>();
    final List<String> instances = new ArrayList<>();
    int instanceCount;
    /** URL path segments shared by every instance so far, or null before the first instance. */
    List<String> commonPath;
    boolean commonPathIsWhole = true;

    void field(String element, String text) {
      switch (element) {
        case "pluginid":
          pluginId = text;
          break;
        case "alertRef":
          alertRef = text;
          break;
        case "alert":
          title = text;
          break;
        case "name":
          if (title == null) {
            title = text;
          }
          break;
        case "riskcode":
          riskCode = text;
          break;
        case "riskdesc":
          riskDesc = text;
          break;
        case "confidence":
          confidence = text;
          break;
        case "desc":
          desc = Html.toText(text);
          break;
        case "solution":
          solution = Html.toText(text);
          break;
        case "reference":
          reference = Html.toText(text);
          break;
        case "otherinfo":
          otherInfo = Html.toText(text);
          break;
        case "count":
          count = Texts.integer(text);
          break;
        case "cweid":
          Integer cwe = Texts.integer(text);
          if (cwe != null && cwe > 0) {
            cwes.add("CWE-" + cwe);
          }
          break;
        default:
          break;
      }
    }

    void add(Instance i) {
      instanceCount++;
      if (instances.size() < MAX_INSTANCES) {
        instances.add(i.describe());
      }
      List<String> segments = segments(urlPath(i.uri));
      if (commonPath == null) {
        commonPath = segments;
        return;
      }
      int n = 0;
      while (n < commonPath.size() && n < segments.size() && commonPath.get(n).equals(segments.get(n))) {
        n++;
      }
      if (n < commonPath.size() || n < segments.size()) {
        commonPathIsWhole = false;
        commonPath = new ArrayList<>(commonPath.subList(0, n));
      }
    }

    /**
     * The path every instance shares: the instances' one path when they agree, else their common
     * directory ("/vulnerabilities/" for two pages below it, "/" at worst). Deterministic for a
     * given set of URLs, whatever their order, so a re-import lands on the same exposure.
     */
    String path() {
      if (commonPath == null) {
        return "/";
      }
      String joined = "/" + String.join("/", commonPath);
      if (commonPathIsWhole) {
        return joined;
      }
      return joined.endsWith("/") ? joined : joined + "/";
    }

    Observation toObservation(Site site, Instant seen) {
      String check = "zap:" + (alertRef != null ? alertRef : pluginId);
      String name = title != null ? title : "ZAP alert " + pluginId;
      WeaknessKind kind = severity == Severity.INFO ? WeaknessKind.INFORMATIONAL : WeaknessKind.VULNERABILITY;
      Weakness weakness = new Weakness(kind, check, name, List.of(), Texts.cwes(cwes));
      Location location = new Location(site.port, "tcp", site.service, null, null, null, path(), null);
      String fix = solution;
      if (reference != null) {
        fix = (fix == null ? "" : fix + "\n\n") + "References:\n" + reference;
      }
      return new Observation(site.asset, weakness, location, severity, riskDesc != null ? riskDesc : riskCode,
          Cvss.NONE, desc, fix, evidence(), seen);
    }

    private String evidence() {
      StringBuilder sb = new StringBuilder();
      int total = Math.max(instanceCount, count == null ? 0 : count);
      sb.append(total).append(total == 1 ? " instance" : " instances");
      Integer conf = Texts.integer(confidence);
      if (conf != null && conf >= 0 && conf < CONFIDENCE.length) {
        sb.append(", confidence ").append(CONFIDENCE[conf]);
      }
      sb.append(':');
      int listed = 0;
      for (String i : instances) {
        if (sb.length() + i.length() + 3 > MAX_EVIDENCE) {
          break;
        }
        sb.append("\n- ").append(i);
        listed++;
      }
      if (listed < total) {
        sb.append("\n- … and ").append(total - listed).append(" more");
      }
      if (otherInfo != null && sb.length() < MAX_EVIDENCE) {
        String more = "\n\n" + otherInfo;
        sb.append(more, 0, Math.min(more.length(), MAX_EVIDENCE - sb.length()));
      }
      return sb.toString();
    }
  }

  private static URI uri(String text) {
    if (text == null) {
      return null;
    }
    try {
      return new URI(text.trim());
    } catch (URISyntaxException e) {
      return null;
    }
  }

  /** The path of a URL without query or fragment; "/" when it has none or cannot be read. */
  static String urlPath(String url) {
    if (url == null) {
      return "/";
    }
    String s = url.trim();
    int scheme = s.indexOf("://");
    if (scheme >= 0) {
      int slash = s.indexOf('/', scheme + 3);
      s = slash < 0 ? "/" : s.substring(slash);
    }
    int cut = s.length();
    for (char c : new char[] {'?', '#'}) {
      int i = s.indexOf(c);
      if (i >= 0 && i < cut) {
        cut = i;
      }
    }
    s = s.substring(0, cut);
    return s.isEmpty() ? "/" : s;
  }

  /** "/a/b/" → [a, b, ""]: a trailing slash is kept as an empty last segment. */
  private static List<String> segments(String path) {
    List<String> out = new ArrayList<>(List.of(path.substring(1).split("/", -1)));
    if (out.size() == 1 && out.get(0).isEmpty()) {
      out.clear();
    }
    return out;
  }
}
