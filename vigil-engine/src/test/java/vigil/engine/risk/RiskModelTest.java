package vigil.engine.risk;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import org.junit.jupiter.api.Test;
import vigil.model.Severity;
import vigil.model.WeaknessKind;

class RiskModelTest {
  private final RiskModel model = RiskModel.defaults();

  private static RiskInputs cve(double cvss, Double epss, boolean kev) {
    return new RiskInputs(WeaknessKind.VULNERABILITY, Severity.fromCvssScore(cvss), cvss, "CVSS:3.1/...", epss, 0.5,
        LocalDate.of(2026, 1, 30), kev, kev ? LocalDate.of(2021, 12, 10) : null, false, null, null, null, null, null,
        false, null, false, false);
  }

  @Test
  void kevListedMediumOutranksUnexploitedCritical() {
    RiskScore exploitedMedium = model.score(cve(6.5, 0.02, true));
    RiskScore quietCritical = model.score(cve(9.8, 0.0004, false));
    assertThat(exploitedMedium.score()).isGreaterThan(quietCritical.score());
    assertThat(exploitedMedium.priority()).isIn(Priority.P1, Priority.P2);
    assertThat(quietCritical.priority()).isEqualTo(Priority.P3);
  }

  @Test
  void explanationNamesTheDecisiveLikelihoodSignalWithSourceAndDate() {
    RiskScore s = model.score(cve(9.8, 0.02, true));
    assertThat(s.factors()).anySatisfy(f -> {
      assertThat(f.name()).isEqualTo("CISA KEV");
      assertThat(f.decisive()).isTrue();
      assertThat(f.value()).contains("2021-12-10");
    });
    assertThat(s.factors()).anySatisfy(f -> {
      assertThat(f.name()).isEqualTo("EPSS");
      assertThat(f.decisive()).isFalse();
      assertThat(f.source()).contains("2026-01-30");
    });
    assertThat(s.summary()).contains("likelihood 0.95").contains("impact 0.98");
  }

  @Test
  void epssSpreadsTheTail() {
    assertThat(model.score(cve(7.5, 0.0001, false)).likelihood()).isEqualTo(0.06);
    assertThat(model.score(cve(7.5, 0.25, false)).likelihood()).isEqualTo(0.53);
    assertThat(model.score(cve(7.5, 1.0, false)).likelihood()).isEqualTo(1.0);
  }

  @Test
  void businessContextMultipliesAndEachMultiplierReportsItsPoints() {
    RiskInputs base = cve(8.0, 0.1, false);
    RiskInputs jewel = new RiskInputs(base.kind(), base.severity(), base.cvssScore(), base.cvssVector(), base.epss(),
        base.epssPercentile(), base.epssDate(), false, null, false, null, null, null, null, 5, true, true, false, true);
    RiskScore plain = model.score(base);
    RiskScore context = model.score(jewel);
    assertThat(context.score()).isGreaterThan(plain.score() * 2);
    assertThat(context.factors()).filteredOn(f -> f.effect().startsWith("×"))
        .extracting(Factor::name).containsExactly("asset criticality", "crown jewel", "internet exposure", "attack path");
    assertThat(context.factors()).filteredOn(f -> f.effect().startsWith("×")).allSatisfy(f -> assertThat(f.points()).isPositive());
  }

  @Test
  void ssvcActFloorsPriorityToP1AndSaysSo() {
    RiskInputs in = new RiskInputs(WeaknessKind.VULNERABILITY, Severity.MEDIUM, 5.0, null, 0.001, null, null, false, null,
        false, "active", true, "partial", "act", 2, false, null, false, false);
    RiskScore s = model.score(in);
    assertThat(s.priority()).isEqualTo(Priority.P1);
    assertThat(s.factors()).anySatisfy(f -> {
      assertThat(f.name()).isEqualTo("SSVC decision");
      assertThat(f.effect()).isEqualTo("priority at least P1");
    });
  }

  @Test
  void withoutIntelligenceThePriorByKindIsUsedAndExplained() {
    RiskScore secret = model.score(RiskInputs.of(WeaknessKind.SECRET, Severity.HIGH, null, null));
    RiskScore info = model.score(RiskInputs.of(WeaknessKind.INFORMATIONAL, Severity.INFO, null, null));
    assertThat(secret.score()).isGreaterThan(info.score());
    assertThat(info.priority()).isEqualTo(Priority.P4);
    assertThat(secret.factors().get(0).name()).isEqualTo("likelihood prior");
  }

  @Test
  void scoreIsCappedAt100() {
    RiskInputs in = new RiskInputs(WeaknessKind.VULNERABILITY, Severity.CRITICAL, 10.0, null, 0.97, 1.0, null, true, null,
        true, "active", true, "total", "act", 5, true, true, true, true);
    RiskScore s = model.score(in);
    assertThat(s.score()).isEqualTo(100.0);
    assertThat(s.summary()).contains("capped");
  }

  @Test
  void weightsComeFromPropertiesAndBadKeysAreNamed() {
    java.util.Properties p = new java.util.Properties();
    p.setProperty("likelihood.kev", "0.5");
    p.setProperty("impact.criticality", "1,1,1,1,2");
    RiskWeights w = RiskWeights.fromProperties(p);
    assertThat(w.kevLikelihood()).isEqualTo(0.5);
    assertThat(w.criticalityMultipliers()[4]).isEqualTo(2.0);
    assertThat(w.p1()).isEqualTo(RiskWeights.DEFAULT.p1());
    assertThat(new RiskModel(w).score(cve(9.8, 0.0, true)).likelihood()).isEqualTo(0.5);
    p.setProperty("likelihood.kve", "1");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RiskWeights.fromProperties(p))
        .hasMessageContaining("likelihood.kve");
    p.remove("likelihood.kve");
    p.setProperty("priority.p1", "high");
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> RiskWeights.fromProperties(p))
        .hasMessageContaining("priority.p1").hasMessageContaining("high");
  }

  @Test
  void fixedDecimalsWriteWhatStringFormatWrites() {
    java.util.Random random = new java.util.Random(7);
    double[] edges = {0, -0.0, 0.005, 0.015, 0.125, 0.375, 1.005, 2.675, 9.95, 99.95, 100, 1e-7, 12345.6789,
        Double.NaN, Double.POSITIVE_INFINITY, -1.005};
    for (int places = 1; places <= 5; places++) {
      for (double d : edges) {
        assertThat(RiskModel.fixed(d, places)).isEqualTo(String.format(java.util.Locale.ROOT, "%." + places + "f", d));
      }
      for (int i = 0; i < 20_000; i++) {
        double d = random.nextInt(4) == 0 ? Math.round(random.nextDouble() * 100_000) / 1000.0 : random.nextDouble() * 100;
        assertThat(RiskModel.fixed(d, places)).isEqualTo(String.format(java.util.Locale.ROOT, "%." + places + "f", d));
      }
    }
  }
}
