package vigil.store.scope;

/**
 * What scoping says about an asset that the risk model uses.
 *
 * @param criticality 1–5, or 0 when the asset is in no business service
 * @param internetFacing true when the asset has a public IP address; null when unknown
 */
public record AssetContext(int criticality, boolean crownJewel, Boolean internetFacing) {
  public static final AssetContext UNKNOWN = new AssetContext(0, false, null);

  /** Criticality for the risk model: null when no service gives one. */
  public Integer criticalityOrNull() {
    return criticality == 0 ? null : criticality;
  }
}
