package vigil.integrations.notify;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import vigil.integrations.Secret;

/**
 * Signs and verifies Vigil's webhooks. The signature is HMAC-SHA256 over {@code
 * "<timestamp>.<body bytes>"}, where timestamp is Unix seconds; the headers are {@code
 * X-Vigil-Timestamp: 1735689600} and {@code X-Vigil-Signature: sha256=<lowercase hex>}. Signing
 * the timestamp with the body lets a receiver refuse replays older than its tolerance. Receivers
 * (including Vigil's own tests) verify with {@link #verify}; during a key rotation both keys may be
 * given. Thread-safe.
 */
public final class WebhookSignature {
  public static final String TIMESTAMP_HEADER = "X-Vigil-Timestamp";
  public static final String SIGNATURE_HEADER = "X-Vigil-Signature";
  public static final String EVENT_HEADER = "X-Vigil-Event";
  public static final String DELIVERY_HEADER = "X-Vigil-Delivery";
  public static final Duration DEFAULT_TOLERANCE = Duration.ofMinutes(5);

  private static final String ALGORITHM = "HmacSHA256";
  private static final String PREFIX = "sha256=";

  /** A verification's result. */
  public enum Verification {
    VALID,
    /** A header is missing or not in the expected form. */
    MALFORMED,
    /** The timestamp is further from now than the tolerance: a replay or a badly set clock. */
    STALE,
    /** The body or timestamp was changed, or signed with another key. */
    MISMATCH
  }

  private final List<Secret> keys;
  private final Duration tolerance;
  private final Clock clock;

  /** A verifier that accepts signatures by any of {@code keys} (several while rotating). */
  public WebhookSignature(List<Secret> keys, Duration tolerance, Clock clock) {
    if (keys.isEmpty()) {
      throw new IllegalArgumentException("at least one signing key is needed");
    }
    this.keys = List.copyOf(keys);
    this.tolerance = Objects.requireNonNull(tolerance, "tolerance");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The {@code X-Vigil-Signature} value for a body sent at {@code timestamp} (Unix seconds). */
  public static String sign(Secret key, long timestamp, byte[] body) {
    return PREFIX + HexFormat.of().formatHex(mac(key, timestamp, body));
  }

  /** Checks a received webhook: its two headers' values (null when absent) and the raw body bytes. */
  public Verification verify(String timestampHeader, String signatureHeader, byte[] body) {
    if (timestampHeader == null || signatureHeader == null || !signatureHeader.startsWith(PREFIX)) {
      return Verification.MALFORMED;
    }
    long timestamp;
    byte[] given;
    try {
      timestamp = Long.parseLong(timestampHeader.strip());
      given = HexFormat.of().parseHex(signatureHeader.substring(PREFIX.length()).strip());
    } catch (IllegalArgumentException e) {
      return Verification.MALFORMED;
    }
    Instant sent = Instant.ofEpochSecond(timestamp);
    if (Duration.between(sent, clock.instant()).abs().compareTo(tolerance) > 0) {
      return Verification.STALE;
    }
    for (Secret key : keys) {
      // Constant-time comparison: timing must not reveal how much of a forged signature matched.
      if (MessageDigest.isEqual(mac(key, timestamp, body), given)) {
        return Verification.VALID;
      }
    }
    return Verification.MISMATCH;
  }

  private static byte[] mac(Secret key, long timestamp, byte[] body) {
    try {
      Mac mac = Mac.getInstance(ALGORITHM);
      mac.init(new SecretKeySpec(key.reveal().getBytes(StandardCharsets.UTF_8), ALGORITHM));
      mac.update((timestamp + ".").getBytes(StandardCharsets.US_ASCII));
      return mac.doFinal(body);
    } catch (NoSuchAlgorithmException | InvalidKeyException e) {
      throw new IllegalStateException("HMAC-SHA256 is not available in this JVM", e);
    }
  }
}
