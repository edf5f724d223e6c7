package vigil.intel.feeds;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * The shared threat-intelligence data ({@code shared/data}): system property {@code vigil.data},
 * else {@code ../../shared/data} from the module directory, else the nearest {@code shared/data}
 * beside a parent. Tests fail, not skip, when it is missing.
 */
public final class FeedData {

  private FeedData() {}

  public static Path root() {
    String prop = System.getProperty("vigil.data");
    if (prop != null && !prop.isBlank() && Files.isDirectory(Paths.get(prop))) {
      return Paths.get(prop);
    }
    Path fromModule = Paths.get("../../shared/data").toAbsolutePath().normalize();
    if (Files.isDirectory(fromModule)) {
      return fromModule;
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared/data not found: set -Dvigil.data=/path/to/shared/data");
  }

  public static Path file(String relative) {
    Path p = root().resolve(relative);
    if (!Files.isRegularFile(p)) {
      throw new IllegalStateException("missing feed file " + p);
    }
    return p;
  }

  /** The decompressed content of a data file (gzipped or not). */
  public static byte[] content(String relative) {
    try (InputStream raw = Files.newInputStream(file(relative))) {
      byte[] bytes = raw.readAllBytes();
      if (bytes.length > 1 && bytes[0] == (byte) 0x1f && bytes[1] == (byte) 0x8b) {
        try (InputStream in = new GZIPInputStream(new java.io.ByteArrayInputStream(bytes))) {
          return in.readAllBytes();
        }
      }
      return bytes;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static String text(String relative) {
    return new String(content(relative), StandardCharsets.UTF_8);
  }

  public static byte[] gzip(byte[] content) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** Writes {@code text} to a file named {@code name} in {@code dir}. */
  public static Path write(Path dir, String name, String text) {
    return write(dir, name, text.getBytes(StandardCharsets.UTF_8));
  }

  public static Path write(Path dir, String name, byte[] content) {
    try {
      return Files.write(dir.resolve(name), content);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The first {@code length} bytes of a data file as stored (still gzipped if it is). */
  public static byte[] head(String relative, int length) {
    try (InputStream in = Files.newInputStream(file(relative))) {
      return in.readNBytes(length);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
