package vigil.integrations;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A call to an outside system (ticket system, chat webhook, SMTP server) that did not succeed,
 * with what was attempted, where (secrets already redacted), and the facts a retry decision needs:
 * the kind of failure, the HTTP status or SMTP reply code, and the server's {@code Retry-After}.
 * Whether to retry is decided by {@code vigil.integrations.delivery.RetryPolicy}, not here.
 */
public final class IntegrationException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  /** What went wrong, as far as a retry decision cares. */
  public enum Kind {
    /** No answer: connection refused or reset, unknown host, TLS failure, I/O error. */
    UNREACHABLE,
    /** Connected, but no complete answer in time. */
    TIMEOUT,
    /** An HTTP answer with a status other than 2xx; {@link #status()} holds it. */
    HTTP_STATUS,
    /** An SMTP reply refusing the message or the login; {@link #status()} holds the reply code. */
    SMTP_REPLY,
    /** A 2xx answer Vigil cannot use (not JSON, a field missing). */
    BAD_RESPONSE,
    /** Vigil's side is wrong: a transition the workflow does not offer, an unknown target. */
    CONFIGURATION
  }

  private final Kind kind;
  private final String operation;
  private final String target;
  private final int status;
  private final Duration retryAfter;

  private IntegrationException(Builder b) {
    super(b.operation + " at " + b.target + ": " + b.problem, b.cause);
    this.kind = b.kind;
    this.operation = b.operation;
    this.target = b.target;
    this.status = b.status;
    this.retryAfter = b.retryAfter;
  }

  /** Starts an exception for {@code operation} (e.g. "jira: create issue") at a redacted target. */
  public static Builder of(Kind kind, String operation, String redactedTarget) {
    return new Builder(kind, operation, redactedTarget);
  }

  public Kind kind() {
    return kind;
  }

  /** What Vigil attempted, e.g. {@code "jira: transition SEC-12 to close"}. */
  public String operation() {
    return operation;
  }

  /** Where, with secrets removed, e.g. {@code "https://acme.atlassian.net/rest/api/3/issue"}. */
  public String target() {
    return target;
  }

  /** HTTP status or SMTP reply code; 0 when the server gave none. */
  public int status() {
    return status;
  }

  /** How long the server asked Vigil to wait ({@code Retry-After}), when it said. */
  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }

  /** Builds an {@link IntegrationException}; the problem text must already be free of secrets. */
  public static final class Builder {
    private final Kind kind;
    private final String operation;
    private final String target;
    private String problem = "failed";
    private int status;
    private Duration retryAfter;
    private Throwable cause;

    private Builder(Kind kind, String operation, String target) {
      this.kind = Objects.requireNonNull(kind, "kind");
      this.operation = Objects.requireNonNull(operation, "operation");
      this.target = Objects.requireNonNull(target, "target");
    }

    public Builder problem(String problem) {
      this.problem = Objects.requireNonNull(problem, "problem");
      return this;
    }

    public Builder status(int status) {
      this.status = status;
      return this;
    }

    public Builder retryAfter(Duration retryAfter) {
      this.retryAfter = retryAfter;
      return this;
    }

    /**
     * The underlying exception. Its message is not copied; callers pass only causes whose
     * messages cannot hold secrets (I/O and mail exceptions name hosts and ports, not tokens).
     */
    public Builder cause(Throwable cause) {
      this.cause = cause;
      return this;
    }

    public IntegrationException build() {
      return new IntegrationException(this);
    }
  }
}
