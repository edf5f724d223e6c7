package vigil.store.imports;

/**
 * What an import did. {@code duplicateOf} is set when the same bytes had been imported before; the
 * store was then not touched at all.
 */
public record ImportResult(
    long importId,
    String file,
    String format,
    long observations,
    int assetsNew,
    int assetsMatched,
    int exposuresNew,
    int exposuresUnchanged,
    int exposuresReopened,
    int exposuresFixed,
    Long duplicateOf) {

  public boolean duplicate() {
    return duplicateOf != null;
  }
}
