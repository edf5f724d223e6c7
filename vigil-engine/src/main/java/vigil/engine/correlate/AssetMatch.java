package vigil.engine.correlate;

/**
 * The outcome of correlating one incoming asset: the stored asset it is ({@code assetId}), or a new
 * asset ({@code assetId} null), and the reason in words, which is recorded with the merge.
 */
public record AssetMatch(Long assetId, String reason) {

  public static AssetMatch newAsset(String reason) {
    return new AssetMatch(null, reason);
  }

  public boolean isNew() {
    return assetId == null;
  }
}
