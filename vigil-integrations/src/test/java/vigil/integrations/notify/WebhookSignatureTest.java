package vigil.integrations.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.integrations.Secret;
import vigil.integrations.notify.WebhookSignature.Verification;

class WebhookSignatureTest {
  private static final Secret KEY = Secret.of("whsec_test_key");
  private static final long TS = 1735689600L; // 2025-01-01T00:00:00Z
  private static final byte[] BODY = "{\"id\":\"d-1\",\"event\":\"fix.verified\"}".getBytes(StandardCharsets.UTF_8);

  private static WebhookSignature verifierAt(long epochSecond, Secret... keys) {
    return new WebhookSignature(List.of(keys), WebhookSignature.DEFAULT_TOLERANCE,
        Clock.fixed(Instant.ofEpochSecond(epochSecond), ZoneOffset.UTC));
  }

  @Test
  void signatureIsHmacSha256OfTimestampDotBodyInLowercaseHex() {
    // Computed independently: python3 -c "import hmac,hashlib; print(hmac.new(b'whsec_test_key',
    //   b'1735689600.{\"id\":\"d-1\",\"event\":\"fix.verified\"}', hashlib.sha256).hexdigest())"
    assertThat(WebhookSignature.sign(KEY, TS, BODY))
        .isEqualTo("sha256=103c04eea885b10dfcd3be683c88cd2b9686ffaa280e1cb0afdfa0b91455c0c4");
  }

  @Test
  void aFreshSignedBodyIsValid() {
    assertThat(verifierAt(TS + 60, KEY).verify(Long.toString(TS), WebhookSignature.sign(KEY, TS, BODY), BODY))
        .isEqualTo(Verification.VALID);
  }

  @Test
  void aTamperedBodyIsRefused() {
    byte[] tampered = "{\"id\":\"d-1\",\"event\":\"sla.breach\"}".getBytes(StandardCharsets.UTF_8);

    assertThat(verifierAt(TS, KEY).verify(Long.toString(TS), WebhookSignature.sign(KEY, TS, BODY), tampered))
        .isEqualTo(Verification.MISMATCH);
  }

  @Test
  void aChangedTimestampIsRefused() {
    assertThat(verifierAt(TS, KEY).verify(Long.toString(TS + 1), WebhookSignature.sign(KEY, TS, BODY), BODY))
        .isEqualTo(Verification.MISMATCH);
  }

  @Test
  void aStaleTimestampIsRefusedEvenWithAGoodSignature() {
    String signature = WebhookSignature.sign(KEY, TS, BODY);

    assertThat(verifierAt(TS + 301, KEY).verify(Long.toString(TS), signature, BODY)).isEqualTo(Verification.STALE);
    assertThat(verifierAt(TS - 301, KEY).verify(Long.toString(TS), signature, BODY)).isEqualTo(Verification.STALE);
    assertThat(verifierAt(TS + 300, KEY).verify(Long.toString(TS), signature, BODY)).isEqualTo(Verification.VALID);
  }

  @Test
  void anotherKeysSignatureIsRefusedAndBothKeysWorkDuringRotation() {
    Secret next = Secret.of("whsec_next_key");
    String byNext = WebhookSignature.sign(next, TS, BODY);

    assertThat(verifierAt(TS, KEY).verify(Long.toString(TS), byNext, BODY)).isEqualTo(Verification.MISMATCH);
    assertThat(verifierAt(TS, KEY, next).verify(Long.toString(TS), byNext, BODY)).isEqualTo(Verification.VALID);
  }

  @Test
  void missingOrMalformedHeadersAreMalformed() {
    WebhookSignature v = verifierAt(TS, KEY);
    String good = WebhookSignature.sign(KEY, TS, BODY);

    assertThat(v.verify(null, good, BODY)).isEqualTo(Verification.MALFORMED);
    assertThat(v.verify(Long.toString(TS), null, BODY)).isEqualTo(Verification.MALFORMED);
    assertThat(v.verify("yesterday", good, BODY)).isEqualTo(Verification.MALFORMED);
    assertThat(v.verify(Long.toString(TS), "sha1=abcd", BODY)).isEqualTo(Verification.MALFORMED);
    assertThat(v.verify(Long.toString(TS), "sha256=not-hex", BODY)).isEqualTo(Verification.MALFORMED);
  }

  @Test
  void toleranceIsConfigurable() {
    WebhookSignature strict = new WebhookSignature(List.of(KEY), Duration.ofSeconds(10),
        Clock.fixed(Instant.ofEpochSecond(TS + 11), ZoneOffset.UTC));

    assertThat(strict.verify(Long.toString(TS), WebhookSignature.sign(KEY, TS, BODY), BODY))
        .isEqualTo(Verification.STALE);
  }
}
