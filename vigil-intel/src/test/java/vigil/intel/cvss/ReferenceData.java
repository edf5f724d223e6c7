package vigil.intel.cvss;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

/** The shared CVSS reference data ({@code <vigil.data>/cvss}, see its README) as rows of cells. */
final class ReferenceData {
  private ReferenceData() {}

  /** One data row: its 1-based line number in the file and its tab-separated cells. */
  record Row(int line, List<String> cells) {
    String cell(int column) {
      return column < cells.size() ? cells.get(column) : "";
    }
  }

  /**
   * The data folder: system property {@code vigil.data}, else {@code ../../shared/data} from the
   * module.
   */
  static Path root() {
    String property = System.getProperty("vigil.data");
    if (property != null && !property.isBlank() && Files.isDirectory(Paths.get(property))) {
      return Paths.get(property);
    }
    Path fallback = Paths.get("").toAbsolutePath().resolve("../../shared/data").normalize();
    if (Files.isDirectory(fallback)) {
      return fallback;
    }
    throw new IllegalStateException(
        "CVSS reference data not found: set -Dvigil.data=<shared/data>");
  }

  static Path file(String name) {
    return root().resolve("cvss").resolve(name);
  }

  /** The rows of a TSV file after its header. */
  static List<Row> rows(String name) {
    try {
      List<String> lines = Files.readAllLines(file(name));
      List<Row> rows = new ArrayList<>();
      for (int i = 1; i < lines.size(); i++) {
        if (!lines.get(i).isEmpty()) {
          rows.add(new Row(i + 1, List.of(lines.get(i).split("\t", -1))));
        }
      }
      return rows;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file(name), e);
    }
  }
}
