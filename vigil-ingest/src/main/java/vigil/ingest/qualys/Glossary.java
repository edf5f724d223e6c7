package vigil.ingest.qualys;

import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.Texts;
import vigil.ingest.xml.XmlStream;
import vigil.model.Cvss;

/** The report's knowledge base: what each QID is, read in a first pass over the file. */
final class Glossary {
  /** "9.3 (AV:N/AC:M/Au:N/C:C/I:C/A:C)", or a bare score. */
  private static final Pattern SCORE_AND_VECTOR = Pattern.compile("^\\s*([0-9.]+)\\s*(?:\\((.*)\\))?\\s*$");

  private Glossary() {}

  /** What the glossary says about one QID. */
  static final class Entry {
    final String title;
    final String severity;
    final List<String> cves;
    final Cvss cvss;
    final String description;
    final String solution;

    Entry(String title, String severity, List<String> cves, Cvss cvss, String description, String solution) {
      this.title = title;
      this.severity = severity;
      this.cves = cves;
      this.cvss = cvss;
      this.description = description;
      this.solution = solution;
    }

    /** A QID the glossary does not describe: kept, with its number as the title. */
    static Entry missing(String qid) {
      return new Entry("Qualys QID " + qid, null, List.of(), Cvss.NONE, null, null);
    }
  }

  /** The QID number from a {@code <QID id="qid_6">6</QID>}: its text, else its id without prefix. */
  static String qid(String text, String idAttribute) {
    String t = Texts.blankToNull(text);
    if (t != null) {
      return t;
    }
    String id = Texts.blankToNull(idAttribute);
    return id == null ? null : id.replaceFirst("(?i)^qid_", "");
  }

  static Map<String, Entry> read(ScanFile file, String root) throws ParseException, IOException {
    Map<String, Entry> entries = new HashMap<>();
    try (XmlStream x = XmlStream.open(file)) {
      x.requireRoot(root);
      while (x.nextChild(1)) {
        if (x.name().equals("GLOSSARY")) {
          int depth = x.depth();
          while (x.nextDescendant(depth)) {
            if (x.name().equals("VULN_DETAILS")) {
              String id = x.attr("id");
              Map<String, String> fields = new HashMap<>();
              List<String> cves = new ArrayList<>();
              readDetails(x, fields, cves);
              String qid = qid(fields.get("QID"), id);
              if (qid != null) {
                entries.put(qid, toEntry(fields, cves));
              }
            }
          }
        } else {
          x.skip();
        }
      }
      x.finish();
    }
    return entries;
  }

  private static void readDetails(XmlStream x, Map<String, String> fields, List<String> cves) throws ParseException {
    int depth = x.depth();
    while (x.nextChild(depth)) {
      switch (x.name()) {
        case "CVE_ID_LIST":
          int listDepth = x.depth();
          while (x.nextDescendant(listDepth)) {
            if (x.name().equals("ID")) {
              cves.add(x.text());
            }
          }
          break;
        case "CVSS_SCORE":
        case "CVSS3_SCORE":
          int scoreDepth = x.depth();
          while (x.nextChild(scoreDepth)) {
            String name = x.name();
            fields.put(name, x.text());
          }
          break;
        default:
          String name = x.name();
          String text = x.text();
          if (text != null) {
            fields.put(name, text);
          }
      }
    }
  }

  private static Entry toEntry(Map<String, String> f, List<String> cves) {
    String title = f.getOrDefault("TITLE", "Qualys QID " + f.get("QID"));
    String threat = Html.toText(f.get("THREAT"));
    String impact = Html.toText(f.get("IMPACT"));
    String description = threat;
    if (impact != null && !impact.equalsIgnoreCase("N/A")) {
      description = (threat == null ? "" : threat + "\n\n") + "Impact: " + impact;
    }
    String solution = Html.toText(f.get("SOLUTION"));
    if (solution != null && solution.equalsIgnoreCase("N/A")) {
      solution = null;
    }
    return new Entry(title, Texts.blankToNull(f.get("SEVERITY")), Texts.cves(cves), cvss(f), description, solution);
  }

  /**
   * Qualys writes a v3 vector without its "CVSS:3.x/" prefix; "CVSS:3.0" is assumed, as the reports
   * this parser was checked against predate 3.1 at Qualys.
   */
  static Cvss cvss(Map<String, String> f) {
    String[] v2 = scoreAndVector(f.get("CVSS_BASE"));
    String[] v3 = scoreAndVector(f.get("CVSS3_BASE"));
    return new Cvss(Texts.cvss2Vector(v2[1]), Texts.decimal(v2[0]),
        Texts.cvssVector(v3[1], "CVSS:3.0"), Texts.decimal(v3[0]), null, null);
  }

  private static String[] scoreAndVector(String text) {
    if (text == null) {
      return new String[2];
    }
    Matcher m = SCORE_AND_VECTOR.matcher(text);
    return m.matches() ? new String[] {m.group(1), m.group(2)} : new String[2];
  }
}
