package vigil.intel.feeds.io;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import vigil.intel.feeds.FeedException;
import vigil.model.Ids;

/**
 * Named fields of one record (a JSON object or a CSV row) with typed access; every conversion
 * failure is a {@link FeedException} naming the file, the record's place and the field.
 */
public abstract class Fields {

  Fields() {}

  /** The trimmed text of a field, or {@code null} when it is absent, null or blank. */
  public abstract String text(String field) throws FeedException;

  /** An error about one field of this record. */
  public abstract FeedException error(String field, String problem);

  /** The text of a field that must be there. */
  public String required(String field) throws FeedException {
    String s = text(field);
    if (s == null) {
      throw error(field, "missing " + field);
    }
    return s;
  }

  /** A CVE id ("CVE-2024-3400"), required. */
  public String cve(String field) throws FeedException {
    String s = required(field);
    if (!Ids.isCve(s)) {
      throw error(field, "expected a CVE id (CVE-YYYY-NNNN), found '" + cut(s) + "'");
    }
    return Ids.cve(s);
  }

  /** An ISO date (YYYY-MM-DD), or {@code null} when absent. */
  public LocalDate date(String field) throws FeedException {
    String s = text(field);
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      throw error(field, "expected a date YYYY-MM-DD, found '" + cut(s) + "'");
    }
  }

  /** A required ISO date. */
  public LocalDate requiredDate(String field) throws FeedException {
    LocalDate d = date(field);
    if (d == null) {
      throw error(field, "missing " + field);
    }
    return d;
  }

  /**
   * An ISO-8601 timestamp, or {@code null} when absent. Timestamps without a zone (NVD, CVE JSON 5
   * {@code datePublished}) are UTC by those formats' definitions.
   */
  public Instant instant(String field) throws FeedException {
    String s = text(field);
    if (s == null) {
      return null;
    }
    Instant t = parseInstant(s);
    if (t == null) {
      throw error(field, "expected an ISO-8601 timestamp, found '" + cut(s) + "'");
    }
    return t;
  }

  /** A finite number, or {@code null} when absent; scientific notation ("5e-05") is accepted. */
  public Double number(String field) throws FeedException {
    String s = text(field);
    if (s == null) {
      return null;
    }
    try {
      double d = Double.parseDouble(s);
      if (Double.isFinite(d)) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below with the place
    }
    throw error(field, "expected a number, found '" + cut(s) + "'");
  }

  /** A required number within [min, max]. */
  public double number(String field, double min, double max) throws FeedException {
    Double d = number(field);
    if (d == null) {
      throw error(field, "missing " + field);
    }
    if (d < min || d > max) {
      throw error(field, "expected a number in [" + min + ", " + max + "], found " + d);
    }
    return d;
  }

  /** Parses ISO-8601 with or without zone (no zone means UTC); {@code null} when it is not one. */
  public static Instant parseInstant(String s) {
    try {
      return OffsetDateTime.parse(s).toInstant();
    } catch (DateTimeParseException e) {
      try {
        return LocalDateTime.parse(s).toInstant(ZoneOffset.UTC);
      } catch (DateTimeParseException e2) {
        return null;
      }
    }
  }

  /** A value cut for a message. */
  static String cut(String s) {
    return s.length() > 60 ? s.substring(0, 60) + "…" : s;
  }
}
