package vigil.intel.feeds.epss;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import vigil.intel.feeds.FeedException;
import vigil.intel.feeds.FeedInfo;
import vigil.intel.feeds.FeedKind;
import vigil.intel.feeds.FeedReader;
import vigil.intel.feeds.io.DelimitedFeed;
import vigil.intel.feeds.io.FeedFile;
import vigil.intel.feeds.io.Fields;
import vigil.intel.feeds.io.Row;

/**
 * Reads the EPSS daily file: a comment line {@code #model_version:v2025.03.14,score_date:…}, the
 * header {@code cve,epss,percentile}, then one row per CVE. The model version and score date
 * become the {@link FeedInfo} version and date. Files from before EPSS added the comment line
 * (header first) are read too, with neither.
 */
public final class EpssReader implements FeedReader<EpssScore> {
  private static final String WHAT = "an EPSS scores file";
  private static final List<String> COLUMNS = List.of("cve", "epss", "percentile");

  @Override
  public FeedInfo read(Path path, Consumer<? super EpssScore> sink) throws FeedException {
    FeedFile file = FeedFile.of(path);
    boolean headerFirst = file.firstSignificantChar() == 'c';
    try (DelimitedFeed csv = DelimitedFeed.open(file, DelimitedFeed.CSV)) {
      String version = null;
      Instant scoreDate = null;
      if (!headerFirst) {
        String comment = csv.readLine();
        version = property(file, comment, "model_version");
        scoreDate = Fields.parseInstant(property(file, comment, "score_date"));
        if (scoreDate == null) {
          throw file.error("line 1", "expected score_date as an ISO-8601 timestamp, found '" + cut(comment) + "'");
        }
      }
      long rows = csv.forEachRow(WHAT, COLUMNS, row -> sink.accept(score(row)));
      return new FeedInfo(FeedKind.EPSS, version, scoreDate, rows);
    }
  }

  private static EpssScore score(Row row) throws FeedException {
    return new EpssScore(row.cve("cve"), row.number("epss", 0, 1), row.number("percentile", 0, 1));
  }

  /**
   * One {@code key:value} of the comment line; pairs are split on the first ':' only, as the
   * score date holds colons.
   */
  private static String property(FeedFile file, String comment, String key) throws FeedException {
    if (comment != null && comment.startsWith("#")) {
      for (String pair : comment.substring(1).split(",")) {
        int colon = pair.indexOf(':');
        if (colon > 0 && pair.substring(0, colon).trim().equals(key)) {
          String value = pair.substring(colon + 1).trim();
          if (!value.isEmpty()) {
            return value;
          }
        }
      }
    }
    throw file.error("line 1", "expected " + WHAT + " starting '#model_version:…,score_date:…' (" + key
        + " missing), found '" + (comment == null ? "" : cut(comment)) + "'");
  }

  private static String cut(String s) {
    return s.length() > 80 ? s.substring(0, 80) + "…" : s;
  }
}
