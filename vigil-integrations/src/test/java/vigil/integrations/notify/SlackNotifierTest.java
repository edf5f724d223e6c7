package vigil.integrations.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vigil.integrations.testing.Fixtures.assertBodyMatches;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.integrations.IntegrationException;
import vigil.integrations.Secret;
import vigil.integrations.http.RestClient;
import vigil.integrations.testing.LoopbackServer;
import vigil.integrations.testing.LoopbackServer.Reply;
import vigil.integrations.testing.Samples;

class SlackNotifierTest {
  private static final String HOOK_PATH = "/services/T00000000/B00000000/XXXXXXXXXXXXXXXXXXXXXXXX";
  private static final Clock CLOCK = Clock.fixed(Samples.T0, ZoneOffset.UTC);

  private static SlackNotifier notifier(LoopbackServer server) {
    return new SlackNotifier(Secret.of(server.uri(HOOK_PATH).toString()), Templates.builtIn(),
        RestClient.newHttpClient(Duration.ofSeconds(5)), Duration.ofSeconds(5), CLOCK);
  }

  @Test
  void postsHeaderSectionAndButtonWithAFallbackText() {
    try (LoopbackServer slack = LoopbackServer.start(r -> Reply.text(200, "ok"))) {
      notifier(slack).send(Samples.slaBreach(), "d-1");

      LoopbackServer.Request r = slack.last();
      assertThat(r.method() + " " + r.path()).isEqualTo("POST " + HOOK_PATH);
      assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
      assertThat(r.header("Authorization")).isNull();
      assertBodyMatches(r.body(), "slack/sla.breach.request.json");
    }
  }

  @Test
  void aNotificationWithoutLinkHasNoButton() {
    try (LoopbackServer slack = LoopbackServer.start(r -> Reply.text(200, "ok"))) {
      notifier(slack).send(Samples.acceptanceExpiring(), "d-2");

      assertThat(slack.last().body()).doesNotContain("actions").contains("\"type\":\"header\"");
    }
  }

  @Test
  void rateLimitCarriesRetryAfterAndTheWebhookPathStaysSecret() {
    try (LoopbackServer slack = LoopbackServer.start(r ->
        new Reply(429, Map.of("Retry-After", "30"), "rate_limited"))) {
      assertThatThrownBy(() -> notifier(slack).send(Samples.newP1(), "d-3"))
          .isInstanceOfSatisfying(IntegrationException.class, e -> {
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.retryAfter()).contains(Duration.ofSeconds(30));
            assertThat(e.getMessage()).contains("slack: post exposure.p1 d-3", "http://127.0.0.1:" + slack.port() + "/***",
                "rate_limited").doesNotContain("T00000000", "XXXXXXXX");
          });
    }
  }

  @Test
  void slacksErrorWordIsQuoted() {
    try (LoopbackServer slack = LoopbackServer.start(r -> Reply.text(404, "no_service"))) {
      assertThatThrownBy(() -> notifier(slack).send(Samples.fixVerified(), "d-4"))
          .hasMessageContaining("HTTP 404: no_service");
    }
  }
}
