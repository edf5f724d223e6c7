package vigil.app.server;

import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.store.imports.FileImporter;
import vigil.store.imports.ImportResult;

/**
 * Loads the demo data set shipped in the jar ({@code demo/}: real scanner outputs from the
 * DefectDojo test corpus, BSD-3-Clause, see {@code demo/NOTICE}) when started with {@code --demo}.
 * Re-running is harmless: identical files are recognised and skipped.
 */
@Component
@ConditionalOnProperty(name = "vigil.demo", havingValue = "true")
class DemoData implements ApplicationRunner {
  static final List<String> FILES = List.of(
      "demo/nessus_v_unknown.xml",
      "demo/nessus_with_cvssv3.nessus");
  private static final Logger LOG = LoggerFactory.getLogger(DemoData.class);

  private final FileImporter importer;

  DemoData(FileImporter importer) {
    this.importer = importer;
  }

  @Override
  public void run(ApplicationArguments args) throws IOException, ParseException {
    for (String resource : FILES) {
      byte[] bytes;
      try (InputStream in = DemoData.class.getClassLoader().getResourceAsStream(resource)) {
        if (in == null) {
          throw new IOException("demo file missing from the jar: " + resource);
        }
        bytes = in.readAllBytes();
      }
      ImportResult r = importer.importFile(ScanFile.of(resource, bytes), null, "demo");
      LOG.info("demo: {} {} observations, {} new exposures{}", resource, r.observations(), r.exposuresNew(),
          r.duplicate() ? " (already loaded)" : "");
    }
  }
}
