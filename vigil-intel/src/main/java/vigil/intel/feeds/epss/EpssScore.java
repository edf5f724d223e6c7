package vigil.intel.feeds.epss;

import java.util.Objects;

/**
 * The EPSS score of one CVE on the file's score date: {@code epss} is the probability of
 * exploitation activity in the next 30 days, {@code percentile} its rank among all scored CVEs,
 * both in [0, 1].
 */
public record EpssScore(String cve, double epss, double percentile) {

  public EpssScore {
    Objects.requireNonNull(cve, "cve");
  }
}
