package vigil.bench.generate;

import java.util.SplittableRandom;

/**
 * Derives independent random streams from one seed, so that every host, image or catalogue entry
 * gets the same content whatever else is generated alongside it (splitting one data set across
 * several files changes no byte of any host).
 */
final class Seeds {
  private Seeds() {}

  /** A stream for the {@code index}-th thing of a kind ({@code salt}) under {@code seed}. */
  static SplittableRandom stream(long seed, long salt, long index) {
    return new SplittableRandom(mix(mix(seed ^ 0x9E3779B97F4A7C15L * salt) + index));
  }

  /** SplitMix64's finaliser: spreads nearby inputs over the whole range. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
    return z ^ (z >>> 31);
  }
}
