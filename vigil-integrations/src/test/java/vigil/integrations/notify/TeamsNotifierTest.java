package vigil.integrations.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vigil.integrations.testing.Fixtures.assertBodyMatches;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import vigil.integrations.IntegrationException;
import vigil.integrations.Secret;
import vigil.integrations.http.RestClient;
import vigil.integrations.testing.LoopbackServer;
import vigil.integrations.testing.LoopbackServer.Reply;
import vigil.integrations.testing.Samples;

class TeamsNotifierTest {
  private static final String WORKFLOW_PATH =
      "/workflows/7f3c/triggers/manual/paths/invoke?api-version=2016-06-01&sp=%2Ftriggers%2Fmanual%2Frun&sv=1.0&sig=Zm9vYmFyc2lnbmF0dXJl";
  private static final Clock CLOCK = Clock.fixed(Samples.T0, ZoneOffset.UTC);

  private static TeamsNotifier notifier(LoopbackServer server, TeamsNotifier.Format format) {
    return new TeamsNotifier(Secret.of(server.uri(WORKFLOW_PATH).toString()), format, Templates.builtIn(),
        RestClient.newHttpClient(Duration.ofSeconds(5)), Duration.ofSeconds(5), CLOCK);
  }

  @Test
  void postsAnAdaptiveCardInAMessageEnvelope() {
    try (LoopbackServer teams = LoopbackServer.start(r -> Reply.empty(202))) {
      notifier(teams, TeamsNotifier.Format.ADAPTIVE_CARD).send(Samples.fixVerified(), "d-1");

      LoopbackServer.Request r = teams.last();
      assertThat(r.method() + " " + r.path()).isEqualTo("POST /workflows/7f3c/triggers/manual/paths/invoke");
      assertThat(r.query()).contains("sig=Zm9vYmFyc2lnbmF0dXJl");
      assertBodyMatches(r.body(), "teams/fix.verified.adaptive-card.request.json");
    }
  }

  @Test
  void postsALegacyMessageCardWhenConfigured() {
    try (LoopbackServer teams = LoopbackServer.start(r -> Reply.text(200, "1"))) {
      notifier(teams, TeamsNotifier.Format.MESSAGE_CARD).send(Samples.slaBreach(), "d-2");

      assertBodyMatches(teams.last().body(), "teams/sla.breach.message-card.request.json");
    }
  }

  @Test
  void aLegacyErrorInsideA200CountsAsThatStatus() {
    try (LoopbackServer teams = LoopbackServer.start(r -> Reply.text(200,
        "Microsoft Teams endpoint returned HTTP error 429 with ContextId tcid=0,server=msgapi-production-eus-azsc2-4-170,cv=deadbeef"))) {
      assertThatThrownBy(() -> notifier(teams, TeamsNotifier.Format.MESSAGE_CARD).send(Samples.newP1(), "d-3"))
          .isInstanceOfSatisfying(IntegrationException.class, e -> {
            assertThat(e.kind()).isEqualTo(IntegrationException.Kind.HTTP_STATUS);
            assertThat(e.status()).isEqualTo(429);
            assertThat(e.getMessage()).doesNotContain("Zm9vYmFyc2lnbmF0dXJl", "workflows");
          });
    }
  }
}
