package vigil.bench.generate;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;

/** Random choices the generators make: uniform, skewed, weighted, and weighted without replacement. */
final class Draw {
  private Draw() {}

  static <T> T pick(SplittableRandom r, List<T> xs) {
    return xs.get(r.nextInt(xs.size()));
  }

  /** An integer in [lo, hi], skewed towards {@code lo}: most lists are short, a few are long. */
  static int skewed(SplittableRandom r, int lo, int hi) {
    double u = r.nextDouble();
    return lo + (int) Math.floor(u * u * u * (hi - lo + 1));
  }

  /** An index drawn with the given probabilities (summing to 1). */
  static int weighted(SplittableRandom r, double[] shares) {
    double u = r.nextDouble();
    for (int i = 0; i < shares.length - 1; i++) {
      u -= shares[i];
      if (u < 0) {
        return i;
      }
    }
    return shares.length - 1;
  }

  /**
   * {@code k} distinct elements, heavier ones more likely (Efraimidis and Spirakis: the k largest
   * u^(1/w)), in their order in {@code from}.
   */
  static <T> List<T> sample(List<T> from, ToDoubleFunction<T> weight, int k, SplittableRandom r) {
    if (k <= 0) {
      return List.of();
    }
    double[] keys = new double[from.size()];
    for (int i = 0; i < keys.length; i++) {
      keys[i] = Math.log(r.nextDouble()) / weight.applyAsDouble(from.get(i));
    }
    double[] sorted = keys.clone();
    Arrays.sort(sorted);
    double threshold = sorted[sorted.length - k];
    List<T> out = new ArrayList<>(k);
    for (int i = 0; i < keys.length && out.size() < k; i++) {
      if (keys[i] >= threshold) {
        out.add(from.get(i));
      }
    }
    return out;
  }
}
