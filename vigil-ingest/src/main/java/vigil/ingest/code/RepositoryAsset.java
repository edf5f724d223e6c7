package vigil.ingest.code;

import vigil.ingest.ScanFile;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.AssetRef;

/**
 * The code repository a code scanner's report is about (SARIF, Semgrep, Gitleaks): keyed by the
 * repository URL when the report names one, else by the target name the user gave or the report's
 * file name ({@link ScanFile#target()}), so that re-importing the same report lands on the same asset.
 */
public final class RepositoryAsset {
  private RepositoryAsset() {}

  /**
   * The repository asset for a report, {@code repositoryUri} may be {@code null}. An explicit
   * {@code --target} is kept as a second key next to the URL so that reports with and without a URL
   * for the same repository correlate.
   */
  public static AssetRef of(ScanFile file, String repositoryUri) {
    AssetRef.Builder b = AssetRef.builder(AssetKind.CODE_REPOSITORY);
    if (repositoryUri != null && !repositoryUri.isBlank()) {
      b.name(repositoryUri);
      b.key(AssetKey.Type.REPOSITORY, repositoryUri);
      if (file.hasExplicitTarget()) {
        b.key(AssetKey.Type.NAME, file.target());
      }
    } else {
      b.name(file.target());
      b.key(AssetKey.Type.NAME, file.target());
    }
    return b.build();
  }
}
