package vigil.app.cli;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * Secrets read from standard input (a token, a password, a secret value), so they stay out of the
 * process list and the shell history. Reads byte by byte up to a line's end, so that a token line
 * and a password line can follow each other on the same input.
 */
final class Stdin {
  private Stdin() {}

  /** The next line, without its line end; empty at the end of input. */
  static String line() {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    try {
      InputStream in = System.in;
      for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
        line.write(b);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
    }
    String s = line.toString(StandardCharsets.UTF_8);
    return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
  }

  /** The rest of the input, without one final line end (a value may span lines: a PEM key). */
  static String rest() {
    try {
      String s = new String(System.in.readAllBytes(), StandardCharsets.UTF_8);
      return s.endsWith("\r\n") ? s.substring(0, s.length() - 2) : s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read standard input: " + e.getMessage(), e);
    }
  }
}
