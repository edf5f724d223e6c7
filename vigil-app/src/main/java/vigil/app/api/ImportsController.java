package vigil.app.api;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;
import vigil.app.imports.ImportReport;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.store.imports.FileImporter;
import vigil.store.imports.ImportResult;
import vigil.store.query.ImportQueries;
import vigil.store.query.ImportView;
import vigil.store.query.Page;
import vigil.store.security.Actor;

/**
 * Imports: upload a scanner file; list past imports. An upload by someone who does not see
 * everything is recorded for their team; the list holds what {@link ImportQueries} lets them see.
 */
@RestController
@RequestMapping("/api/v1/imports")
class ImportsController {
  private final FileImporter importer;
  private final ImportQueries queries;

  ImportsController(FileImporter importer, ImportQueries queries) {
    this.importer = importer;
    this.queries = queries;
  }

  @GetMapping
  Page<ImportView> list(@RequestParam(defaultValue = "50") int limit, @RequestParam(defaultValue = "0") int offset,
      Actor actor) {
    return queries.list(actor, limit, offset);
  }

  /**
   * Imports one uploaded file (multipart field {@code file}). The upload is spooled to a temporary
   * file and streamed from there, so its size does not matter to memory. 201 with the counts; 200
   * when identical bytes had been imported before (nothing changed); 422 when the file is refused.
   */
  @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
  ResponseEntity<ImportReport> upload(
      @RequestPart("file") MultipartFile file,
      @RequestParam(required = false) String format,
      @RequestParam(required = false) String target,
      Actor actor) throws IOException, ParseException {
    String name = file.getOriginalFilename() == null || file.getOriginalFilename().isBlank()
        ? "upload" : Path.of(file.getOriginalFilename()).getFileName().toString();
    Path tmp = Files.createTempFile("vigil-upload-", ".tmp");
    try {
      try (InputStream in = file.getInputStream()) {
        Files.copy(in, tmp, StandardCopyOption.REPLACE_EXISTING);
      }
      ScanFile scan = new ScanFile(name, () -> Files.newInputStream(tmp)).withTarget(target);
      ImportResult r = importer.importFile(scan, format, actor);
      return ResponseEntity.status(r.duplicate() ? HttpStatus.OK : HttpStatus.CREATED).body(ImportReport.of(name, r));
    } finally {
      Files.deleteIfExists(tmp);
    }
  }
}
