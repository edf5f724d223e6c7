package vigil.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Normalises vulnerability and weakness identifiers (CVE, CWE, GHSA). */
public final class Ids {
  private static final Pattern CVE = Pattern.compile("(?i)CVE-(\\d{4})-(\\d{4,})");
  private static final Pattern CWE = Pattern.compile("(?i)^\\s*(?:CWE)?[-: ]?(\\d{1,5})\\s*$");
  private static final Pattern GHSA = Pattern.compile("(?i)GHSA(-[23456789cfghjmpqrvwx]{4}){3}");

  private Ids() {}

  /** "cve-2021-44228" → "CVE-2021-44228"; {@code null} when the text holds no CVE id. */
  public static String cve(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = CVE.matcher(text);
    return m.find() ? "CVE-" + m.group(1) + "-" + m.group(2) : null;
  }

  /** True when the whole text is one CVE id. */
  public static boolean isCve(String text) {
    return text != null && CVE.matcher(text.trim()).matches();
  }

  /** "79", "CWE-79", "cwe:79" → "CWE-79"; {@code null} otherwise. */
  public static String cwe(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = CWE.matcher(text);
    return m.matches() ? "CWE-" + Integer.parseInt(m.group(1)) : null;
  }

  /** A GitHub advisory id in upper-case prefix form, or {@code null}. */
  public static String ghsa(String text) {
    if (text == null) {
      return null;
    }
    Matcher m = GHSA.matcher(text);
    return m.find() ? "GHSA" + m.group(0).substring(4).toLowerCase(Locale.ROOT) : null;
  }
}
