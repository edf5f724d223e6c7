package vigil.app.imports;

import com.fasterxml.jackson.annotation.JsonProperty;
import vigil.store.imports.ImportResult;

/**
 * An import's outcome as the CLI and the API print it.
 *
 * @param duplicateOf the earlier import with the same bytes, when this one changed nothing
 */
public record ImportReport(
    String file, String format, long importId, Long duplicateOf, long observations, Assets assets, Exposures exposures) {

  /** Assets the import created and matched. */
  public record Assets(@JsonProperty("new") int created, int matched) {}

  /** Exposures per lifecycle outcome. */
  public record Exposures(@JsonProperty("new") int created, int unchanged, int reopened, int fixed) {}

  public static ImportReport of(String file, ImportResult r) {
    return new ImportReport(file, r.format(), r.importId(), r.duplicateOf(), r.observations(),
        new Assets(r.assetsNew(), r.assetsMatched()),
        new Exposures(r.exposuresNew(), r.exposuresUnchanged(), r.exposuresReopened(), r.exposuresFixed()));
  }
}
