package vigil.ingest.burp;

import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
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
 * Burp Suite Scanner XML ({@code <issues burpVersion=..>}): one observation per {@code <issue>},
 * on the HOST of the issue's URL, located at its port and URL path. Requests and responses are
 * never kept whole: only the first request line of an issue goes into the evidence, and responses
 * are skipped unread, so memory stays flat on multi-megabyte exports. The inline DOCTYPE Burp
 * writes (element and attribute declarations only) is read past by {@link XmlStream}, which still
 * refuses any DOCTYPE with entities.
 */
public final class BurpParser implements ScanParser {
  private static final String ROOT = "issues";
  /**
   * Burp's type for issues raised by extensions: many different issues share it, so their check id
   * carries the issue name too, or "Content Sniffing not disabled" and "Detailed Error Messages"
   * on one page would be one exposure.
   */
  private static final String EXTENSION_TYPE = "134217728";
  private static final Pattern CWE = Pattern.compile("(?i)CWE-(\\d{1,5})");
  private static final DateTimeFormatter EXPORT_TIME =
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss zzz yyyy", Locale.ROOT);
  /** Base64 characters decoded to find a request's first line. */
  private static final int REQUEST_HEAD = 4096;
  static final int MAX_EVIDENCE = 8 * 1024;

  @Override
  public String format() {
    return "burp";
  }

  @Override
  public String tool() {
    return "Burp Suite";
  }

  @Override
  public boolean sniff(Head head) {
    return head.isXml(ROOT) && head.contains("burpVersion");
  }

  @Override
  public void parse(ScanFile file, ObservationSink sink) throws ParseException, IOException {
    try (XmlStream x = XmlStream.open(file)) {
      x.requireRoot(ROOT);
      Instant exported = exportTime(x.attr("exportTime"));
      Set<AssetRef> covered = new HashSet<>();
      while (x.nextChild(1)) {
        if (x.name().equals("issue")) {
          Observation o = readIssue(x).toObservation(x, exported);
          if (covered.add(o.asset())) {
            sink.covered(o.asset());
          }
          sink.observation(o);
        } else {
          x.skip();
        }
      }
      x.finish();
    }
  }

  /** "Sat Sep 13 22:39:44 CEST 2014", as Burp writes it; {@code null} when unreadable. */
  static Instant exportTime(String text) {
    if (text == null) {
      return null;
    }
    try {
      return ZonedDateTime.parse(text.trim().replaceAll("\\s+", " "), EXPORT_TIME).toInstant();
    } catch (DateTimeParseException e) {
      return Texts.instant(text);
    }
  }

  private static Issue readIssue(XmlStream x) throws ParseException {
    Issue issue = new Issue();
    int depth = x.depth();
    while (x.nextChild(depth)) {
      switch (x.name()) {
        case "host":
          issue.ip = x.attr("ip");
          issue.host = x.text();
          break;
        case "issueDetailItems":
          int items = x.depth();
          while (x.nextChild(items)) {
            String item = x.text();
            if (item != null) {
              issue.detailItems.add(item);
            }
          }
          break;
        case "requestresponse":
          if (issue.request == null) {
            issue.request = firstRequestLine(x);
          } else {
            x.skip();
          }
          break;
        case "collaboratorEvent":
          x.skip();
          break;
        default:
          issue.field(x.name(), x.text());
      }
    }
    return issue;
  }

  /** The request line ("POST /basket.jsp HTTP/1.1") of a requestresponse; the response is skipped. */
  private static String firstRequestLine(XmlStream x) throws ParseException {
    String line = null;
    int depth = x.depth();
    while (x.nextChild(depth)) {
      if (x.name().equals("request") && line == null) {
        boolean base64 = "true".equalsIgnoreCase(x.attr("base64"));
        String text = x.text();
        if (text != null) {
          line = base64 ? decodeHead(text) : text;
          int eol = line.indexOf('\n');
          line = (eol < 0 ? line : line.substring(0, eol)).strip();
        }
      } else {
        x.skip();
      }
    }
    return line == null || line.isEmpty() ? null : line;
  }

  private static String decodeHead(String base64) {
    String s = base64.replaceAll("\\s+", "");
    s = s.substring(0, Math.min(s.length(), REQUEST_HEAD) / 4 * 4);
    try {
      return new String(Base64.getDecoder().decode(s), StandardCharsets.ISO_8859_1);
    } catch (IllegalArgumentException e) {
      return "";
    }
  }

  /** One {@code <issue>}'s content. */
  private static final class Issue {
    String serial;
    String type;
    String name;
    String host;
    String ip;
    String path;
    String location;
    String severity;
    String confidence;
    String background;
    String remediationBackground;
    String detail;
    String remediationDetail;
    String references;
    String classifications;
    String request;
    final List<String> detailItems = new ArrayList<>();

    void field(String element, String text) {
      switch (element) {
        case "serialNumber":
          serial = text;
          break;
        case "type":
          type = text;
          break;
        case "name":
          name = text;
          break;
        case "path":
          path = text;
          break;
        case "location":
          location = text;
          break;
        case "severity":
          severity = text;
          break;
        case "confidence":
          confidence = text;
          break;
        case "issueBackground":
          background = text;
          break;
        case "remediationBackground":
          remediationBackground = text;
          break;
        case "issueDetail":
          detail = text;
          break;
        case "remediationDetail":
          remediationDetail = text;
          break;
        case "references":
          references = text;
          break;
        case "vulnerabilityClassifications":
          classifications = text;
          break;
        default:
          break;
      }
    }

    Observation toObservation(XmlStream x, Instant exported) throws ParseException {
      if (type == null) {
        throw x.error("issue " + (serial == null ? "" : serial + " ") + "without a <type>");
      }
      Severity rated = Severity.fromWord(severity);
      if (rated == null) {
        throw x.error("issue " + serial + ": unknown severity '" + severity + "'");
      }
      String title = name != null ? name : "Burp issue " + type;
      String check = "burp:" + type + (EXTENSION_TYPE.equals(type) && name != null ? ":" + slug(name) : "");
      List<String> cves = Texts.cves(Arrays.asList(name, detail, String.join(" ", detailItems)));
      Weakness weakness = new Weakness(rated == Severity.INFO ? WeaknessKind.INFORMATIONAL : WeaknessKind.VULNERABILITY,
          check, title, cves, cwes());
      Target target = Target.of(x, host, ip);
      Location where = new Location(target.port, "tcp", target.scheme, null, null, null, urlPath(path), null);
      return new Observation(target.asset, weakness, where, rated, severity, Cvss.NONE,
          join(Html.toText(background), Html.toText(detail)),
          join(join(Html.toText(remediationBackground), Html.toText(remediationDetail)), Html.toText(references)),
          evidence(), exported);
    }

    private List<String> cwes() {
      List<String> out = new ArrayList<>();
      if (classifications != null) {
        Matcher m = CWE.matcher(classifications);
        while (m.find()) {
          out.add(Ids.cwe(m.group(1)));
        }
      }
      return Texts.cwes(out);
    }

    private String evidence() {
      StringBuilder sb = new StringBuilder();
      line(sb, "location", location);
      line(sb, "confidence", confidence);
      line(sb, "serial", serial);
      line(sb, "request", request);
      for (String item : detailItems) {
        line(sb, "detail", item);
      }
      String s = sb.toString().strip();
      return s.length() <= MAX_EVIDENCE ? s : s.substring(0, MAX_EVIDENCE) + " …";
    }

    private static void line(StringBuilder sb, String label, String value) {
      if (value != null && sb.length() < MAX_EVIDENCE) {
        sb.append(label).append(": ").append(value).append('\n');
      }
    }
  }

  /** The host, port and scheme of an issue's {@code <host>} URL ("http://bwa"). */
  private static final class Target {
    final AssetRef asset;
    final Integer port;
    final String scheme;

    private Target(AssetRef asset, Integer port, String scheme) {
      this.asset = asset;
      this.port = port;
      this.scheme = scheme;
    }

    static Target of(XmlStream x, String url, String ip) throws ParseException {
      String host = null;
      String scheme = "http";
      Integer port = null;
      if (url != null) {
        String withScheme = url.contains("://") ? url : "http://" + url;
        try {
          URI uri = new URI(withScheme);
          host = uri.getHost();
          scheme = uri.getScheme() == null ? "http" : uri.getScheme().toLowerCase(Locale.ROOT);
          port = uri.getPort() > 0 ? uri.getPort() : null;
        } catch (URISyntaxException e) {
          host = null;
        }
      }
      if (host == null) {
        host = ip;
      }
      if (host == null) {
        throw x.error("issue without a readable <host> URL or ip attribute (found '" + url + "')");
      }
      if (port == null) {
        port = "https".equals(scheme) ? 443 : 80;
      }
      AssetRef asset = AssetRef.builder(AssetKind.HOST).name(host).host(host)
          .attribute("ip", ip).attribute("url", url).build();
      return new Target(asset, port, scheme);
    }
  }

  /** The URL path without query or fragment, "/" when empty. */
  static String urlPath(String path) {
    if (path == null) {
      return "/";
    }
    String s = path.trim();
    int q = s.indexOf('?');
    if (q >= 0) {
      s = s.substring(0, q);
    }
    int f = s.indexOf('#');
    if (f >= 0) {
      s = s.substring(0, f);
    }
    if (s.isEmpty()) {
      return "/";
    }
    return s.startsWith("/") ? s : "/" + s;
  }

  private static String slug(String name) {
    String s = name.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-");
    return s.replaceAll("^-+|-+$", "");
  }

  private static String join(String a, String b) {
    if (a == null) {
      return b;
    }
    return b == null ? a : a + "\n\n" + b;
  }
}
