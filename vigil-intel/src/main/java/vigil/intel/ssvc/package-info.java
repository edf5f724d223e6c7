/**
 * CISA's SSVC decision tree (CISA Coordinator v2.0.3) as data: the CERT/CC table is bundled as a
 * resource and {@link vigil.intel.ssvc.CisaDecisionTree} looks decisions up in it; the enums are
 * the decision points' values, parsed case-insensitively as CISA's vulnrichment writes them.
 */
package vigil.intel.ssvc;
