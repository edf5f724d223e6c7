package vigil.integrations.notify;

import java.net.URI;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Something Vigil tells people about. Each kind is a record whose components are what the
 * templates may show; {@code link} points into Vigil's UI and may be null. The record is also the
 * outbox payload (as JSON), so its components stay plain values.
 */
public sealed interface Notification {

  /** Which event this is; names the templates and the outbox message's {@code event}. */
  NotificationEvent event();

  URI link();

  /** An exposure became P1 (new, or re-scored into P1). {@code cve} and {@code owner} may be null. */
  record NewP1Exposure(String exposureId, String title, String asset, String cve, double riskScore,
      String explanation, String owner, URI link) implements Notification {
    public NewP1Exposure {
      Objects.requireNonNull(exposureId, "exposureId");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(asset, "asset");
    }

    @Override
    public NotificationEvent event() {
      return NotificationEvent.NEW_P1_EXPOSURE;
    }
  }

  /** A fix group is past its SLA due time. */
  record SlaBreach(String fixGroupId, String title, String owner, String priority, Instant dueAt,
      int openExposures, URI link) implements Notification {
    public SlaBreach {
      Objects.requireNonNull(fixGroupId, "fixGroupId");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(dueAt, "dueAt");
    }

    @Override
    public NotificationEvent event() {
      return NotificationEvent.SLA_BREACH;
    }
  }

  /** A fix group's SLA is about to run out. */
  record SlaNearBreach(String fixGroupId, String title, String owner, String priority, Instant dueAt,
      int openExposures, URI link) implements Notification {
    public SlaNearBreach {
      Objects.requireNonNull(fixGroupId, "fixGroupId");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(dueAt, "dueAt");
    }

    @Override
    public NotificationEvent event() {
      return NotificationEvent.SLA_NEAR_BREACH;
    }
  }

  /** A risk acceptance ends soon; after that the exposure's SLA clock runs again. */
  record AcceptanceExpiring(String acceptanceId, String exposureTitle, String asset, String approver,
      Instant expiresAt, URI link) implements Notification {
    public AcceptanceExpiring {
      Objects.requireNonNull(acceptanceId, "acceptanceId");
      Objects.requireNonNull(exposureTitle, "exposureTitle");
      Objects.requireNonNull(expiresAt, "expiresAt");
    }

    @Override
    public NotificationEvent event() {
      return NotificationEvent.ACCEPTANCE_EXPIRING;
    }
  }

  /** A covering scan or re-check confirmed a fix group's fix. */
  record FixVerified(String fixGroupId, String title, int exposuresClosed, String verifiedBy,
      Instant verifiedAt, URI link) implements Notification {
    public FixVerified {
      Objects.requireNonNull(fixGroupId, "fixGroupId");
      Objects.requireNonNull(title, "title");
      Objects.requireNonNull(verifiedAt, "verifiedAt");
    }

    @Override
    public NotificationEvent event() {
      return NotificationEvent.FIX_VERIFIED;
    }
  }

  /** An asset in no scope: shadow IT, reported and never scanned actively. */
  record ShadowItFound(String asset, List<String> identifiers, String source, Instant firstSeen,
      URI link) implements Notification {
    public ShadowItFound {
      Objects.requireNonNull(asset, "asset");
      identifiers = identifiers == null ? List.of() : List.copyOf(identifiers);
      Objects.requireNonNull(firstSeen, "firstSeen");
    }

    @Override
    public NotificationEvent event() {
      return NotificationEvent.SHADOW_IT_FOUND;
    }
  }
}
