package vigil.engine.mobilise;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vigil.engine.lifecycle.ExposureStatus;
import vigil.engine.mobilise.SlaClock.Transition;
import vigil.engine.risk.Priority;

class SlaClockTest {
  private static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");
  private static final Duration WEEK = Duration.ofDays(7);

  private static Instant day(int n) {
    return T0.plus(Duration.ofDays(n));
  }

  @Test
  void clockStartsAtFirstSeen() {
    SlaClock.Reading r = SlaClock.read(T0, List.of(), WEEK, true, day(3));
    assertThat(r.due()).isEqualTo(day(7));
    assertThat(r.breachedAt(day(3))).isFalse();
    assertThat(r.breachedAt(day(7))).isTrue();
  }

  @Test
  void acceptancePausesTheClockAndExpiryResumesIt() {
    List<Transition> t = List.of(new Transition(day(2), ExposureStatus.ACCEPTED), new Transition(day(12), ExposureStatus.OPEN));
    SlaClock.Reading r = SlaClock.read(T0, t, WEEK, true, day(13));
    assertThat(r.pausedFor()).isEqualTo(Duration.ofDays(10));
    assertThat(r.due()).isEqualTo(day(17));
    assertThat(r.paused()).isFalse();
  }

  @Test
  void acceptedExposureIsNeverBreached() {
    SlaClock.Reading r = SlaClock.read(T0, List.of(new Transition(day(1), ExposureStatus.ACCEPTED)), WEEK, true, day(30));
    assertThat(r.paused()).isTrue();
    assertThat(r.breachedAt(day(30))).isFalse();
  }

  @Test
  void reopeningRestartsTheClockUnlessConfiguredNot() {
    List<Transition> t = List.of(new Transition(day(3), ExposureStatus.FIXED), new Transition(day(20), ExposureStatus.REOPENED));
    assertThat(SlaClock.read(T0, t, WEEK, true, day(21)).due()).isEqualTo(day(27));
    assertThat(SlaClock.read(T0, t, WEEK, false, day(21)).due()).isEqualTo(day(7));
  }

  @Test
  void policyDefaultsAndOverridesServiceBeforeEnvironment() {
    SlaPolicy defaults = SlaPolicy.defaults();
    assertThat(defaults.allowed(Priority.P1, null, Set.of())).isEqualTo(Duration.ofDays(7));
    assertThat(defaults.allowed(Priority.P4, null, Set.of())).isEqualTo(Duration.ofDays(180));
    Properties p = new Properties();
    p.setProperty("P2", "20");
    p.setProperty("environment.Production.P1", "3");
    p.setProperty("service.payments.P1", "2");
    p.setProperty("service.shop.P1", "5");
    p.setProperty("restart-on-reopen", "false");
    SlaPolicy policy = SlaPolicy.fromProperties(p, "sla.properties");
    assertThat(policy.allowed(Priority.P2, "production", Set.of())).isEqualTo(Duration.ofDays(20));
    assertThat(policy.allowed(Priority.P1, "production", Set.of())).isEqualTo(Duration.ofDays(3));
    assertThat(policy.allowed(Priority.P1, "production", Set.of("shop", "payments"))).isEqualTo(Duration.ofDays(2));
    assertThat(policy.allowed(Priority.P1, "staging", Set.of())).isEqualTo(Duration.ofDays(7));
    assertThat(policy.restartOnReopen()).isFalse();
  }

  @Test
  void badPolicyValueNamesFileAndKey() {
    Properties p = new Properties();
    p.setProperty("environment.prod.P1", "soon");
    assertThatThrownBy(() -> SlaPolicy.fromProperties(p, "sla.properties"))
        .hasMessageContaining("sla.properties").hasMessageContaining("environment.prod.P1").hasMessageContaining("soon");
  }
}
