package vigil.engine.mobilise;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import vigil.engine.lifecycle.ExposureStatus;

/**
 * When an exposure's SLA falls due. The clock starts at first seen, stops while the exposure is
 * accepted (and goes on from where it stood when acceptance ends), and, when the policy says so,
 * starts afresh when a fixed exposure is reopened.
 */
public final class SlaClock {
  private SlaClock() {}

  /** One status change of the exposure. */
  public record Transition(Instant at, ExposureStatus to) {
    public Transition {
      Objects.requireNonNull(at, "at");
      Objects.requireNonNull(to, "to");
    }
  }

  /**
   * Where the clock stands.
   *
   * @param due when the SLA is breached if nothing changes; while paused, the due date had the
   *     pause ended at {@code now}
   * @param paused whether the clock is stopped now
   */
  public record Reading(Instant started, Duration pausedFor, Instant due, boolean paused) {
    public boolean breachedAt(Instant now) {
      return !paused && !now.isBefore(due);
    }

    public Duration remainingAt(Instant now) {
      return Duration.between(now, due);
    }
  }

  public static Reading read(Instant firstSeen, List<Transition> transitions, Duration allowed,
      boolean restartOnReopen, Instant now) {
    Objects.requireNonNull(firstSeen, "firstSeen");
    Objects.requireNonNull(allowed, "allowed");
    Instant start = firstSeen;
    Duration paused = Duration.ZERO;
    Instant pauseStart = null;
    List<Transition> ordered = transitions.stream().sorted(Comparator.comparing(Transition::at)).toList();
    for (Transition t : ordered) {
      if (t.to() == ExposureStatus.ACCEPTED) {
        if (pauseStart == null) {
          pauseStart = t.at();
        }
      } else if (pauseStart != null) {
        paused = paused.plus(Duration.between(pauseStart, t.at()));
        pauseStart = null;
      }
      if (t.to() == ExposureStatus.REOPENED && restartOnReopen) {
        start = t.at();
        paused = Duration.ZERO;
      }
    }
    boolean pausedNow = pauseStart != null;
    Duration total = pausedNow ? paused.plus(Duration.between(pauseStart, now)) : paused;
    return new Reading(start, total, start.plus(allowed).plus(total), pausedNow);
  }
}
