package vigil.store.imports;

import java.time.Instant;
import java.util.Objects;
import vigil.store.ExposureTools;

/**
 * Who imports which file of which format, and its content hash (idempotency key).
 *
 * @param teamId the team the import is made for (see {@code import_run.team_id}), or null: for all
 */
public record ImportRequest(String fileName, String format, String tool, String sha256, String actor, Instant startedAt,
    Long teamId) {
  /** An import for all (the command line, an administrator). */
  public ImportRequest(String fileName, String format, String tool, String sha256, String actor, Instant startedAt) {
    this(fileName, format, tool, sha256, actor, startedAt, null);
  }

  public ImportRequest {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(format, "format");
    ExposureTools.checked(Objects.requireNonNull(tool, "tool"));
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
