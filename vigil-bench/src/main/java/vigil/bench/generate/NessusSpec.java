package vigil.bench.generate;

import java.time.Instant;

/**
 * What {@link NessusReport} generates: hosts {@code firstHost} onwards, each with {@code
 * findingsPerHost} findings from a catalogue of {@code plugins} plugins, until {@code hosts} hosts
 * or, when {@code targetBytes} is positive, until the file has at least that many bytes. The same
 * seed gives the same hosts and findings; another {@code scanStart} changes only the timestamps
 * (a re-scan: other bytes, same findings).
 */
public record NessusSpec(long seed, int hosts, int findingsPerHost, int firstHost, long targetBytes,
    Instant scanStart, int plugins) {

  public static final Instant DEFAULT_SCAN_START = Instant.parse("2024-05-06T01:00:00Z");
  public static final int DEFAULT_PLUGINS = 3000;

  public NessusSpec {
    if (hosts < 0 || findingsPerHost < 0 || firstHost < 0 || targetBytes < 0 || plugins < 1) {
      throw new IllegalArgumentException("hosts, findings, first host and target size must not be negative: " + hosts
          + ", " + findingsPerHost + ", " + firstHost + ", " + targetBytes);
    }
    java.util.Objects.requireNonNull(scanStart, "scanStart");
  }

  /** {@code hosts} hosts of {@code findingsPerHost} findings each. */
  public static NessusSpec of(long seed, int hosts, int findingsPerHost) {
    return new NessusSpec(seed, hosts, findingsPerHost, 0, 0, DEFAULT_SCAN_START, DEFAULT_PLUGINS);
  }

  /** As many hosts as it takes to reach {@code bytes}. */
  public static NessusSpec ofSize(long seed, long bytes, int findingsPerHost) {
    return new NessusSpec(seed, Integer.MAX_VALUE, findingsPerHost, 0, bytes, DEFAULT_SCAN_START, DEFAULT_PLUGINS);
  }

  public NessusSpec withFirstHost(int index) {
    return new NessusSpec(seed, hosts, findingsPerHost, index, targetBytes, scanStart, plugins);
  }

  public NessusSpec withScanStart(Instant start) {
    return new NessusSpec(seed, hosts, findingsPerHost, firstHost, targetBytes, start, plugins);
  }

  public NessusSpec withPlugins(int count) {
    return new NessusSpec(seed, hosts, findingsPerHost, firstHost, targetBytes, scanStart, count);
  }
}
