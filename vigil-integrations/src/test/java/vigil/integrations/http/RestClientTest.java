package vigil.integrations.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import vigil.integrations.IntegrationException;
import vigil.integrations.IntegrationException.Kind;
import vigil.integrations.Secret;
import vigil.integrations.testing.LoopbackServer;
import vigil.integrations.testing.LoopbackServer.Reply;

class RestClientTest {
  private static RestClient client(Duration timeout) {
    return RestClient.forApi(RestClient.newHttpClient(Duration.ofSeconds(5)), HttpAuth.bearer(Secret.of("tok")),
        timeout, Clock.systemUTC());
  }

  @Test
  void redirectsAreNotFollowedSoCredentialsStayWithTheHost() {
    try (LoopbackServer elsewhere = LoopbackServer.start(r -> Reply.empty(200));
        LoopbackServer api = LoopbackServer.start(r ->
            new Reply(302, Map.of("Location", elsewhere.uri("/steal").toString()), ""))) {
      assertThatThrownBy(() -> client(Duration.ofSeconds(5)).call("test: get", "GET", api.uri("/x")).send())
          .isInstanceOfSatisfying(IntegrationException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.HTTP_STATUS);
            assertThat(e.status()).isEqualTo(302);
          });
      assertThat(elsewhere.requests()).isEmpty();
    }
  }

  @Test
  void aServerThatNeverAnswersIsATimeout() {
    CountDownLatch release = new CountDownLatch(1);
    try (LoopbackServer slow = LoopbackServer.start(r -> {
      release.await();
      return Reply.empty(200);
    })) {
      try {
        assertThatThrownBy(() -> client(Duration.ofMillis(200)).call("test: get", "GET", slow.uri("/x")).send())
            .isInstanceOfSatisfying(IntegrationException.class, e -> assertThat(e.kind()).isEqualTo(Kind.TIMEOUT));
      } finally {
        release.countDown(); // before the server stops: it waits for its handler thread
      }
    }
  }

  @Test
  void anOversizedAnswerIsRefused() {
    String big = "x".repeat(RestClient.MAX_BODY_BYTES + 1);
    try (LoopbackServer api = LoopbackServer.start(r -> Reply.text(200, big))) {
      assertThatThrownBy(() -> client(Duration.ofSeconds(5)).call("test: get", "GET", api.uri("/x")).send())
          .isInstanceOfSatisfying(IntegrationException.class, e -> {
            assertThat(e.kind()).isEqualTo(Kind.BAD_RESPONSE);
            assertThat(e.getMessage()).contains("larger than");
          });
    }
  }

  @Test
  void retryAfterReadsSecondsAndHttpDates() {
    Instant now = Instant.parse("2025-01-31T14:05:00Z");

    assertThat(RetryAfter.parse("120", now)).contains(Duration.ofSeconds(120));
    assertThat(RetryAfter.parse("Fri, 31 Jan 2025 15:05:00 GMT", now)).contains(Duration.ofHours(1));
    assertThat(RetryAfter.parse("Fri, 31 Jan 2025 13:05:00 GMT", now)).contains(Duration.ZERO);
    assertThat(RetryAfter.parse("soon", now)).isEmpty();
    assertThat(RetryAfter.parse(null, now)).isEmpty();
    assertThat(RetryAfter.parse("99999999999999999999999", now)).isEmpty();
  }

  @Test
  void aMalformedSecretUrlIsRefusedWithoutRepeatingIt() {
    assertThatThrownBy(() -> RestClient.secretUrl(Secret.of("https://hooks.slack.com/services/T/B/SECRET x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("SECRET");
    assertThatThrownBy(() -> RestClient.secretUrl(Secret.of("mailto:SECRET@x")))
        .isInstanceOf(IllegalArgumentException.class).hasMessageNotContaining("SECRET");
  }
}
