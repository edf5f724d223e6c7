package vigil.store.imports;

import java.io.IOException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import vigil.ingest.Formats;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;
import vigil.ingest.ScanParser;
import vigil.store.Database;
import vigil.store.Digests;
import vigil.store.security.Actor;
import vigil.store.security.AuditLog;

/**
 * The import pipeline for one file: hash it, pick its parser (named, or detected from content),
 * and stream it through the {@link Importer} in one transaction. A refused file changes nothing
 * but is recorded in the audit trail as {@code import.refused}, in a transaction of its own: who
 * tried to import which bytes, and why they were refused.
 */
public final class FileImporter {
  private final Importer importer;

  public FileImporter(Database db) {
    this(new Importer(db));
  }

  public FileImporter(Importer importer) {
    this.importer = importer;
  }

  /**
   * Imports a file.
   *
   * @param format the format name, or null to detect it from the content
   * @throws ParseException when the file is refused; nothing but the refusal's audit event is stored then
   */
  public ImportResult importFile(ScanFile file, String format, String actor) throws ParseException, IOException {
    return importFile(file, format, actor, null);
  }

  /**
   * Imports a file for an actor: one who does not see everything imports for its first team, so
   * the team keeps seeing the import (see {@code ImportQueries}).
   */
  public ImportResult importFile(ScanFile file, String format, Actor actor) throws ParseException, IOException {
    Long team = actor.visibility().all() || actor.teamIds().isEmpty() ? null
        : actor.teamIds().stream().sorted().findFirst().orElseThrow();
    return importFile(file, format, actor.name(), team);
  }

  private ImportResult importFile(ScanFile file, String format, String actor, Long teamId)
      throws ParseException, IOException {
    try {
      return importChecked(file, format, actor, teamId);
    } catch (ParseException e) {
      try {
        recordRefusal(file, format, actor, e);
      } catch (RuntimeException auditFailed) {
        e.addSuppressed(auditFailed); // the refusal is what the user needs to read
      }
      throw e;
    }
  }

  private ImportResult importChecked(ScanFile file, String format, String actor, Long teamId)
      throws ParseException, IOException {
    ScanParser parser = Formats.choose(file, format);
    String sha = Digests.sha256(file::open);
    ImportRequest request = new ImportRequest(file.name(), parser.format(), parser.tool(), sha, actor, Instant.now(),
        teamId);
    ImportResult result;
    try {
      result = importer.run(request, sink -> parser.parse(file, sink));
    } catch (ParseException | IOException | RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new IllegalStateException("import of " + file.name() + " failed: " + e.getMessage(), e);
    }
    return result;
  }

  private void recordRefusal(ScanFile file, String format, String actor, ParseException e) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("file", file.name());
    m.put("format", format);
    try {
      m.put("sha256", Digests.sha256(file::open));
    } catch (IOException unreadable) {
      m.put("sha256", null);
    }
    m.put("place", e.place());
    m.put("problem", e.problem());
    importer.audit().record(AuditLog.Entry.of(actor, "import.refused", "import", null, null, m, null), Instant.now());
  }
}
