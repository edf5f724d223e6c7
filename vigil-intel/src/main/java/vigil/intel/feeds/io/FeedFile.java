package vigil.intel.feeds.io;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import vigil.intel.feeds.FeedException;

/**
 * A feed file on disk: its name for messages, and its content, gunzipped when the file starts with
 * the gzip magic bytes (feeds are published both ways, and file names are not trusted).
 */
public final class FeedFile {
  private static final int BUFFER = 64 * 1024;

  private final Path path;
  private final String name;

  private FeedFile(Path path) {
    this.path = Objects.requireNonNull(path, "path");
    this.name = path.toString();
  }

  public static FeedFile of(Path path) {
    return new FeedFile(path);
  }

  public String name() {
    return name;
  }

  /** Opens the content afresh, decompressed if gzipped. */
  public InputStream open() throws FeedException {
    InputStream raw = null;
    try {
      raw = new BufferedInputStream(Files.newInputStream(path), BUFFER);
      raw.mark(2);
      int b1 = raw.read();
      int b2 = raw.read();
      raw.reset();
      if (b1 == 0x1f && b2 == 0x8b) {
        return new GZIPInputStream(raw, BUFFER);
      }
      return raw;
    } catch (IOException e) {
      closeQuietly(raw, e);
      throw unreadable("", e);
    }
  }

  /**
   * The first character of the content that is not whitespace or a byte-order mark, or -1 for an
   * empty file: enough to tell a JSON object, a JSON array and a delimited text apart.
   */
  public int firstSignificantChar() throws FeedException {
    try (InputStream in = open()) {
      for (int i = 0; i < 4096; i++) {
        int b = in.read();
        if (b < 0) {
          return -1;
        }
        if (!Character.isWhitespace(b) && b != 0xEF && b != 0xBB && b != 0xBF) {
          return b;
        }
      }
      return -1;
    } catch (IOException e) {
      throw unreadable("line 1", e);
    }
  }

  /**
   * The first line of the content, cut to 80 chars, to quote in a message about a file of the
   * wrong kind. Only called after the file has been read once; should reading fail now, the message
   * goes without the quote rather than hide the real problem behind a read error.
   */
  public String firstLine() {
    try (InputStream in = open()) {
      String head = new String(in.readNBytes(200), StandardCharsets.UTF_8).strip();
      int nl = head.indexOf('\n');
      String line = nl < 0 ? head : head.substring(0, nl).strip();
      return line.length() > 80 ? line.substring(0, 80) + "…" : line;
    } catch (IOException | FeedException e) {
      return "";
    }
  }

  public FeedException error(String place, String problem) {
    return new FeedException(name, place, problem);
  }

  /**
   * An I/O failure while reading. Truncated or corrupt gzip shows up here (as EOF or a zip error),
   * so say so: it is the common case for a feed copied by hand to an air-gapped host.
   */
  public FeedException unreadable(String place, IOException e) {
    if (e instanceof NoSuchFileException) {
      return new FeedException(name, place, "no such file", e);
    }
    String hint = e instanceof EOFException || e instanceof ZipException
        ? " (truncated or corrupt gzip)"
        : "";
    return new FeedException(name, place, "cannot read: " + e.getMessage() + hint, e);
  }

  private static void closeQuietly(InputStream in, IOException primary) {
    if (in == null) {
      return;
    }
    try {
      in.close();
    } catch (IOException e) {
      primary.addSuppressed(e);
    }
  }

  @Override
  public String toString() {
    return name;
  }
}
