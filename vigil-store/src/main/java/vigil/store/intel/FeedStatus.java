package vigil.store.intel;

import java.time.Instant;

/**
 * A feed's state: its version and date, records, when it was imported, and whether it is stale
 * (older than the kind's expected refresh period).
 */
public record FeedStatus(String kind, String version, Instant feedDate, long records, String source,
    Instant importedAt, long changedCves, long rescored, long ageDays, boolean stale) {}
