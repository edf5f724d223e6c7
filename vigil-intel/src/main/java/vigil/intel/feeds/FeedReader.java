package vigil.intel.feeds;

import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Reads one feed file, plain or gzipped, and pushes its records one at a time to a consumer, so
 * memory follows one record, not the file.
 *
 * @param <T> the record type of the feed
 */
public interface FeedReader<T> {

  /**
   * Streams every record of {@code file} to {@code sink} and returns what the file says about
   * itself. Records already passed on stay passed on when a later part of the file is refused.
   */
  FeedInfo read(Path file, Consumer<? super T> sink) throws FeedException;
}
