package vigil.integrations.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vigil.integrations.IntegrationException;
import vigil.integrations.IntegrationException.Kind;
import vigil.integrations.Settings;

class RetryPolicyTest {
  private final RetryPolicy policy = RetryPolicy.DEFAULT;

  @Test
  void backOffDoublesFromThirtySecondsUpToTheCap() {
    assertThat(policy.backoff(1)).isEqualTo(Duration.ofSeconds(30));
    assertThat(policy.backoff(2)).isEqualTo(Duration.ofSeconds(60));
    assertThat(policy.backoff(5)).isEqualTo(Duration.ofMinutes(8));
    assertThat(policy.backoff(11)).isEqualTo(Duration.ofHours(6));
    assertThat(policy.backoff(1000)).isEqualTo(Duration.ofHours(6));
  }

  @Test
  void jitterStaysInTheUpperHalfOfTheBackOffAndSpreadsMessages() {
    SplittableRandom random = new SplittableRandom(7);
    long min = Long.MAX_VALUE;
    long max = 0;
    for (int i = 0; i < 1000; i++) {
      long ms = policy.delay(3, Optional.empty(), random).toMillis();
      min = Math.min(min, ms);
      max = Math.max(max, ms);
    }
    assertThat(min).isGreaterThanOrEqualTo(60_000);
    assertThat(max).isLessThanOrEqualTo(120_000);
    assertThat(max - min).isGreaterThan(50_000);
  }

  @Test
  void retryAfterIsHonouredWhenLongerAndCapped() {
    SplittableRandom random = new SplittableRandom(1);

    assertThat(policy.delay(1, Optional.of(Duration.ofMinutes(10)), random)).isEqualTo(Duration.ofMinutes(10));
    assertThat(policy.delay(1, Optional.of(Duration.ofDays(30)), random)).isEqualTo(Duration.ofHours(24));
    assertThat(policy.delay(1, Optional.of(Duration.ofSeconds(1)), random)).isBetween(Duration.ofSeconds(15), Duration.ofSeconds(30));
  }

  @ParameterizedTest
  @CsvSource({
      "UNREACHABLE, 0, true", "TIMEOUT, 0, true",
      "HTTP_STATUS, 408, true", "HTTP_STATUS, 425, true", "HTTP_STATUS, 429, true",
      "HTTP_STATUS, 500, true", "HTTP_STATUS, 502, true", "HTTP_STATUS, 503, true", "HTTP_STATUS, 504, true",
      "HTTP_STATUS, 400, false", "HTTP_STATUS, 401, false", "HTTP_STATUS, 403, false", "HTTP_STATUS, 404, false",
      "HTTP_STATUS, 410, false", "HTTP_STATUS, 422, false", "HTTP_STATUS, 301, false",
      "SMTP_REPLY, 421, true", "SMTP_REPLY, 451, true", "SMTP_REPLY, 535, false", "SMTP_REPLY, 550, false",
      "BAD_RESPONSE, 200, false", "CONFIGURATION, 0, false"})
  void onlyFailuresTheTargetMayGetOverAreRetried(Kind kind, int status, boolean retryable) {
    IntegrationException e = IntegrationException.of(kind, "op", "target").status(status).build();

    assertThat(policy.isRetryable(e)).isEqualTo(retryable);
  }

  @Test
  void settingsOverrideTheDefaults() {
    RetryPolicy p = RetryPolicy.fromSettings(Settings.of(Map.of(
        "retry.initial-delay", "5s", "retry.multiplier", "3", "retry.max-delay", "1h", "retry.max-attempts", "4"))
        .under("retry"));

    assertThat(p).isEqualTo(new RetryPolicy(Duration.ofSeconds(5), 3, Duration.ofHours(1), 4, Duration.ofHours(24)));
    assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(45));
  }
}
