package vigil.ingest;

import java.util.EnumMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import vigil.model.AssetKey;
import vigil.model.AssetRef;
import vigil.model.Observation;
import vigil.model.ObservationSink;
import vigil.model.Severity;

/**
 * Counts what a parse produced without storing it: observations, distinct assets, distinct
 * normalised weaknesses and observations per severity. Used by {@code vigil parse}.
 *
 * <p>Assets are counted as distinct by their first identifier; a file names a host the same way
 * throughout, and cross-file correlation is the store's job.
 */
public final class ParseSummary implements ObservationSink {
  private long observations;
  private final Set<AssetKey> assets = new HashSet<>();
  private final Set<String> weaknesses = new HashSet<>();
  private final Map<Severity, Long> severities = new EnumMap<>(Severity.class);

  @Override
  public void covered(AssetRef asset) {
    assets.add(asset.keys().iterator().next());
  }

  @Override
  public void observation(Observation o) {
    observations++;
    covered(o.asset());
    weaknesses.add(o.weakness().key());
    severities.merge(o.severity(), 1L, Long::sum);
  }

  public long observations() {
    return observations;
  }

  public int assets() {
    return assets.size();
  }

  public int weaknesses() {
    return weaknesses.size();
  }

  /** Observations per severity, most severe first, with zero counts left out. */
  public Map<Severity, Long> severities() {
    return new EnumMap<>(severities);
  }
}
