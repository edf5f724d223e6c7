package vigil.ingest.nexpose;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.Texts;
import vigil.ingest.xml.XmlStream;
import vigil.model.Cvss;

/** The report's {@code VulnerabilityDefinitions}: what each test id is, read in a first pass. */
final class Definitions {
  private Definitions() {}

  /** One vulnerability definition. */
  static final class Definition {
    final String title;
    final String severity;
    final Cvss cvss;
    final List<String> cves;
    final String description;
    final String solution;

    Definition(String title, String severity, Cvss cvss, List<String> cves, String description, String solution) {
      this.title = title;
      this.severity = severity;
      this.cvss = cvss;
      this.cves = cves;
      this.description = description;
      this.solution = solution;
    }
  }

  /**
   * Definitions by lower-case id. XML export 2.0 lists them once after all nodes; older exports
   * nest them inside a node. Both are found, wherever they are.
   */
  static Map<String, Definition> read(ScanFile file, String root) throws ParseException, IOException {
    Map<String, Definition> out = new HashMap<>();
    try (XmlStream x = XmlStream.open(file)) {
      x.requireRoot(root);
      while (x.nextDescendant(1)) {
        if (x.name().equals("VulnerabilityDefinitions")) {
          int depth = x.depth();
          while (x.nextChild(depth)) {
            if (x.name().equals("vulnerability")) {
              String id = x.attr("id");
              Definition d = readVulnerability(x);
              if (id != null) {
                out.put(id.toLowerCase(Locale.ROOT), d);
              }
            } else {
              x.skip();
            }
          }
        }
      }
      x.finish();
    }
    return out;
  }

  private static Definition readVulnerability(XmlStream x) throws ParseException {
    String title = x.attr("title");
    String severity = x.attr("severity");
    Cvss cvss = new Cvss(Texts.cvss2Vector(x.attr("cvssVector")), Texts.decimal(x.attr("cvssScore")),
        Texts.cvssVector(x.attr("cvssV3Vector"), "CVSS:3.0"), Texts.decimal(x.attr("cvssV3Score")), null, null);
    List<String> cves = new ArrayList<>();
    String description = null;
    String solution = null;
    int depth = x.depth();
    while (x.nextChild(depth)) {
      switch (x.name()) {
        case "description":
          description = Prose.read(x);
          break;
        case "solution":
          solution = Prose.read(x);
          break;
        case "references":
          int refsDepth = x.depth();
          while (x.nextChild(refsDepth)) {
            boolean cve = "CVE".equalsIgnoreCase(x.attr("source"));
            String text = x.text();
            if (cve) {
              cves.add(text);
            }
          }
          break;
        default:
          x.skip();
      }
    }
    return new Definition(title, severity, cvss, Texts.cves(cves), description, solution);
  }
}
