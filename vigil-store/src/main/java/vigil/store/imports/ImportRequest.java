package vigil.store.imports;

import java.time.Instant;
import java.util.Objects;
import vigil.store.ExposureTools;

/** Who imports which file of which format, and its content hash (idempotency key). */
public record ImportRequest(String fileName, String format, String tool, String sha256, String actor, Instant startedAt) {
  public ImportRequest {
    Objects.requireNonNull(fileName, "fileName");
    Objects.requireNonNull(format, "format");
    ExposureTools.checked(Objects.requireNonNull(tool, "tool"));
    Objects.requireNonNull(sha256, "sha256");
    Objects.requireNonNull(actor, "actor");
    Objects.requireNonNull(startedAt, "startedAt");
  }
}
