package vigil.intel.cvss;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every row of the shared reference vectors (the {@code cvss} library's test suite, and vectors
 * scored by that library) must score the same, to one decimal. Each test reports all its mismatches
 * at once.
 */
class ReferenceVectorsTest {

  @Test
  void everyV2VectorScoresAsTheReferenceWithTemporalAndEnvironmentalOnlyWhenGiven() {
    List<String> mismatches = new ArrayList<>();
    List<ReferenceData.Row> rows = ReferenceData.rows("cvss2-vectors.tsv");
    for (ReferenceData.Row row : rows) {
      CvssScore score = scoreOrRecord(row, mismatches);
      if (score != null) {
        compare(row, "version", "2.0", score.version(), mismatches);
        compare(row, "base", row.cell(1), score.base(), mismatches);
        compare(row, "temporal", row.cell(2), score.temporal(), mismatches);
        compare(row, "environmental", row.cell(3), score.environmental(), mismatches);
      }
    }
    assertThat(rows).hasSize(758);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void everyV30VectorScoresAsTheReference() {
    assertV3File("cvss30-vectors.tsv", "3.0", 2623);
  }

  @Test
  void everyV31VectorScoresAsTheReference() {
    assertV3File("cvss31-vectors.tsv", "3.1", 2592);
  }

  @Test
  void everyComputedV31VectorWithTemporalAndEnvironmentalMetricsScoresAsTheReference() {
    assertV3File("cvss31-vectors-computed.tsv", "3.1", 2400);
  }

  @Test
  void everyV40VectorScoresAsTheReference() {
    List<String> mismatches = new ArrayList<>();
    List<ReferenceData.Row> rows = ReferenceData.rows("cvss40-vectors.tsv");
    for (ReferenceData.Row row : rows) {
      CvssScore score = scoreOrRecord(row, mismatches);
      if (score != null) {
        compare(row, "version", "4.0", score.version(), mismatches);
        compare(row, "score", row.cell(1), score.score(), mismatches);
      }
    }
    assertThat(rows).hasSize(1694);
    assertThat(mismatches).isEmpty();
  }

  @Test
  void everyComputedV40VectorWithThreatAndEnvironmentalMetricsScoresAndRatesAsTheReference() {
    List<String> mismatches = new ArrayList<>();
    List<ReferenceData.Row> rows = ReferenceData.rows("cvss40-vectors-computed.tsv");
    for (ReferenceData.Row row : rows) {
      CvssScore score = scoreOrRecord(row, mismatches);
      if (score != null) {
        compare(row, "score", row.cell(1), score.score(), mismatches);
        compare(row, "severity", row.cell(2), score.severity(), mismatches);
      }
    }
    assertThat(rows).hasSize(2400);
    assertThat(mismatches).isEmpty();
  }

  private static void assertV3File(String file, String version, int expectedRows) {
    List<String> mismatches = new ArrayList<>();
    List<ReferenceData.Row> rows = ReferenceData.rows(file);
    for (ReferenceData.Row row : rows) {
      CvssScore score = scoreOrRecord(row, mismatches);
      if (score != null) {
        compare(row, "version", version, score.version(), mismatches);
        compare(row, "base", row.cell(1), score.base(), mismatches);
        compare(row, "temporal", row.cell(2), score.temporal(), mismatches);
        compare(row, "environmental", row.cell(3), score.environmental(), mismatches);
      }
    }
    assertThat(rows).hasSize(expectedRows);
    assertThat(mismatches).isEmpty();
  }

  private static CvssScore scoreOrRecord(ReferenceData.Row row, List<String> mismatches) {
    try {
      return CvssCalculator.score(row.cell(0));
    } catch (RuntimeException e) {
      mismatches.add("line " + row.line() + ": " + e);
      return null;
    }
  }

  /** An empty cell expects {@code null}; numbers compare at one decimal, so -0.0 equals 0.0. */
  private static void compare(
      ReferenceData.Row row, String what, String expected, Double actual, List<String> mismatches) {
    boolean same =
        expected.isEmpty()
            ? actual == null
            : actual != null
                && oneDecimal(new BigDecimal(expected))
                        .compareTo(oneDecimal(BigDecimal.valueOf(actual)))
                    == 0;
    if (!same) {
      mismatches.add(
          "line "
              + row.line()
              + ": "
              + row.cell(0)
              + ": "
              + what
              + " expected "
              + (expected.isEmpty() ? "none" : expected)
              + ", got "
              + actual);
    }
  }

  private static void compare(
      ReferenceData.Row row, String what, String expected, String actual, List<String> mismatches) {
    if (!expected.equals(actual)) {
      mismatches.add(
          "line "
              + row.line()
              + ": "
              + row.cell(0)
              + ": "
              + what
              + " expected "
              + expected
              + ", got "
              + actual);
    }
  }

  private static BigDecimal oneDecimal(BigDecimal value) {
    return value.setScale(1, RoundingMode.HALF_UP);
  }
}
