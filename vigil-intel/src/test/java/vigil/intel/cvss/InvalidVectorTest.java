package vigil.intel.cvss;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InvalidVectorTest {
  private static final String V31_BASE = "AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  private static final String V40_BASE = "AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N";
  private static final String V2_BASE = "AV:N/AC:L/Au:N/C:P/I:P/A:P";

  @Test
  void invalidValueNamesTheMetricTheValueAndTheAllowedValues() {
    String vector = "CVSS:3.1/AV:Q/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    assertThatThrownBy(() -> CvssCalculator.score(vector))
        .isInstanceOf(InvalidVectorException.class)
        .hasMessage(vector + ": metric AV has invalid value 'Q' (expected N, A, L, P)")
        .satisfies(e -> assertThat(((InvalidVectorException) e).metric()).isEqualTo("AV"))
        .satisfies(e -> assertThat(((InvalidVectorException) e).vector()).isEqualTo(vector));
  }

  @Test
  void invalidOptionalValueListsNotDefinedAmongTheAllowedValues() {
    assertThatThrownBy(() -> CvssCalculator.score("CVSS:3.0/" + V31_BASE + "/E:Z"))
        .hasMessageEndingWith("metric E has invalid value 'Z' (expected X, H, F, P, U)");
  }

  @Test
  void safetyIsAValueOfModifiedSubsequentIntegrityOnlyInV4() {
    assertThatThrownBy(
            () ->
                CvssCalculator.score(
                    "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:S/SA:N"))
        .hasMessageEndingWith("metric SI has invalid value 'S' (expected H, L, N)");
    assertThat(CvssCalculator.score("CVSS:4.0/" + V40_BASE + "/MSI:S").score()).isEqualTo(10.0);
  }

  @Test
  void v2ValueIsCheckedAgainstV2Values() {
    assertThatThrownBy(() -> CvssCalculator.score("AV:N/AC:L/Au:X/C:P/I:P/A:P"))
        .hasMessageEndingWith("metric Au has invalid value 'X' (expected M, S, N)");
  }

  @Test
  void unknownMetricIsNamedWithTheVersionsMetrics() {
    assertThatThrownBy(() -> CvssCalculator.score("CVSS:3.1/" + V31_BASE + "/ZZ:H"))
        .isInstanceOf(InvalidVectorException.class)
        .hasMessageContaining(
            "unknown metric 'ZZ' (CVSS 3.1 metrics are AV, AC, PR, UI, S, C, I, A, E,")
        .satisfies(e -> assertThat(((InvalidVectorException) e).metric()).isEqualTo("ZZ"));
  }

  @Test
  void v4MetricInAV3VectorIsUnknown() {
    assertThatThrownBy(() -> CvssCalculator.score("CVSS:3.1/" + V31_BASE + "/AT:N"))
        .hasMessageContaining("unknown metric 'AT'");
  }

  @Test
  void v3VectorWithoutPrefixIsReadAsV2AndItsFirstV3OnlyMetricIsNamed() {
    assertThatThrownBy(() -> CvssCalculator.score(V31_BASE))
        .hasMessageContaining("unknown metric 'PR' (CVSS 2.0 metrics are AV, AC, Au,");
  }

  @Test
  void duplicateMetricIsNamed() {
    assertThatThrownBy(() -> CvssCalculator.score("CVSS:3.1/" + V31_BASE + "/AV:L"))
        .hasMessageEndingWith("metric AV appears more than once")
        .satisfies(e -> assertThat(((InvalidVectorException) e).metric()).isEqualTo("AV"));
  }

  @Test
  void duplicateMetricWithTheSameValueIsStillRejected() {
    assertThatThrownBy(() -> CvssCalculator.score("CVSS:4.0/" + V40_BASE + "/E:X/E:X"))
        .hasMessageEndingWith("metric E appears more than once");
  }

  @Test
  void missingMandatoryBaseMetricsAreAllListed() {
    assertThatThrownBy(() -> CvssCalculator.score("CVSS:3.1/AV:N/UI:N/S:U/C:H/I:H/A:H"))
        .hasMessageEndingWith("missing mandatory base metrics AC, PR")
        .satisfies(e -> assertThat(((InvalidVectorException) e).metric()).isEqualTo("AC"));
    assertThatThrownBy(
            () ->
                CvssCalculator.score("CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N"))
        .hasMessageEndingWith("missing mandatory base metric SA");
    assertThatThrownBy(() -> CvssCalculator.score("AV:N/AC:L/Au:N/C:P/I:P/E:F"))
        .hasMessageEndingWith("missing mandatory base metric A");
  }

  @Test
  void unsupportedVersionPrefixIsRejected() {
    assertThatThrownBy(() -> CvssCalculator.score("CVSS:3.2/" + V31_BASE))
        .hasMessageContaining("unsupported prefix 'CVSS:3.2'");
    assertThatThrownBy(() -> CvssCalculator.score("CVSS:2.0/" + V2_BASE))
        .hasMessageContaining("unsupported prefix 'CVSS:2.0'");
  }

  @Test
  void emptyAndMalformedFieldsAreRejected() {
    assertThatThrownBy(() -> CvssCalculator.score("  ")).hasMessageEndingWith("empty vector");
    assertThatThrownBy(() -> CvssCalculator.score("CVSS:3.1/")).hasMessageEndingWith("no metrics");
    assertThatThrownBy(() -> CvssCalculator.score("CVSS:3.1")).hasMessageEndingWith("no metrics");
    assertThatThrownBy(() -> CvssCalculator.score("CVSS:3.1/" + V31_BASE + "/"))
        .hasMessageContaining("empty metric field");
    assertThatThrownBy(() -> CvssCalculator.score("CVSS:3.1/AV:N//AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
        .hasMessageContaining("empty metric field");
    assertThatThrownBy(() -> CvssCalculator.score("CVSS:3.1/AVN/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
        .hasMessageEndingWith("field 'AVN' is not METRIC:VALUE");
    assertThatThrownBy(() -> CvssCalculator.score("CVSS:3.1/AV:/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
        .hasMessageEndingWith("metric AV has invalid value '' (expected N, A, L, P)");
    assertThatThrownBy(() -> CvssCalculator.score("CVSS:3.1/AV:N:L/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
        .hasMessageContaining("metric AV has invalid value 'N:L'");
  }

  @Test
  void metricNamesAndValuesAreCaseSensitive() {
    assertThatThrownBy(() -> CvssCalculator.score("CVSS:3.1/av:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
        .hasMessageContaining("unknown metric 'av'");
    assertThatThrownBy(() -> CvssCalculator.score("CVSS:3.1/AV:n/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H"))
        .hasMessageContaining("metric AV has invalid value 'n'");
  }

  @Test
  void unbalancedV2ParenthesesAreRejected() {
    assertThatThrownBy(() -> CvssCalculator.score("(" + V2_BASE))
        .hasMessageEndingWith("unbalanced parentheses");
  }

  @Test
  void aHugeVectorIsShortenedInTheMessageButKeptWhole() {
    String vector = "CVSS:3.1/" + "ZZ:H/".repeat(1000) + V31_BASE;
    assertThatThrownBy(() -> CvssCalculator.score(vector))
        .satisfies(
            e -> assertThat(e.getMessage()).hasSizeLessThan(600).contains("unknown metric 'ZZ'"))
        .satisfies(e -> assertThat(((InvalidVectorException) e).vector()).isEqualTo(vector));
  }

  @Test
  void aHugeValueIsShortenedInTheMessage() {
    String vector = "CVSS:3.1/AV:" + "N".repeat(10_000) + "/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
    assertThatThrownBy(() -> CvssCalculator.score(vector))
        .satisfies(e -> assertThat(e.getMessage()).hasSizeLessThan(400))
        .hasMessageContaining("metric AV has invalid value 'NNNN")
        .hasMessageEndingWith("...' (expected N, A, L, P)");
  }

  @Test
  void nullIsAProgrammingError() {
    assertThatThrownBy(() -> CvssCalculator.score(null)).isInstanceOf(NullPointerException.class);
  }
}
