package vigil.store;

import java.nio.file.Path;
import java.nio.file.Paths;

/** The shared corpus and feed data the tests read. */
public final class TestFiles {
  private TestFiles() {}

  /** A file of ../shared/corpus (or -Dvigil.corpus). */
  public static Path corpus(String relative) {
    return root("vigil.corpus", "../../shared/corpus").resolve(relative);
  }

  /** A file of ../shared/data (or -Dvigil.data). */
  public static Path data(String relative) {
    return root("vigil.data", "../../shared/data").resolve(relative);
  }

  private static Path root(String property, String fallback) {
    String prop = System.getProperty(property);
    return prop != null && !prop.isBlank() ? Paths.get(prop) : Paths.get(fallback);
  }
}
