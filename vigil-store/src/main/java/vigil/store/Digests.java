package vigil.store;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Content hashes: the idempotency key of imports and feeds. */
public final class Digests {
  private Digests() {}

  /** Opens a stream afresh. */
  @FunctionalInterface
  public interface Source {
    InputStream open() throws IOException;
  }

  /** SHA-256 of the whole content, hex. */
  public static String sha256(Source source) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = source.open()) {
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
