package vigil.store.mobilise;

import java.time.LocalDate;
import java.util.Locale;
import java.util.Objects;

/**
 * A request to accept the risk of an exposure until a date: why, who asked, who approved (someone
 * else). The acceptance holds through {@code until} and expires the day after.
 */
public record Acceptance(String justification, String requestedBy, String approver, LocalDate until) {
  public Acceptance {
    justification = required(justification, "justification");
    requestedBy = required(requestedBy, "requested by");
    approver = required(approver, "approver");
    Objects.requireNonNull(until, "until");
    if (approver.toLowerCase(Locale.ROOT).equals(requestedBy.toLowerCase(Locale.ROOT))) {
      throw new IllegalArgumentException("the approver must be someone other than the requester (" + approver + ")");
    }
  }

  private static String required(String value, String what) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException("a risk acceptance needs a " + what);
    }
    return value.trim();
  }
}
