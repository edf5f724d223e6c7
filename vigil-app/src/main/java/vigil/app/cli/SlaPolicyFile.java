package vigil.app.cli;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import vigil.engine.mobilise.SlaPolicy;

/** The SLA policy named by {@code VIGIL_SLA_POLICY} (a properties file), else the defaults. */
public final class SlaPolicyFile {
  private SlaPolicyFile() {}

  public static SlaPolicy fromEnvironment() {
    return load(System.getenv("VIGIL_SLA_POLICY"));
  }

  /** The policy in {@code file}; null or blank means the defaults. */
  public static SlaPolicy load(String file) {
    if (file == null || file.isBlank()) {
      return SlaPolicy.defaults();
    }
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(Path.of(file))) {
      p.load(r);
    } catch (IOException e) {
      throw new IllegalArgumentException("cannot read the SLA policy " + file + ": " + e.getMessage(), e);
    }
    return SlaPolicy.fromProperties(p, file);
  }
}
