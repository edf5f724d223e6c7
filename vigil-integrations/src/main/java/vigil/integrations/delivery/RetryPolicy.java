package vigil.integrations.delivery;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import vigil.integrations.IntegrationException;
import vigil.integrations.Settings;

/**
 * When to try again. A failure is worth retrying when the target may take the message later: no
 * answer, a timeout, HTTP 408, 425, 429 or 5xx, an SMTP 4xx reply. Anything else (other 4xx, a
 * 5xx SMTP reply, an unusable answer, a configuration error) is permanent. The delay after the n-th
 * failed attempt is {@code initialDelay × multiplier^(n-1)}, capped at {@code maxDelay}, with
 * "equal jitter" (a random point in its upper half) so that many messages failing together do not
 * come back together; a server's {@code Retry-After} is honoured (capped at {@code maxRetryAfter})
 * when it asks for longer. After {@code maxAttempts} attempts the message fails for good.
 */
public record RetryPolicy(
    Duration initialDelay,
    double multiplier,
    Duration maxDelay,
    int maxAttempts,
    Duration maxRetryAfter) {

  /** 30 s, doubling, capped at 6 h, 20 attempts (about three and a half days), Retry-After up to 24 h. */
  public static final RetryPolicy DEFAULT =
      new RetryPolicy(Duration.ofSeconds(30), 2.0, Duration.ofHours(6), 20, Duration.ofHours(24));

  public RetryPolicy {
    Objects.requireNonNull(initialDelay, "initialDelay");
    Objects.requireNonNull(maxDelay, "maxDelay");
    Objects.requireNonNull(maxRetryAfter, "maxRetryAfter");
    if (initialDelay.isNegative() || initialDelay.isZero()) {
      throw new IllegalArgumentException("initialDelay must be positive, not " + initialDelay);
    }
    if (maxDelay.compareTo(initialDelay) < 0) {
      throw new IllegalArgumentException("maxDelay " + maxDelay + " is below initialDelay " + initialDelay);
    }
    if (multiplier < 1) {
      throw new IllegalArgumentException("multiplier must be >= 1, not " + multiplier);
    }
    if (maxAttempts < 1) {
      throw new IllegalArgumentException("maxAttempts must be >= 1, not " + maxAttempts);
    }
  }

  /**
   * Reads {@code initial-delay}, {@code multiplier}, {@code max-delay}, {@code max-attempts} and
   * {@code max-retry-after} (keys relative to {@code s}, e.g. under {@code vigil.integrations.retry});
   * defaults as {@link #DEFAULT}.
   */
  public static RetryPolicy fromSettings(Settings s) {
    double multiplier;
    String m = s.get("multiplier", Double.toString(DEFAULT.multiplier));
    try {
      multiplier = Double.parseDouble(m);
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException("setting " + s.key("multiplier") + " = '" + m + "' is not a number", e);
    }
    return new RetryPolicy(
        s.duration("initial-delay", DEFAULT.initialDelay),
        multiplier,
        s.duration("max-delay", DEFAULT.maxDelay),
        s.integer("max-attempts", DEFAULT.maxAttempts),
        s.duration("max-retry-after", DEFAULT.maxRetryAfter));
  }

  /** Whether the target may take the message on a later attempt. */
  public boolean isRetryable(IntegrationException e) {
    int status = e.status();
    return switch (e.kind()) {
      case UNREACHABLE, TIMEOUT -> true;
      case HTTP_STATUS -> status == 408 || status == 425 || status == 429 || (status >= 500 && status <= 599);
      case SMTP_REPLY -> status >= 400 && status <= 499;
      case BAD_RESPONSE, CONFIGURATION -> false;
    };
  }

  /** The exponential delay after {@code failedAttempts} failures, before jitter and Retry-After. */
  public Duration backoff(int failedAttempts) {
    double factor = Math.pow(multiplier, Math.max(0, failedAttempts - 1));
    double millis = initialDelay.toMillis() * factor;
    return millis >= maxDelay.toMillis() || Double.isInfinite(millis)
        ? maxDelay
        : Duration.ofMillis((long) millis);
  }

  /**
   * How long to wait after {@code failedAttempts} failures: the back-off with equal jitter, or the
   * server's {@code Retry-After} (capped) when that is longer.
   */
  public Duration delay(int failedAttempts, Optional<Duration> retryAfter, RandomGenerator random) {
    long ceiling = backoff(failedAttempts).toMillis();
    long half = ceiling / 2;
    Duration jittered = Duration.ofMillis(half + random.nextLong(ceiling - half + 1));
    Duration asked = retryAfter.map(r -> r.compareTo(maxRetryAfter) > 0 ? maxRetryAfter : r).orElse(Duration.ZERO);
    return asked.compareTo(jittered) > 0 ? asked : jittered;
  }
}
