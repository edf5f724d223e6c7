package vigil.store.risk;

import vigil.intel.ssvc.Automatable;
import vigil.intel.ssvc.CisaDecisionTree;
import vigil.intel.ssvc.Exploitation;
import vigil.intel.ssvc.MissionWellbeing;
import vigil.intel.ssvc.TechnicalImpact;

/**
 * Applies CISA's SSVC tree to an exposure: the CVE's decision points from vulnrichment, and
 * Mission &amp; Well-being from the asset's criticality (1–2 low, 3 or unknown medium, 4–5 high).
 */
final class SsvcDecider {
  private final CisaDecisionTree tree = CisaDecisionTree.standard();

  /** The decision's label ("track", "track*", "attend", "act"), or null without SSVC data. */
  String decide(String exploitation, Boolean automatable, String technicalImpact, Integer criticality) {
    if (exploitation == null || automatable == null || technicalImpact == null) {
      return null;
    }
    MissionWellbeing mission = criticality == null || criticality == 3 ? MissionWellbeing.MEDIUM
        : criticality < 3 ? MissionWellbeing.LOW : MissionWellbeing.HIGH;
    return tree.decide(Exploitation.parse(exploitation), automatable ? Automatable.YES : Automatable.NO,
        TechnicalImpact.parse(technicalImpact), mission).label();
  }
}
