package vigil.store.query;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import vigil.engine.lifecycle.ExposureStatus;
import vigil.model.Severity;

/**
 * What to list: optional filters (null = any), a sort key from a fixed set, and a page.
 *
 * @param sort one of {@link #SORTS}; a leading '-' reverses it
 */
public record ExposureFilter(
    Set<ExposureStatus> statuses,
    Set<Severity> severities,
    Long assetId,
    String cve,
    String tool,
    String search,
    String sort,
    int limit,
    int offset) {

  public static final List<String> SORTS = List.of("severity", "first_seen", "last_seen", "id", "title");

  public ExposureFilter {
    statuses = statuses == null ? Set.of() : Set.copyOf(statuses);
    severities = severities == null ? Set.of() : Set.copyOf(severities);
    sort = sort == null || sort.isBlank() ? "severity" : sort.trim().toLowerCase(Locale.ROOT);
    String bare = sort.startsWith("-") ? sort.substring(1) : sort;
    if (!SORTS.contains(bare)) {
      throw new IllegalArgumentException("unknown sort '" + sort + "'; one of " + SORTS + " (prefix '-' to reverse)");
    }
    if (limit < 1 || limit > 10_000) {
      throw new IllegalArgumentException("limit must be 1 to 10000, was " + limit);
    }
    if (offset < 0) {
      throw new IllegalArgumentException("offset must not be negative, was " + offset);
    }
  }

  public static ExposureFilter all(int limit) {
    return new ExposureFilter(null, null, null, null, null, null, null, limit, 0);
  }
}
