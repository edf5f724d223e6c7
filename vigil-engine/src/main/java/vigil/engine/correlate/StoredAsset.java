package vigil.engine.correlate;

import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import vigil.model.AssetKey;
import vigil.model.AssetKind;

/**
 * An asset already known, as correlation sees it: its id, kind and identifiers with the time each
 * was last seen (an IP address is only evidence of identity while it is recent).
 */
public record StoredAsset(long id, AssetKind kind, Map<AssetKey, Instant> keys) {
  public StoredAsset {
    Objects.requireNonNull(kind, "kind");
    keys = Map.copyOf(keys);
  }
}
