package vigil.store.risk;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.Properties;
import vigil.engine.risk.RiskWeights;

/**
 * Where the risk weights come from: a properties file named by {@code -Dvigil.risk.weights} or
 * {@code VIGIL_RISK_WEIGHTS}, else the defaults (ADR 006). After changing it, run {@code vigil
 * rescore}.
 */
public final class RiskSettings {
  private RiskSettings() {}

  public static RiskWeights weights() {
    String file = System.getProperty("vigil.risk.weights", System.getenv("VIGIL_RISK_WEIGHTS"));
    if (file == null || file.isBlank()) {
      return RiskWeights.DEFAULT;
    }
    return load(Paths.get(file));
  }

  static RiskWeights load(Path file) {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(file)) {
      p.load(r);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read risk weights " + file + ": " + e.getMessage(), e);
    }
    try {
      return RiskWeights.fromProperties(p);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(file + ": " + e.getMessage(), e);
    }
  }
}
