package vigil.engine.risk;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import vigil.model.Severity;
import vigil.model.WeaknessKind;

/**
 * Risk = 100 × likelihood × impact × context, capped at 100.
 *
 * <ul>
 *   <li><b>Likelihood</b> is the strongest of the exploitation signals: CISA KEV, SSVC exploitation,
 *       EPSS (as 0.05 + 0.95·√EPSS, which spreads the long tail of tiny probabilities), or, with no
 *       threat intelligence at all, a prior by weakness kind and severity. Automatable exploits are
 *       boosted.
 *   <li><b>Impact</b> is the CVSS base score Vigil computed (else the severity), raised by SSVC
 *       "total" technical impact, scaled by asset criticality, crown jewels and ransomware use.
 *   <li><b>Context</b> multiplies by internet exposure and attack-path position.
 * </ul>
 *
 * Priority comes from score thresholds, floored by SSVC (Act → P1, Attend → P2) and KEV (P2).
 * Every step is written into the explanation. Pure and thread-safe.
 */
public final class RiskModel {
  private final RiskWeights w;

  public RiskModel(RiskWeights weights) {
    this.w = weights;
  }

  public static RiskModel defaults() {
    return new RiskModel(RiskWeights.DEFAULT);
  }

  public RiskScore score(RiskInputs in) {
    List<Factor> factors = new ArrayList<>();
    double likelihood = likelihood(in, factors);
    double impact = impact(in, factors);
    List<double[]> multipliers = new ArrayList<>();
    List<Integer> multiplierFactorIndex = new ArrayList<>();
    impactMultipliers(in, factors, multipliers, multiplierFactorIndex);
    contextMultipliers(in, factors, multipliers, multiplierFactorIndex);

    double product = 1;
    for (double[] m : multipliers) {
      product *= m[0];
    }
    double raw = 100 * likelihood * impact * product;
    double score = round1(Math.min(100, raw));
    // A multiplier's points: the score minus the score without it.
    for (int i = 0; i < multipliers.size(); i++) {
      double without = Math.min(100, raw / multipliers.get(i)[0]);
      Factor f = factors.get(multiplierFactorIndex.get(i));
      factors.set(multiplierFactorIndex.get(i),
          new Factor(f.name(), f.value(), f.source(), f.effect(), round1(score - without), f.decisive()));
    }
    Priority priority = priorityOf(score);
    Priority floored = floor(in, priority, factors);
    String summary = floored + " " + fixed(score, 1) + " = 100 × likelihood " + fmt(likelihood) + " × impact "
        + fmt(impact) + (product == 1 ? "" : " × context " + fmt(product))
        + (score >= 100 && raw > 100 ? " (capped at 100)" : "");
    return new RiskScore(score, floored, round2(likelihood), round2(impact), factors, summary);
  }

  private double likelihood(RiskInputs in, List<Factor> factors) {
    double best = 0;
    int bestIndex = -1;
    if (in.kev()) {
      factors.add(new Factor("CISA KEV", "listed" + (in.kevDateAdded() == null ? "" : " " + in.kevDateAdded()),
          "CISA Known Exploited Vulnerabilities", "likelihood " + fmt(w.kevLikelihood()), 0, false));
      best = w.kevLikelihood();
      bestIndex = factors.size() - 1;
    }
    if (in.ssvcExploitation() != null) {
      String e = in.ssvcExploitation().toLowerCase(Locale.ROOT);
      double l = e.equals("active") ? w.activeExploitationLikelihood() : e.contains("poc") ? w.publicPocLikelihood() : 0;
      factors.add(new Factor("SSVC exploitation", e, "CISA vulnrichment (SSVC)",
          l == 0 ? "no evidence of exploitation" : "likelihood " + fmt(l), 0, false));
      if (l > best) {
        best = l;
        bestIndex = factors.size() - 1;
      }
    }
    if (in.epss() != null) {
      double l = 0.05 + 0.95 * Math.sqrt(Math.max(0, Math.min(1, in.epss())));
      String value = fixed(in.epss(), 5)
          + (in.epssPercentile() == null ? "" : " (percentile " + fixed(in.epssPercentile(), 3) + ")");
      factors.add(new Factor("EPSS", value, "FIRST EPSS" + (in.epssDate() == null ? "" : " " + in.epssDate()),
          "likelihood " + fmt(l), 0, false));
      if (l > best) {
        best = l;
        bestIndex = factors.size() - 1;
      }
    }
    if (bestIndex < 0) {
      best = prior(in.kind(), in.severity());
      factors.add(new Factor("likelihood prior", in.kind().label() + ", " + in.severity().label(),
          "no threat intelligence for this weakness", "likelihood " + fmt(best), 0, false));
      bestIndex = factors.size() - 1;
    }
    markDecisive(factors, bestIndex);
    if (Boolean.TRUE.equals(in.ssvcAutomatable())) {
      double boosted = Math.min(1, best * w.automatableBoost());
      factors.add(new Factor("SSVC automatable", "yes", "CISA vulnrichment (SSVC)",
          "likelihood ×" + fmt(w.automatableBoost()) + " → " + fmt(boosted), 0, false));
      best = boosted;
    }
    return best;
  }

  /** Likelihood when nothing but the scanner's word is known. */
  static double prior(WeaknessKind kind, Severity severity) {
    switch (kind) {
      case SECRET:
        return 0.5; // a leaked credential needs no exploit, only discovery
      case UNSUPPORTED_SOFTWARE:
        return 0.3;
      case MISCONFIGURATION:
      case EXCESSIVE_PRIVILEGE:
        return 0.15;
      case EXPOSURE_OF_SERVICE:
        return 0.1;
      case INFORMATIONAL:
        return 0.01;
      default:
        switch (severity) {
          case CRITICAL:
            return 0.3;
          case HIGH:
            return 0.2;
          case MEDIUM:
            return 0.1;
          case LOW:
            return 0.05;
          default:
            return 0.01;
        }
    }
  }

  private double impact(RiskInputs in, List<Factor> factors) {
    double impact;
    if (in.cvssScore() != null) {
      impact = in.cvssScore() / 10.0;
      factors.add(new Factor("CVSS", fixed(in.cvssScore(), 1),
          in.cvssVector() == null ? "scanner" : "computed from " + in.cvssVector(), "impact " + fmt(impact), 0, true));
    } else {
      impact = severityImpact(in.severity());
      factors.add(new Factor("severity", in.severity().label(), "scanner (no CVSS vector)", "impact " + fmt(impact), 0,
          true));
    }
    if ("total".equalsIgnoreCase(in.ssvcTechnicalImpact()) && impact < 0.9) {
      factors.add(new Factor("SSVC technical impact", "total", "CISA vulnrichment (SSVC)", "impact raised to 0.90", 0,
          true));
      markDecisive(factors, factors.size() - 1);
      factors.set(factors.size() - 2, undecide(factors.get(factors.size() - 2)));
      impact = 0.9;
    }
    return impact;
  }

  private static double severityImpact(Severity s) {
    switch (s) {
      case CRITICAL:
        return 0.95;
      case HIGH:
        return 0.8;
      case MEDIUM:
        return 0.55;
      case LOW:
        return 0.3;
      default:
        return 0.05;
    }
  }

  private void impactMultipliers(RiskInputs in, List<Factor> factors, List<double[]> multipliers, List<Integer> index) {
    Integer c = in.assetCriticality();
    if (c != null) {
      int level = Math.max(1, Math.min(5, c));
      double m = w.criticalityMultipliers()[level - 1];
      if (m != 1) {
        add(factors, multipliers, index, new Factor("asset criticality", level + " of 5", "scope", "×" + fmt(m), 0, false), m);
      }
    }
    if (in.crownJewel()) {
      add(factors, multipliers, index, new Factor("crown jewel", "yes", "scope", "×" + fmt(w.crownJewelMultiplier()), 0,
          false), w.crownJewelMultiplier());
    }
    if (in.ransomware()) {
      add(factors, multipliers, index, new Factor("ransomware use", "known", "CISA KEV",
          "×" + fmt(w.ransomwareMultiplier()), 0, false), w.ransomwareMultiplier());
    }
  }

  private void contextMultipliers(RiskInputs in, List<Factor> factors, List<double[]> multipliers, List<Integer> index) {
    if (in.internetFacing() != null) {
      double m = in.internetFacing() ? w.internetFacingMultiplier() : w.internalOnlyMultiplier();
      add(factors, multipliers, index, new Factor("internet exposure", in.internetFacing() ? "internet-facing" : "internal only",
          "asset", "×" + fmt(m), 0, false), m);
    }
    if (in.chokePoint()) {
      add(factors, multipliers, index, new Factor("attack path", "choke point", "attack graph",
          "×" + fmt(w.chokePointMultiplier()), 0, false), w.chokePointMultiplier());
    } else if (in.onAttackPath()) {
      add(factors, multipliers, index, new Factor("attack path", "on a path to a crown jewel", "attack graph",
          "×" + fmt(w.attackPathMultiplier()), 0, false), w.attackPathMultiplier());
    }
  }

  private static void add(List<Factor> factors, List<double[]> multipliers, List<Integer> index, Factor f, double m) {
    factors.add(f);
    multipliers.add(new double[] {m});
    index.add(factors.size() - 1);
  }

  private Priority priorityOf(double score) {
    if (score >= w.p1()) {
      return Priority.P1;
    }
    if (score >= w.p2()) {
      return Priority.P2;
    }
    return score >= w.p3() ? Priority.P3 : Priority.P4;
  }

  private static Priority floor(RiskInputs in, Priority p, List<Factor> factors) {
    Priority out = p;
    if (in.ssvcDecision() != null) {
      String d = in.ssvcDecision().toLowerCase(Locale.ROOT);
      Priority floor = d.equals("act") ? Priority.P1 : d.equals("attend") ? Priority.P2 : null;
      boolean raises = floor != null && out.atLeast(floor) != out;
      factors.add(new Factor("SSVC decision", d, "CISA SSVC tree", raises ? "priority at least " + floor : "no floor",
          0, raises));
      if (floor != null) {
        out = out.atLeast(floor);
      }
    }
    if (in.kev() && out.atLeast(Priority.P2) != out) {
      factors.add(new Factor("KEV floor", "listed", "CISA KEV", "priority at least P2", 0, true));
      out = Priority.P2;
    }
    return out;
  }

  private static void markDecisive(List<Factor> factors, int index) {
    Factor f = factors.get(index);
    factors.set(index, new Factor(f.name(), f.value(), f.source(), f.effect(), f.points(), true));
  }

  private static Factor undecide(Factor f) {
    return new Factor(f.name(), f.value(), f.source(), f.effect(), f.points(), false);
  }

  private static String fmt(double d) {
    return fixed(d, 2);
  }

  /**
   * {@code d} with {@code places} decimals, as {@code String.format("%.Nf")} writes it (half up on
   * the shortest decimal form). Every import scores each new exposure, and the formatter's parsing
   * of its pattern was a measurable share of an import's time.
   */
  static String fixed(double d, int places) {
    if (!Double.isFinite(d) || (d == 0 && Double.doubleToRawLongBits(d) != 0)) {
      return String.format(Locale.ROOT, "%." + places + "f", d);
    }
    return new BigDecimal(Double.toString(d)).setScale(places, RoundingMode.HALF_UP).toPlainString();
  }

  private static double round1(double d) {
    return Math.round(d * 10) / 10.0;
  }

  private static double round2(double d) {
    return Math.round(d * 100) / 100.0;
  }
}
