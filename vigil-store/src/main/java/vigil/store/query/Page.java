package vigil.store.query;

import java.util.List;

/**
 * One page of a listing, with the total the filter matches.
 *
 * @param total how many items the filter matches; when {@code totalIsLowerBound}, only that it
 *     matches more than this many (a listing may stop counting there rather than count millions)
 * @param totalIsLowerBound whether counting stopped early: there are more than {@code total} items
 */
public record Page<T>(List<T> items, long total, int limit, int offset, boolean totalIsLowerBound) {
  public Page {
    items = List.copyOf(items);
  }

  /** A page whose total is exact. */
  public Page(List<T> items, long total, int limit, int offset) {
    this(items, total, limit, offset, false);
  }
}
