package vigil.intel.feeds.io;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.csv.CSVException;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVParser;
import org.apache.commons.csv.CSVRecord;
import vigil.intel.feeds.FeedException;

/**
 * A CSV or TSV feed read row by row through Commons CSV, with a header row that must name the
 * columns a reader needs (others are ignored, order is free) and rows that must have as many
 * fields as the header. Lines before the header (the EPSS comment line) are read by the caller
 * with {@link #readLine()} first; line numbers in errors count them.
 */
public final class DelimitedFeed implements AutoCloseable {
  /** RFC 4180 CSV (KEV, EPSS): quoted fields may hold commas, quotes and newlines. */
  public static final CSVFormat CSV = CSVFormat.RFC4180.builder().get();
  /**
   * Tab-separated as the vulnrichment and CAPEC tables are written: no quoting at all, so a
   * {@code "} in a name is text, not the start of a quoted field.
   */
  public static final CSVFormat TSV = CSVFormat.TDF.builder()
      .setQuote(null)
      .setIgnoreSurroundingSpaces(false)
      .setTrim(false)
      .setIgnoreEmptyLines(true)
      .get();

  /** What to do with each row. */
  @FunctionalInterface
  public interface RowHandler {
    void accept(Row row) throws FeedException;
  }

  private final FeedFile file;
  private final CSVFormat format;
  private final BufferedReader reader;
  private long linesBefore;

  private DelimitedFeed(FeedFile file, CSVFormat format, BufferedReader reader) {
    this.file = file;
    this.format = format;
    this.reader = reader;
  }

  public static DelimitedFeed open(FeedFile file, CSVFormat format) throws FeedException {
    return new DelimitedFeed(file, format,
        new BufferedReader(new InputStreamReader(file.open(), StandardCharsets.UTF_8), 64 * 1024));
  }

  /** Reads one raw line ahead of the CSV part (without its line ending), or {@code null} at the end. */
  public String readLine() throws FeedException {
    try {
      String line = reader.readLine();
      if (line != null) {
        linesBefore++;
      }
      return line;
    } catch (IOException e) {
      throw file.unreadable("line " + (linesBefore + 1), e);
    }
  }

  /**
   * Reads the header row, checks it names every column in {@code required} ({@code what} names
   * the expected file in the message), then hands on each row; returns the number of rows.
   */
  public long forEachRow(String what, List<String> required, RowHandler handler) throws FeedException {
    CSVParser parser;
    try {
      parser = CSVParser.builder().setReader(reader).setFormat(format).get();
    } catch (IOException | UncheckedIOException e) {
      throw file.unreadable("line " + (linesBefore + 1), unwrap(e));
    }
    Iterator<CSVRecord> it = parser.iterator();
    long headerLine = linesBefore + 1;
    CSVRecord header = nextRecord(parser, it, headerLine);
    Map<String, Integer> columns = header == null ? Map.of() : columns(header);
    if (header == null || !columns.keySet().containsAll(required)) {
      throw file.error("line " + headerLine, "expected " + what + " with a header row naming "
          + String.join(", ", required) + ", found '" + (header == null ? "" : cut(String.join(",", header.values()))) + "'");
    }
    long rows = 0;
    while (true) {
      long line = linesBefore + parser.getCurrentLineNumber() + 1;
      CSVRecord record = nextRecord(parser, it, line);
      if (record == null) {
        return rows;
      }
      if (record.size() != header.size()) {
        throw file.error("line " + line, "expected " + header.size() + " fields as in the header, found "
            + record.size() + " ('" + cut(String.join(format == TSV ? "\\t" : ",", record.values())) + "')");
      }
      handler.accept(new Row(file.name(), line, columns, record));
      rows++;
    }
  }

  private CSVRecord nextRecord(CSVParser parser, Iterator<CSVRecord> it, long line) throws FeedException {
    try {
      return it.hasNext() ? it.next() : null;
    } catch (UncheckedIOException e) {
      // Commons CSV reports malformed CSV (EOF inside a quoted field, text after a closing quote)
      // as a CSVException, an IOException; other IOExceptions are read failures.
      if (e.getCause() instanceof CSVException csv) {
        throw file.error("line " + line, "invalid CSV: " + csv.getMessage());
      }
      throw file.unreadable("line " + line, e.getCause());
    }
  }

  private static Map<String, Integer> columns(CSVRecord header) {
    Map<String, Integer> out = new LinkedHashMap<>();
    List<String> names = new ArrayList<>(header.toList());
    for (int i = 0; i < names.size(); i++) {
      String name = names.get(i).strip();
      if (i == 0 && name.startsWith("\uFEFF")) {
        name = name.substring(1);
      }
      out.putIfAbsent(name, i);
    }
    return out;
  }

  private static IOException unwrap(Exception e) {
    if (e instanceof IOException io) {
      return io;
    }
    return ((UncheckedIOException) e).getCause();
  }

  private static String cut(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }

  @Override
  public void close() throws FeedException {
    try {
      reader.close();
    } catch (IOException e) {
      throw file.unreadable("", e);
    }
  }
}
