package vigil.engine.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LifecycleTest {
  @Test
  void fixedSeenAgainIsReopened() {
    assertThat(Lifecycle.seen(ExposureStatus.FIXED)).isEqualTo(ExposureStatus.REOPENED);
    assertThat(Lifecycle.outcomeOfSighting(ExposureStatus.FIXED)).isEqualTo(Lifecycle.Outcome.REOPENED);
  }

  @Test
  void humanDecisionsSurviveSightingsAndMisses() {
    for (ExposureStatus s : new ExposureStatus[] {ExposureStatus.ACCEPTED, ExposureStatus.FALSE_POSITIVE, ExposureStatus.OUT_OF_SCOPE}) {
      assertThat(Lifecycle.seen(s)).isEqualTo(s);
      assertThat(Lifecycle.missing(s)).isEqualTo(s);
    }
  }

  @Test
  void activeExposureMissingFromACoveringScanIsFixed() {
    assertThat(Lifecycle.missing(ExposureStatus.OPEN)).isEqualTo(ExposureStatus.FIXED);
    assertThat(Lifecycle.missing(ExposureStatus.REOPENED)).isEqualTo(ExposureStatus.FIXED);
  }
}
