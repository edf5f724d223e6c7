package vigil.store.risk;

import java.time.LocalDate;
import java.util.Locale;

/**
 * The threat intelligence known for one weakness, combined over its CVEs: the highest EPSS, KEV if
 * any CVE is listed (earliest date), ransomware if any, the worst SSVC values, and NVD's vectors
 * for when the scanner gave none.
 */
record WeaknessIntel(
    Double epss,
    Double percentile,
    LocalDate epssDate,
    boolean kev,
    LocalDate kevAdded,
    boolean ransomware,
    String ssvcExploitation,
    Boolean ssvcAutomatable,
    String ssvcTechnicalImpact,
    String nvdV2,
    String nvdV3,
    String nvdV4) {

  static final WeaknessIntel NONE =
      new WeaknessIntel(null, null, null, false, null, false, null, null, null, null, null, null);

  /** Folds one more CVE's row into this. */
  WeaknessIntel with(Double e, Double p, LocalDate d, LocalDate kevDate, Boolean ransom, String exploitation,
      String automatable, String impact, String v2, String v3, String v4) {
    boolean higherEpss = e != null && (epss == null || e > epss);
    LocalDate k = kevDate == null ? kevAdded : kevAdded == null || kevDate.isBefore(kevAdded) ? kevDate : kevAdded;
    return new WeaknessIntel(
        higherEpss ? e : epss,
        higherEpss ? p : percentile,
        higherEpss ? d : epssDate,
        kev || kevDate != null,
        k,
        ransomware || Boolean.TRUE.equals(ransom),
        worse(ssvcExploitation, exploitation),
        automatable == null ? ssvcAutomatable : Boolean.valueOf(Boolean.TRUE.equals(ssvcAutomatable) || "yes".equalsIgnoreCase(automatable)),
        "total".equalsIgnoreCase(impact) ? "total" : ssvcTechnicalImpact == null ? lower(impact) : ssvcTechnicalImpact,
        nvdV2 != null ? nvdV2 : v2,
        nvdV3 != null ? nvdV3 : v3,
        nvdV4 != null ? nvdV4 : v4);
  }

  private static String worse(String a, String b) {
    return rank(b) > rank(a) ? lower(b) : a;
  }

  private static int rank(String exploitation) {
    if (exploitation == null) {
      return -1;
    }
    String e = exploitation.toLowerCase(Locale.ROOT);
    return e.equals("active") ? 2 : e.contains("poc") ? 1 : 0;
  }

  private static String lower(String s) {
    return s == null ? null : s.toLowerCase(Locale.ROOT);
  }
}
