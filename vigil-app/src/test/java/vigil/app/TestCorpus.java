package vigil.app;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;

/** The shared corpus, for tests of this module. */
public final class TestCorpus {
  private TestCorpus() {}

  /** A file of ../shared/data (or -Dvigil.data). */
  public static Path data(String relative) {
    String prop = System.getProperty("vigil.data");
    Path root = prop != null && !prop.isBlank() ? Paths.get(prop) : Paths.get("../../shared/data");
    return root.resolve(relative);
  }

  public static Path file(String relative) {
    String prop = System.getProperty("vigil.corpus");
    Path root = prop != null && !prop.isBlank() ? Paths.get(prop) : Paths.get("../../shared/corpus");
    Path p = root.resolve(relative);
    if (!Files.exists(p)) {
      throw new IllegalStateException("corpus file missing: " + p);
    }
    return p;
  }
}
