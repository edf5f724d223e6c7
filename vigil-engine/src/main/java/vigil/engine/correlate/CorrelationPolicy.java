package vigil.engine.correlate;

import java.time.Duration;

/**
 * Tunables of asset correlation.
 *
 * @param ipTrust how long an IP address seen on an asset still identifies it; DHCP leases move
 *     addresses between machines, so an old sighting is not evidence
 */
public record CorrelationPolicy(Duration ipTrust) {
  public static final CorrelationPolicy DEFAULT = new CorrelationPolicy(Duration.ofDays(30));
}
