package vigil.integrations.delivery;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.random.RandomGenerator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import vigil.integrations.IntegrationException;
import vigil.integrations.Redaction;
import vigil.integrations.Secret;
import vigil.integrations.ticket.TicketRef;

/**
 * Delivers one due outbox message through its target and classifies the result: {@link
 * DeliveryOutcome.Delivered}, {@link DeliveryOutcome.RetryLater} (with the next due time from the
 * {@link RetryPolicy}), or {@link DeliveryOutcome.Failed}. It never throws for a delivery problem
 * and holds no state, so any number of workers may share it; the store decides which messages are
 * due and claims each for one worker.
 */
public final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);

  private final Targets targets;
  private final RetryPolicy policy;
  private final Clock clock;
  private final RandomGenerator random;

  public Dispatcher(Targets targets, RetryPolicy policy, Clock clock, RandomGenerator random) {
    this.targets = Objects.requireNonNull(targets, "targets");
    this.policy = Objects.requireNonNull(policy, "policy");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.random = Objects.requireNonNull(random, "random");
  }

  /** A dispatcher on the system clock with a fresh random source for jitter. */
  public static Dispatcher of(Targets targets, RetryPolicy policy) {
    return new Dispatcher(targets, policy, Clock.systemUTC(), RandomGenerator.getDefault());
  }

  public DeliveryOutcome dispatch(OutboxMessage message) {
    List<Secret> secrets = targets.secrets(message.channel(), message.target());
    Optional<Destination> destination = targets.destination(message.channel(), message.target());
    if (destination.isEmpty()) {
      return failed(message, "no target " + message.channel().key() + "." + message.target()
          + " is configured (vigil.integrations." + message.channel().key() + "." + message.target() + ".…)");
    }
    try {
      Optional<TicketRef> ticket = destination.get().deliver(message);
      LOG.debug("outbox {} ({} to {}.{}) delivered on attempt {}", message.id(), message.event(),
          message.channel().key(), message.target(), message.attempt() + 1);
      return new DeliveryOutcome.Delivered(message.id(), message.attempt() + 1, clock.instant(), ticket);
    } catch (IntegrationException e) {
      String reason = Redaction.text(e.getMessage(), secrets);
      return policy.isRetryable(e) ? retry(message, reason, e.retryAfter()) : failed(message, reason);
    } catch (IllegalArgumentException e) {
      // The message or the target's configuration is wrong; trying again changes nothing.
      return failed(message, Redaction.text(e.getMessage(), secrets));
    } catch (RuntimeException e) {
      // A bug or something unforeseen: keep the message and say so loudly, with the stack trace
      // but not the original message, which may quote a secret.
      String reason = Redaction.text("unexpected " + e.getClass().getName() + ": " + e.getMessage(), secrets);
      RuntimeException scrubbed = new RuntimeException(reason);
      scrubbed.setStackTrace(e.getStackTrace());
      LOG.error("outbox {} ({} to {}.{}) hit an unexpected error", message.id(), message.event(),
          message.channel().key(), message.target(), scrubbed);
      return retry(message, reason, Optional.empty());
    }
  }

  private DeliveryOutcome retry(OutboxMessage message, String reason, Optional<Duration> retryAfter) {
    int failed = message.attempt() + 1;
    if (failed >= policy.maxAttempts()) {
      return failed(message, "gave up after " + failed + " attempts; last: " + reason);
    }
    Instant next = clock.instant().plus(policy.delay(failed, retryAfter, random));
    LOG.info("outbox {} ({} to {}.{}) attempt {} failed, next at {}: {}", message.id(), message.event(),
        message.channel().key(), message.target(), failed, next, reason);
    return new DeliveryOutcome.RetryLater(message.retryAt(next), reason);
  }

  private DeliveryOutcome failed(OutboxMessage message, String reason) {
    LOG.warn("outbox {} ({} to {}.{}) failed for good after attempt {}: {}", message.id(), message.event(),
        message.channel().key(), message.target(), message.attempt() + 1, reason);
    return new DeliveryOutcome.Failed(message.id(), message.attempt() + 1, reason);
  }
}
