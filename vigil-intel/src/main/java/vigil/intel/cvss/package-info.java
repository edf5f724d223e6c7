/**
 * CVSS calculators for v2, v3.0, v3.1 and v4.0 vectors. The entry point is {@link
 * vigil.intel.cvss.CvssCalculator#score(String)}; the v4.0 MacroVector tables are data ({@code
 * cvss40-macrovector-tables.json} beside this package's classes), not code.
 */
package vigil.intel.cvss;
