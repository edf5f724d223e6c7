package vigil.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;

/**
 * A file to read: a name for messages and a way to open it, possibly more than once (format
 * detection reads the head, the parser reads the whole).
 */
public final class ScanFile {

  /** Opens the content afresh. */
  @FunctionalInterface
  public interface Opener {
    InputStream open() throws IOException;
  }

  private final String name;
  private final Opener opener;
  private final String target;
  private final java.util.Map<String, String> options;

  public ScanFile(String name, Opener opener) {
    this(name, opener, null, java.util.Map.of());
  }

  private ScanFile(String name, Opener opener, String target, java.util.Map<String, String> options) {
    this.name = Objects.requireNonNull(name, "name");
    this.opener = Objects.requireNonNull(opener, "opener");
    this.target = target == null || target.isBlank() ? null : target.trim();
    this.options = java.util.Map.copyOf(options);
  }

  /**
   * The same file with the name of the asset it describes, for formats that do not name their
   * target (SARIF without version-control provenance, Semgrep, Gitleaks): {@code --target}.
   */
  public ScanFile withTarget(String newTarget) {
    return new ScanFile(name, opener, newTarget, options);
  }

  /** The same file with a format-specific option (e.g. the CMDB column mapping file). */
  public ScanFile withOption(String key, String value) {
    if (value == null) {
      return this;
    }
    java.util.Map<String, String> copy = new java.util.HashMap<>(options);
    copy.put(key, value);
    return new ScanFile(name, opener, target, copy);
  }

  /** A format-specific option, or {@code null}. */
  public String option(String key) {
    return options.get(key);
  }

  /**
   * The asset name the user gave, else the file's base name without extension ("app.sarif" →
   * "app"), so that the same report file name re-imported lands on the same asset.
   */
  public String target() {
    if (target != null) {
      return target;
    }
    String base = name.replace('\\', '/');
    base = base.substring(base.lastIndexOf('/') + 1);
    int dot = base.indexOf('.');
    return dot > 0 ? base.substring(0, dot) : base;
  }

  /** True when the user named the target explicitly. */
  public boolean hasExplicitTarget() {
    return target != null;
  }

  public static ScanFile of(Path path) {
    return new ScanFile(path.toString(), () -> Files.newInputStream(path));
  }

  public static ScanFile of(String name, byte[] content) {
    return new ScanFile(name, () -> new java.io.ByteArrayInputStream(content));
  }

  public String name() {
    return name;
  }

  public InputStream open() throws IOException {
    return opener.open();
  }

  /** Reads up to {@code max} bytes from the start of the file. */
  public byte[] head(int max) {
    try (InputStream in = open()) {
      return in.readNBytes(max);
    } catch (IOException e) {
      throw new UncheckedIOException(name + ": cannot read: " + e.getMessage(), e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
