package vigil.store.intel;

import java.time.Instant;

/**
 * What a feed import did: the feed's own version, date and record count, how many CVEs Vigil has
 * seen changed (those are re-scored), and how many exposures were re-scored. {@code unchanged}
 * when the same bytes had been imported before.
 */
public record FeedImportResult(String kind, String file, String version, Instant date, long records, long changedCves,
    long rescored, boolean unchanged) {}
