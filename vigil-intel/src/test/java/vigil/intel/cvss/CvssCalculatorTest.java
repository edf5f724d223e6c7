package vigil.intel.cvss;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class CvssCalculatorTest {

  @Test
  void v2VectorReadsTheSameBareInParenthesesAndAfterNvdsPrefix() {
    CvssScore bare = CvssCalculator.score("AV:N/AC:L/Au:N/C:P/I:P/A:P");
    assertThat(bare.version()).isEqualTo("2.0");
    assertThat(bare.base()).isEqualTo(7.5);
    for (String form :
        List.of(
            "(AV:N/AC:L/Au:N/C:P/I:P/A:P)",
            "CVSS2#AV:N/AC:L/Au:N/C:P/I:P/A:P",
            "CVSS2#(AV:N/AC:L/Au:N/C:P/I:P/A:P)")) {
      CvssScore score = CvssCalculator.score(form);
      assertThat(score.vector()).isEqualTo(form);
      assertThat(List.of(score.score(), score.severity(), score.version()))
          .isEqualTo(List.of(bare.score(), bare.severity(), bare.version()));
    }
  }

  @Test
  void surroundingWhitespaceIsIgnored() {
    CvssScore score = CvssCalculator.score("  CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\n");
    assertThat(score.vector()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    assertThat(score.score()).isEqualTo(9.8);
  }

  @Test
  void metricOrderDoesNotChangeTheScores() {
    Random random = new Random(7);
    for (String vector :
        List.of(
            "CVSS:3.1/AV:L/AC:H/PR:L/UI:N/S:C/C:H/I:H/A:L/E:U/RL:U/RC:R/CR:M/MPR:L/MUI:R/MI:N/MA:H",
            "CVSS:3.0/AV:L/AC:H/PR:H/UI:N/S:C/C:N/I:H/A:N/E:P/RL:U/RC:U/CR:H/IR:L/AR:H/MAV:L/MUI:R/MS:C",
            "CVSS:4.0/AV:L/AC:H/AT:P/PR:H/UI:P/VC:L/VI:H/VA:H/SC:H/SI:L/SA:H/E:U/CR:M/IR:H/MAC:L/MSI:S/S:P/U:Red",
            "AV:L/AC:M/Au:S/C:N/I:P/A:C/E:U/RL:OF/RC:UR/CDP:N/TD:L/CR:H/IR:H/AR:H")) {
      CvssScore ordered = CvssCalculator.score(vector);
      for (int i = 0; i < 5; i++) {
        String shuffled = shuffle(vector, random);
        CvssScore score = CvssCalculator.score(shuffled);
        assertThat(withoutVector(score)).as(shuffled).isEqualTo(withoutVector(ordered));
      }
    }
  }

  @Test
  void explicitNotDefinedScoresAsOmitted() {
    assertThat(
            withoutVector(
                CvssCalculator.score(
                    "CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H/E:X/RL:X/RC:X/CR:X/IR:X/AR:X/MAV:X/MAC:X/MPR:X/MUI:X/MS:X/MC:X/MI:X/MA:X")))
        .isEqualTo(
            withoutVector(CvssCalculator.score("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H")));
    assertThat(
            withoutVector(
                CvssCalculator.score(
                    "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N/E:X/CR:X/MAV:X/MSI:X/S:X/U:X")))
        .isEqualTo(
            withoutVector(
                CvssCalculator.score(
                    "CVSS:4.0/AV:N/AC:L/AT:N/PR:L/UI:N/VC:H/VI:L/VA:N/SC:N/SI:N/SA:N")));
  }

  @Test
  void v2TemporalAndEnvironmentalAreAbsentWhenOnlyNotDefinedIsGiven() {
    CvssScore score =
        CvssCalculator.score(
            "AV:N/AC:L/Au:N/C:P/I:P/A:P/E:ND/RL:ND/RC:ND/CDP:ND/TD:ND/CR:ND/IR:ND/AR:ND");
    assertThat(score.temporal()).isNull();
    assertThat(score.environmental()).isNull();
    assertThat(score.score()).isEqualTo(7.5);
  }

  @Test
  void v2ScoreIsTheMostSpecificGroupGivenAndRatedOnNvdsScale() {
    CvssScore base = CvssCalculator.score("AV:N/AC:L/Au:N/C:C/I:C/A:C");
    assertThat(List.of(base.score(), base.severity())).isEqualTo(List.of(10.0, "High"));
    CvssScore temporal = CvssCalculator.score("AV:N/AC:L/Au:S/C:C/I:C/A:C/E:U/RL:U/RC:C");
    assertThat(List.of(temporal.base(), temporal.temporal(), temporal.score()))
        .isEqualTo(List.of(9.0, 7.7, 7.7));
    assertThat(temporal.environmental()).isNull();
    CvssScore environmental =
        CvssCalculator.score(
            "AV:A/AC:H/Au:S/C:N/I:P/A:P/E:POC/RL:OF/RC:C/CDP:LM/TD:M/CR:M/IR:L/AR:L");
    assertThat(List.of(environmental.score(), environmental.severity()))
        .isEqualTo(List.of(2.8, "Low"));
    CvssScore nothing = CvssCalculator.score("AV:N/AC:L/Au:N/C:N/I:N/A:N");
    assertThat(List.of(nothing.score(), nothing.severity())).isEqualTo(List.of(0.0, "Low"));
    assertThat(Double.doubleToRawLongBits(nothing.base())).as("no negative zero").isZero();
  }

  @Test
  void v2EnvironmentalScoreNeverGoesBelowZero() {
    // A low requirement makes the adjusted base equation negative (-0.2) before CDP and TD apply.
    CvssScore score = CvssCalculator.score("AV:L/AC:H/Au:M/C:P/I:N/A:N/CDP:N/TD:H/CR:L");
    assertThat(score.base()).isEqualTo(0.8);
    assertThat(score.environmental()).isEqualTo(0.0);
  }

  @Test
  void v3ScoreIsBaseForABaseVectorEvenWhereTheV31EnvironmentalFormulaDiffers() {
    // Scope changed: the v3.1 environmental equation (0.9731, ^13) gives 9.7 here, the base 9.6.
    CvssScore score = CvssCalculator.score("CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:H/I:H/A:H");
    assertThat(List.of(score.base(), score.temporal(), score.environmental()))
        .isEqualTo(List.of(9.6, 9.6, 9.7));
    assertThat(List.of(score.score(), score.severity())).isEqualTo(List.of(9.6, "Critical"));
  }

  @Test
  void v3ScoreIsTemporalWhenOnlyTemporalMetricsAreGivenAndEnvironmentalWhenAnyIs() {
    CvssScore temporal =
        CvssCalculator.score("CVSS:3.0/S:U/AV:N/AC:L/PR:H/UI:N/C:L/I:L/A:N/E:F/RL:X");
    assertThat(List.of(temporal.base(), temporal.temporal(), temporal.score()))
        .isEqualTo(List.of(3.8, 3.7, 3.7));
    CvssScore environmental =
        CvssCalculator.score(
            "CVSS:3.0/AV:L/AC:L/PR:L/UI:R/S:C/C:L/I:L/A:N/MAV:A/MAC:L/MPR:N/MUI:N/MS:U/MC:N/MI:N/MA:N");
    assertThat(List.of(environmental.base(), environmental.score(), environmental.severity()))
        .isEqualTo(List.of(4.6, 0.0, "None"));
  }

  @Test
  void v30AndV31DifferOnlyWhereTheirFormulasDo() {
    String metrics = "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    assertThat(CvssCalculator.score("CVSS:3.0/" + metrics).version()).isEqualTo("3.0");
    assertThat(CvssCalculator.score("CVSS:3.1/" + metrics).version()).isEqualTo("3.1");
    assertThat(CvssCalculator.score("CVSS:3.0/" + metrics).score())
        .isEqualTo(CvssCalculator.score("CVSS:3.1/" + metrics).score());
    // Scope changed, no environmental metrics: v3.0 repeats the base equation, v3.1 does not.
    assertThat(CvssCalculator.score("CVSS:3.0/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H").environmental())
        .isEqualTo(9.9);
    assertThat(CvssCalculator.score("CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:C/C:H/I:H/A:H").environmental())
        .isEqualTo(10.0);
  }

  @Test
  void v31RoundupIgnoresAHairAboveATenthWhereV30RoundsUp() {
    // Exact values with digits past the fifth decimal: v3.0 takes the ceiling literally, v3.1
    // rounds to five decimals first. The reference vectors never land there, so this pins it.
    assertThat(CvssV3.V3_0.roundUp(new BigDecimal("4.000001"))).isEqualByComparingTo("4.1");
    assertThat(CvssV3.V3_1.roundUp(new BigDecimal("4.000001"))).isEqualByComparingTo("4.0");
    assertThat(CvssV3.V3_1.roundUp(new BigDecimal("4.00001"))).isEqualByComparingTo("4.1");
    assertThat(CvssV3.V3_1.roundUp(new BigDecimal("4.0"))).isEqualByComparingTo("4.0");
  }

  @Test
  void v4HasOneScoreAndNoGroupScores() {
    CvssScore score =
        CvssCalculator.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:H/SI:H/SA:N");
    assertThat(score.version()).isEqualTo("4.0");
    assertThat(List.of(score.score(), score.severity())).isEqualTo(List.of(9.9, "Critical"));
    assertThat(score.base()).isNull();
    assertThat(score.temporal()).isNull();
    assertThat(score.environmental()).isNull();
  }

  @Test
  void v4WithoutAnyImpactScoresZeroRatedNone() {
    CvssScore score =
        CvssCalculator.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:N/VI:N/VA:N/SC:N/SI:N/SA:N");
    assertThat(List.of(score.score(), score.severity())).isEqualTo(List.of(0.0, "None"));
  }

  @Test
  void v4ThreatAndEnvironmentalMetricsChangeTheScoreButSupplementalOnesDoNot() {
    String base = "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
    double b = CvssCalculator.score(base).score();
    assertThat(CvssCalculator.score(base + "/E:U").score()).isLessThan(b);
    assertThat(CvssCalculator.score(base + "/MAV:P").score()).isLessThan(b);
    assertThat(CvssCalculator.score(base + "/S:P/AU:Y/R:I/V:C/RE:H/U:Red").score()).isEqualTo(b);
  }

  @Test
  void qualitativeRatingsFollowTheSpecificationBoundaries() {
    assertThat(
            List.of(0.0, 0.1, 3.9, 4.0, 6.9, 7.0, 8.9, 9.0, 10.0).stream()
                .map(QualitativeRating::of))
        .containsExactly(
            "None", "Low", "Low", "Medium", "Medium", "High", "High", "Critical", "Critical");
    assertThat(List.of(0.0, 3.9, 4.0, 6.9, 7.0, 10.0).stream().map(QualitativeRating::nvdV2))
        .containsExactly("Low", "Low", "Medium", "Medium", "High", "High");
  }

  private static String shuffle(String vector, Random random) {
    int slash = vector.startsWith("CVSS:") ? vector.indexOf('/') + 1 : 0;
    List<String> fields = new ArrayList<>(List.of(vector.substring(slash).split("/")));
    Collections.shuffle(fields, random);
    return vector.substring(0, slash) + String.join("/", fields);
  }

  private static List<Object> withoutVector(CvssScore score) {
    return Arrays.asList(
        score.version(),
        score.score(),
        score.severity(),
        score.base(),
        score.temporal(),
        score.environmental());
  }
}
