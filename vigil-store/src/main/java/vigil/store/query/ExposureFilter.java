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

  public static final List<String> SORTS = List.of("risk", "epss", "severity", "first_seen", "last_seen", "id", "title");

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

  /**
   * Builds a filter from the words users type: statuses ("open", "false-positive", or "active" for
   * open and reopened) and severities ("critical", "high", ...).
   *
   * @throws IllegalArgumentException naming the word that is not known
   */
  public static ExposureFilter fromLabels(List<String> statusWords, List<String> severityWords, Long assetId,
      String cve, String tool, String search, String sort, int limit, int offset) {
    Set<ExposureStatus> statuses = new java.util.LinkedHashSet<>();
    for (String s : statusWords == null ? List.<String>of() : statusWords) {
      if (s.isBlank()) {
        continue;
      }
      if (s.trim().equalsIgnoreCase("active")) {
        statuses.add(ExposureStatus.OPEN);
        statuses.add(ExposureStatus.REOPENED);
        continue;
      }
      try {
        statuses.add(ExposureStatus.fromLabel(s));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("unknown status '" + s + "'; one of active, open, fixed, reopened,"
            + " accepted, false-positive, out-of-scope");
      }
    }
    Set<Severity> severities = new java.util.LinkedHashSet<>();
    for (String s : severityWords == null ? List.<String>of() : severityWords) {
      if (s.isBlank()) {
        continue;
      }
      Severity sev = Severity.fromWord(s);
      if (sev == null) {
        throw new IllegalArgumentException("unknown severity '" + s + "'; one of critical, high, medium, low, info");
      }
      severities.add(sev);
    }
    return new ExposureFilter(statuses, severities, assetId, blank(cve), blank(tool), blank(search), sort, limit, offset);
  }

  private static String blank(String s) {
    return s == null || s.isBlank() ? null : s.trim();
  }
}
