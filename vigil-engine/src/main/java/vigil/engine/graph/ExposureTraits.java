package vigil.engine.graph;

import java.util.HashMap;
import java.util.Map;
import vigil.intel.cvss.CvssCalculator;

/**
 * What the attack graph reads from a CVSS vector: the exploitability metrics that decide a rule's
 * preconditions (attack vector, complexity, privileges, user interaction) and the impact that
 * decides the privilege gained: all of C/I/A high (or a scope change with C and I high) is full
 * control (admin); C or I high is code as a user; anything less gives no foothold.
 *
 * <p>Codes index the filter vocabularies of {@link FactType#EXPOSURE}: av N A L P, ac L H,
 * pr N L H, ui N R, impact full partial none.
 */
record ExposureTraits(int av, int ac, int pr, int ui, int impact) {
  static final int IMPACT_FULL = 0;
  static final int IMPACT_PARTIAL = 1;
  static final int IMPACT_NONE = 2;

  /** Parses a v2, v3.x or v4.0 vector (validated by {@link CvssCalculator}); throws with the reason. */
  static ExposureTraits parseVector(String vector) {
    try {
      CvssCalculator.score(vector);
    } catch (RuntimeException e) {
      throw new IllegalArgumentException("invalid CVSS vector '" + vector + "': " + e.getMessage(), e);
    }
    String v = vector.strip();
    boolean v4 = v.startsWith("CVSS:4.0/");
    boolean v3 = v.startsWith("CVSS:3.");
    if (!v3 && !v4) {
      v = v.replace("CVSS2#", "").replace("(", "").replace(")", "");
    }
    Map<String, String> m = new HashMap<>();
    for (String part : v.split("/")) {
      int colon = part.indexOf(':');
      if (colon > 0 && !part.startsWith("CVSS")) {
        m.put(part.substring(0, colon), part.substring(colon + 1));
      }
    }
    String av = m.get("AV");
    String ac;
    String pr;
    String ui;
    String c;
    String i;
    String a;
    boolean scopeChanged;
    if (v4) {
      ac = "H".equals(m.get("AT")) || "P".equals(m.get("AT")) ? "H" : m.get("AC");
      pr = m.get("PR");
      ui = "N".equals(m.get("UI")) ? "N" : "R";
      c = m.get("VC");
      i = m.get("VI");
      a = m.get("VA");
      scopeChanged = "H".equals(m.get("SC")) || "H".equals(m.get("SI")) || "H".equals(m.get("SA"));
    } else if (v3) {
      ac = m.get("AC");
      pr = m.get("PR");
      ui = m.get("UI");
      c = m.get("C");
      i = m.get("I");
      a = m.get("A");
      scopeChanged = "C".equals(m.get("S"));
    } else {
      ac = "L".equals(m.get("AC")) ? "L" : "H";
      String au = m.get("Au");
      pr = "N".equals(au) ? "N" : "S".equals(au) ? "L" : "H";
      ui = "N";
      c = v2Impact(m.get("C"));
      i = v2Impact(m.get("I"));
      a = v2Impact(m.get("A"));
      scopeChanged = false;
    }
    boolean ch = "H".equals(c);
    boolean ih = "H".equals(i);
    int impact = ch && ih && ("H".equals(a) || scopeChanged) ? IMPACT_FULL : ch || ih ? IMPACT_PARTIAL : IMPACT_NONE;
    return new ExposureTraits(code("NALP", av), code("LH", ac), code("NLH", pr), code("NR", ui), impact);
  }

  boolean lowComplexity() {
    return ac == 0;
  }

  /** "AV:N/PR:N/UI:N, full impact", for explanations. */
  String summary() {
    return "AV:" + "NALP".charAt(av) + "/AC:" + "LH".charAt(ac) + "/PR:" + "NLH".charAt(pr) + "/UI:" + "NR".charAt(ui);
  }

  private static String v2Impact(String value) {
    return "C".equals(value) ? "H" : "P".equals(value) ? "L" : "N";
  }

  private static int code(String letters, String value) {
    int i = value == null || value.length() != 1 ? -1 : letters.indexOf(value.charAt(0));
    if (i < 0) {
      throw new IllegalArgumentException("unexpected CVSS value '" + value + "' (expected one of " + letters + ")");
    }
    return i;
  }
}
