package vigil.store.imports;

import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import vigil.ingest.Formats;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.ScanParser;
import vigil.store.Database;

/**
 * The import pipeline for one file: hash it, pick its parser (named, or detected from content),
 * and stream it through the {@link Importer} in one transaction.
 */
public final class FileImporter {
  private final Importer importer;

  public FileImporter(Database db) {
    this.importer = new Importer(db);
  }

  public FileImporter(Importer importer) {
    this.importer = importer;
  }

  /**
   * Imports a file.
   *
   * @param format the format name, or null to detect it from the content
   * @throws ParseException when the file is refused; nothing is stored then
   */
  public ImportResult importFile(ScanFile file, String format, String actor) throws ParseException, IOException {
    ScanParser parser = Formats.choose(file, format);
    String sha = sha256(file);
    ImportRequest request = new ImportRequest(file.name(), parser.format(), parser.tool(), sha, actor, Instant.now());
    try {
      return importer.run(request, sink -> parser.parse(file, sink));
    } catch (ParseException | IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("import of " + file.name() + " failed: " + e.getMessage(), e);
    }
  }

  static String sha256(ScanFile file) throws IOException {
    MessageDigest md;
    try {
      md = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 missing from the JDK", e);
    }
    byte[] buf = new byte[1 << 16];
    try (InputStream in = file.open()) {
      for (int n = in.read(buf); n > 0; n = in.read(buf)) {
        md.update(buf, 0, n);
      }
    }
    return HexFormat.of().formatHex(md.digest());
  }
}
