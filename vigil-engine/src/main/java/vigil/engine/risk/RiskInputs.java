package vigil.engine.risk;

import java.time.LocalDate;
import vigil.model.Severity;
import vigil.model.WeaknessKind;

/**
 * Everything the risk model reads about one exposure. Unknown values are null (or false for
 * flags): the model says in the explanation what it assumed.
 *
 * @param cvssScore base score computed by Vigil from {@code cvssVector}
 * @param ssvcExploitation "none", "public poc" or "active"
 * @param ssvcTechnicalImpact "partial" or "total"
 * @param ssvcDecision the CISA tree's outcome for this exposure: "track", "track*", "attend", "act"
 * @param assetCriticality 1 (lowest) to 5, from scoping
 * @param internetFacing true, false, or null when unknown
 */
public record RiskInputs(
    WeaknessKind kind,
    Severity severity,
    Double cvssScore,
    String cvssVector,
    Double epss,
    Double epssPercentile,
    LocalDate epssDate,
    boolean kev,
    LocalDate kevDateAdded,
    boolean ransomware,
    String ssvcExploitation,
    Boolean ssvcAutomatable,
    String ssvcTechnicalImpact,
    String ssvcDecision,
    Integer assetCriticality,
    boolean crownJewel,
    Boolean internetFacing,
    boolean onAttackPath,
    boolean chokePoint) {

  /** Inputs with only what a scanner says: kind, severity and CVSS. */
  public static RiskInputs of(WeaknessKind kind, Severity severity, Double cvssScore, String cvssVector) {
    return new RiskInputs(kind, severity, cvssScore, cvssVector, null, null, null, false, null, false, null, null,
        null, null, null, false, null, false, false);
  }
}
