package vigil.intel.feeds.io;

import java.util.Map;
import org.apache.commons.csv.CSVRecord;
import vigil.intel.feeds.FeedException;

/** One CSV/TSV row, read by column name; errors name the file, the line and the column. */
public final class Row extends Fields {
  private final String file;
  private final long line;
  private final Map<String, Integer> columns;
  private final CSVRecord record;

  Row(String file, long line, Map<String, Integer> columns, CSVRecord record) {
    this.file = file;
    this.line = line;
    this.columns = columns;
    this.record = record;
  }

  public long line() {
    return line;
  }

  @Override
  public String text(String column) {
    Integer i = columns.get(column);
    if (i == null) {
      throw new IllegalArgumentException("no column " + column + " (the reader must require it)");
    }
    String s = record.get(i).trim();
    return s.isEmpty() ? null : s;
  }

  @Override
  public FeedException error(String column, String problem) {
    return new FeedException(file, "line " + line + (column == null ? "" : ", column " + column), problem);
  }
}
