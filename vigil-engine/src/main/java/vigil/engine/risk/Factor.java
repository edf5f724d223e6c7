package vigil.engine.risk;

/**
 * One reason in a risk score's explanation.
 *
 * @param name what the factor is ("EPSS", "CISA KEV", "asset criticality", ...)
 * @param value its value as read ("0.72 (percentile 0.98)", "listed 2021-12-10", "4 of 5")
 * @param source where the value came from ("FIRST EPSS 2026-01-30", "scope: service payments")
 * @param effect how it entered the score ("likelihood 0.95", "impact 0.98", "×1.30")
 * @param points score points it adds: for a multiplier, the score minus the score without it; for
 *     likelihood and impact, 0 unless it is the one that set the value
 * @param decisive true for the factor that set likelihood or impact, or floored the priority
 */
public record Factor(String name, String value, String source, String effect, double points, boolean decisive) {}
