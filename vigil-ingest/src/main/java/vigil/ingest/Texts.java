package vigil.ingest;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import vigil.model.Ids;

/** Small text normalisations every parser needs: numbers, dates, id lists. */
public final class Texts {
  private static final List<DateTimeFormatter> LOCAL_FORMATS = List.of(
      DateTimeFormatter.ISO_LOCAL_DATE_TIME,
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss[.SSSSSS][.SSS]", Locale.ROOT),
      DateTimeFormatter.ofPattern("EEE MMM d HH:mm:ss yyyy", Locale.ROOT),
      DateTimeFormatter.ofPattern("EEE, dd MMM yyyy HH:mm:ss", Locale.ROOT),
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss[SSS]", Locale.ROOT));

  /** Separators of id lists ("CVE-1, CVE-2; CVE-3"); compiled once: parsers call this per finding. */
  private static final java.util.regex.Pattern LIST_SEPARATOR = java.util.regex.Pattern.compile("[,;\\s]+");

  private Texts() {}

  /** Null for blank text, else trimmed text. */
  public static String blankToNull(String s) {
    if (s == null) {
      return null;
    }
    String t = s.trim();
    return t.isEmpty() ? null : t;
  }

  public static Integer integer(String s) {
    String t = blankToNull(s);
    if (t == null) {
      return null;
    }
    try {
      return Integer.valueOf(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  public static Double decimal(String s) {
    String t = blankToNull(s);
    if (t == null) {
      return null;
    }
    try {
      return Double.valueOf(t);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  /**
   * Reads the timestamps tools write: ISO-8601 with or without offset, epoch seconds, "Wed Mar 23
   * 15:07:52 2022" (Nessus), and a few others. Times without a zone are taken as UTC. Returns
   * {@code null} for text it cannot read: a bad date is not worth refusing a scan for.
   */
  public static Instant instant(String s) {
    String t = blankToNull(s);
    if (t == null) {
      return null;
    }
    t = t.replaceAll("\\s+", " ");
    if (t.matches("\\d{9,10}")) {
      return Instant.ofEpochSecond(Long.parseLong(t));
    }
    if (t.matches("\\d{12,13}")) {
      return Instant.ofEpochMilli(Long.parseLong(t));
    }
    try {
      return OffsetDateTime.parse(t.replace(' ', 'T').replace("Z", "+00:00")).toInstant();
    } catch (DateTimeParseException ignored) {
      // try the local forms below
    }
    try {
      return Instant.parse(t);
    } catch (DateTimeParseException ignored) {
      // try the local forms below
    }
    for (DateTimeFormatter f : LOCAL_FORMATS) {
      try {
        return LocalDateTime.parse(t, f).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException ignored) {
        // next form
      }
    }
    if (t.matches("\\d{4}-\\d{2}-\\d{2}")) {
      return java.time.LocalDate.parse(t).atStartOfDay().toInstant(ZoneOffset.UTC);
    }
    return null;
  }

  /** Distinct CVE ids found in the given texts, in order. */
  public static List<String> cves(Iterable<String> texts) {
    Set<String> out = new LinkedHashSet<>();
    for (String t : texts) {
      if (t == null) {
        continue;
      }
      for (String part : LIST_SEPARATOR.split(t)) {
        String cve = Ids.cve(part);
        if (cve != null) {
          out.add(cve);
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** Distinct CWE ids found in the given texts ("79", "CWE-79"), in order. */
  public static List<String> cwes(Iterable<String> texts) {
    Set<String> out = new LinkedHashSet<>();
    for (String t : texts) {
      if (t == null) {
        continue;
      }
      for (String part : LIST_SEPARATOR.split(t)) {
        String cwe = Ids.cwe(part);
        if (cwe != null) {
          out.add(cwe);
        }
      }
    }
    return new ArrayList<>(out);
  }

  /** The text without a leading "CVSS2#" or "CVSS#" that some tools put before a v2 vector. */
  public static String cvss2Vector(String v) {
    String t = blankToNull(v);
    if (t == null) {
      return null;
    }
    t = t.replaceFirst("^CVSS2?#", "").replaceFirst("^\\(", "").replaceFirst("\\)$", "");
    return t.contains("AV:") ? t : null;
  }

  /** A v3.x or v4.0 vector as written, if it has the "CVSS:" prefix. */
  public static String cvssVector(String v, String versionPrefix) {
    String t = blankToNull(v);
    if (t == null) {
      return null;
    }
    if (!t.startsWith("CVSS:") && t.contains("AV:")) {
      t = versionPrefix + "/" + t;
    }
    return t.startsWith(versionPrefix.substring(0, 6)) ? t : null;
  }
}
