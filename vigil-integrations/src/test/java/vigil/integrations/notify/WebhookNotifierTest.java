package vigil.integrations.notify;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.node.ObjectNode;
import vigil.integrations.Secret;
import vigil.integrations.http.RestClient;
import vigil.integrations.notify.WebhookSignature.Verification;
import vigil.integrations.testing.Fixtures;
import vigil.integrations.testing.LoopbackServer;
import vigil.integrations.testing.LoopbackServer.Reply;
import vigil.integrations.testing.Samples;

class WebhookNotifierTest {
  private static final Secret KEY = Secret.of("whsec_5f0c1e9a2b7d4c3e8f6a");
  private static final Clock CLOCK = Clock.fixed(Samples.T0, ZoneOffset.UTC);

  @Test
  void theReceiverVerifiesTheSignatureOverTheBytesItGot() {
    WebhookSignature receiver = new WebhookSignature(List.of(KEY), WebhookSignature.DEFAULT_TOLERANCE, CLOCK);
    List<Verification> verdicts = new CopyOnWriteArrayList<>();
    try (LoopbackServer hook = LoopbackServer.start(r -> {
      Verification v = receiver.verify(r.header(WebhookSignature.TIMESTAMP_HEADER),
          r.header(WebhookSignature.SIGNATURE_HEADER), r.bytes());
      verdicts.add(v);
      return v == Verification.VALID ? Reply.empty(204) : Reply.text(401, "bad signature");
    })) {
      new WebhookNotifier(Secret.of(hook.uri("/hooks/vigil?token=abc123").toString()), KEY, Templates.builtIn(),
          RestClient.newHttpClient(Duration.ofSeconds(5)), Duration.ofSeconds(5), CLOCK)
          .send(Samples.fixVerified(), "0b7e6a52-4c1e-4d1a-9d55-2f6f3c1a9e01");

      assertThat(verdicts).containsExactly(Verification.VALID);
      LoopbackServer.Request r = hook.last();
      assertThat(r.method() + " " + r.path() + "?" + r.query()).isEqualTo("POST /hooks/vigil?token=abc123");
      assertThat(r.header(WebhookSignature.TIMESTAMP_HEADER)).isEqualTo(Long.toString(Samples.T0.getEpochSecond()));
      assertThat(r.header(WebhookSignature.EVENT_HEADER)).isEqualTo("fix.verified");
      assertThat(r.header(WebhookSignature.DELIVERY_HEADER)).isEqualTo("0b7e6a52-4c1e-4d1a-9d55-2f6f3c1a9e01");
      assertThat(r.header(WebhookSignature.SIGNATURE_HEADER)).matches("sha256=[0-9a-f]{64}");
      Fixtures.assertBodyMatches(r.body(), "webhook/fix.verified.request.json");
    }
  }

  @Test
  void dataCarriesEveryFieldOfTheNotification() {
    try (LoopbackServer hook = LoopbackServer.start(r -> Reply.empty(200))) {
      new WebhookNotifier(Secret.of(hook.uri("/h").toString()), KEY, Templates.builtIn(),
          RestClient.newHttpClient(Duration.ofSeconds(5)), Duration.ofSeconds(5), CLOCK)
          .send(Samples.shadowIt(), "d-2");

      ObjectNode data = (ObjectNode) Fixtures.parse(hook.last().body()).path("data");
      assertThat(data.propertyNames()).containsExactlyInAnyOrder("asset", "identifiers", "source", "firstSeen", "link");
      assertThat(data.path("identifiers").get(1).asString()).isEqualTo("fqdn:old-shop.acme.example");
    }
  }
}
