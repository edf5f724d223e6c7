package vigil.intel.feeds;

import java.time.Instant;
import java.util.Objects;

/**
 * What a feed file says about itself once read: its kind, its own version label and date when the
 * file carries them ({@code null} when it does not, e.g. the KEV CSV has neither), and how many
 * records were passed on.
 */
public record FeedInfo(FeedKind kind, String version, Instant date, long recordCount) {

  public FeedInfo {
    Objects.requireNonNull(kind, "kind");
    if (recordCount < 0) {
      throw new IllegalArgumentException("recordCount < 0: " + recordCount);
    }
  }
}
