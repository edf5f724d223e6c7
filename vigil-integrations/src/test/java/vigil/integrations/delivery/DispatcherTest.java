package vigil.integrations.delivery;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import vigil.integrations.Secret;
import vigil.integrations.http.HttpAuth;
import vigil.integrations.http.RestClient;
import vigil.integrations.notify.Templates;
import vigil.integrations.notify.WebhookNotifier;
import vigil.integrations.notify.WebhookSignature;
import vigil.integrations.testing.LoopbackServer;
import vigil.integrations.testing.LoopbackServer.Reply;
import vigil.integrations.testing.MutableClock;
import vigil.integrations.testing.Samples;
import vigil.integrations.ticket.TicketDraft;
import vigil.integrations.ticket.TicketRef;
import vigil.integrations.ticket.jira.FakeJira;
import vigil.integrations.ticket.jira.JiraConfig;
import vigil.integrations.ticket.jira.JiraTicketSystem;

class DispatcherTest {
  private static final Secret KEY = Secret.of("whsec_dispatch_test_key");
  private static final String EMAIL = "bot@acme.example";
  private static final Secret TOKEN = Secret.of("jira-token-for-dispatch");

  private final MutableClock clock = new MutableClock(Samples.T0);

  private Dispatcher dispatcher(Targets targets) {
    return new Dispatcher(targets, RetryPolicy.DEFAULT, clock, new SplittableRandom(42));
  }

  private Targets webhookTo(URI url) {
    WebhookNotifier notifier = new WebhookNotifier(Secret.of(url.toString()), KEY, Templates.builtIn(),
        RestClient.newHttpClient(Duration.ofSeconds(5)), Duration.ofSeconds(5), clock);
    return Targets.builder()
        .add(new Targets.Name(Channel.WEBHOOK, "siem"), Destination.of(notifier), List.of(KEY))
        .build();
  }

  private OutboxMessage message() {
    return OutboxMessage.of(Channel.WEBHOOK, "siem", Samples.fixVerified(), clock.instant());
  }

  @Test
  void aTargetThatIsDownGetsTheMessageOnceItIsBack() {
    int port = LoopbackServer.freePort();
    Dispatcher dispatcher = dispatcher(webhookTo(URI.create("http://127.0.0.1:" + port + "/hook")));
    OutboxMessage message = message();

    DeliveryOutcome first = dispatcher.dispatch(message);

    assertThat(first).isInstanceOf(DeliveryOutcome.RetryLater.class);
    DeliveryOutcome.RetryLater retry = (DeliveryOutcome.RetryLater) first;
    assertThat(retry.reason()).contains("webhook: post fix.verified " + message.id(), "cannot connect");
    assertThat(retry.next().id()).isEqualTo(message.id());
    assertThat(retry.next().attempt()).isEqualTo(1);
    assertThat(retry.next().nextAttemptAt()).isBetween(Samples.T0.plusSeconds(15), Samples.T0.plusSeconds(30));

    clock.set(retry.next().nextAttemptAt());
    WebhookSignature receiver = new WebhookSignature(List.of(KEY), WebhookSignature.DEFAULT_TOLERANCE, clock);
    try (LoopbackServer target = LoopbackServer.start(port, r -> receiver.verify(
        r.header(WebhookSignature.TIMESTAMP_HEADER), r.header(WebhookSignature.SIGNATURE_HEADER), r.bytes())
        == WebhookSignature.Verification.VALID ? Reply.empty(204) : Reply.text(401, "bad signature"))) {

      DeliveryOutcome second = dispatcher.dispatch(retry.next());

      assertThat(second).isEqualTo(new DeliveryOutcome.Delivered(message.id(), 2, clock.instant(), Optional.empty()));
      assertThat(target.requests()).hasSize(1);
      assertThat(target.last().header(WebhookSignature.DELIVERY_HEADER)).isEqualTo(message.id());
      // Signed at the retry, not at the first attempt: a long outage does not make it stale.
      assertThat(target.last().header(WebhookSignature.TIMESTAMP_HEADER))
          .isEqualTo(Long.toString(retry.next().nextAttemptAt().getEpochSecond()));
    }
  }

  @Test
  void aClientErrorFailsForGood() {
    try (LoopbackServer target = LoopbackServer.start(r -> Reply.json(400, "{\"error\":\"unknown event\"}"))) {
      DeliveryOutcome outcome = dispatcher(webhookTo(target.uri("/hook"))).dispatch(message());

      assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Failed.class, f -> {
        assertThat(f.attempts()).isEqualTo(1);
        assertThat(f.reason()).contains("HTTP 400", "unknown event");
      });
    }
  }

  @Test
  void tooManyRequestsWaitsAsLongAsTheServerAsks() {
    try (LoopbackServer target = LoopbackServer.start(r -> new Reply(429, Map.of("Retry-After", "600"), ""))) {
      DeliveryOutcome outcome = dispatcher(webhookTo(target.uri("/hook"))).dispatch(message());

      assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.RetryLater.class, r ->
          assertThat(r.next().nextAttemptAt()).isEqualTo(Samples.T0.plusSeconds(600)));
    }
  }

  @Test
  void unavailableWithAnHttpDateRetryAfterWaitsUntilThatDate() {
    String date = DateTimeFormatter.RFC_1123_DATE_TIME.format(ZonedDateTime.ofInstant(Samples.T0.plusSeconds(3600), ZoneOffset.UTC));
    try (LoopbackServer target = LoopbackServer.start(r -> new Reply(503, Map.of("Retry-After", date), "maintenance"))) {
      DeliveryOutcome outcome = dispatcher(webhookTo(target.uri("/hook"))).dispatch(message());

      assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.RetryLater.class, r -> {
        assertThat(r.next().nextAttemptAt()).isEqualTo(Samples.T0.plusSeconds(3600));
        assertThat(r.reason()).contains("HTTP 503: maintenance");
      });
    }
  }

  @Test
  void serverErrorsAndRequestTimeoutsAreRetriedWithGrowingDelays() {
    int[] statuses = {408, 500, 502, 504};
    AtomicInteger call = new AtomicInteger();
    try (LoopbackServer target = LoopbackServer.start(r -> Reply.text(statuses[call.getAndIncrement()], "oops"))) {
      Dispatcher dispatcher = dispatcher(webhookTo(target.uri("/hook")));
      OutboxMessage m = message();
      Instant previous = clock.instant();
      Duration previousWait = Duration.ZERO;
      for (int attempt = 1; attempt <= 4; attempt++) {
        DeliveryOutcome outcome = dispatcher.dispatch(m);
        assertThat(outcome).isInstanceOf(DeliveryOutcome.RetryLater.class);
        m = ((DeliveryOutcome.RetryLater) outcome).next();
        assertThat(m.attempt()).isEqualTo(attempt);
        Duration wait = Duration.between(previous, m.nextAttemptAt());
        assertThat(wait).isGreaterThan(previousWait.dividedBy(2)).isLessThanOrEqualTo(RetryPolicy.DEFAULT.backoff(attempt));
        previousWait = wait;
        previous = m.nextAttemptAt();
        clock.set(previous);
      }
    }
  }

  @Test
  void afterTheLastAttemptTheMessageFailsForGood() {
    int port = LoopbackServer.freePort();
    Dispatcher dispatcher = new Dispatcher(webhookTo(URI.create("http://127.0.0.1:" + port + "/hook")),
        new RetryPolicy(Duration.ofSeconds(1), 2, Duration.ofSeconds(10), 3, Duration.ofHours(1)), clock,
        new SplittableRandom(1));
    OutboxMessage m = message();

    DeliveryOutcome outcome = dispatcher.dispatch(m);
    outcome = dispatcher.dispatch(((DeliveryOutcome.RetryLater) outcome).next());
    outcome = dispatcher.dispatch(((DeliveryOutcome.RetryLater) outcome).next());

    assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.Failed.class, f -> {
      assertThat(f.attempts()).isEqualTo(3);
      assertThat(f.reason()).startsWith("gave up after 3 attempts; last: ").contains("cannot connect");
    });
  }

  @Test
  void anUnknownTargetFailsNamingTheSettingToAdd() {
    OutboxMessage m = OutboxMessage.of(Channel.SLACK, "nowhere", Samples.newP1(), clock.instant());

    assertThat(dispatcher(Targets.builder().build()).dispatch(m)).isInstanceOfSatisfying(DeliveryOutcome.Failed.class,
        f -> assertThat(f.reason()).contains("vigil.integrations.slack.nowhere."));
  }

  @Test
  void aPayloadThatDoesNotFitItsEventFailsWithoutCallingTheTarget() {
    try (LoopbackServer target = LoopbackServer.start(r -> Reply.empty(204))) {
      OutboxMessage broken = new OutboxMessage("m-9", Channel.WEBHOOK, "siem", "fix.verified", "[1,2]", 0, clock.instant());

      assertThat(dispatcher(webhookTo(target.uri("/hook"))).dispatch(broken))
          .isInstanceOfSatisfying(DeliveryOutcome.Failed.class, f -> assertThat(f.reason()).contains("m-9", "FixVerified"));
      assertThat(target.requests()).isEmpty();
    }
  }

  @Test
  void anUnexpectedErrorKeepsTheMessageForAnotherTry() {
    Targets targets = Targets.builder().add(new Targets.Name(Channel.SLACK, "buggy"), m -> {
      throw new IllegalStateException("a bug");
    }, List.of()).build();

    DeliveryOutcome outcome = dispatcher(targets).dispatch(OutboxMessage.of(Channel.SLACK, "buggy", Samples.newP1(), clock.instant()));

    assertThat(outcome).isInstanceOfSatisfying(DeliveryOutcome.RetryLater.class,
        r -> assertThat(r.reason()).isEqualTo("unexpected java.lang.IllegalStateException: a bug"));
  }

  @Test
  void aTicketCreateIsDeliveredWithTheTicketToStore() {
    try (FakeJira jira = fakeJira()) {
      Dispatcher dispatcher = dispatcher(jiraTarget(jira));

      DeliveryOutcome outcome = dispatcher.dispatch(OutboxMessage.of(Channel.JIRA, "sec",
          new TicketCommand.Create(TicketDraft.builder("fg-42", "Upgrade OpenSSL").build()), clock.instant()));

      TicketRef expected = new TicketRef("jira", "10001", "SEC-1", URI.create(jira.baseUrl() + "/browse/SEC-1"));
      assertThat(outcome).isEqualTo(new DeliveryOutcome.Delivered(outcome.messageId(), 1, clock.instant(), Optional.of(expected)));

      DeliveryOutcome closed = dispatcher.dispatch(OutboxMessage.of(Channel.JIRA, "sec",
          new TicketCommand.Transition(expected, "close"), clock.instant()));
      assertThat(closed).isInstanceOf(DeliveryOutcome.Delivered.class);
    }
  }

  @Test
  void aCreateWhoseAnswerWasLostDoesNotMakeADuplicateOnRetry() {
    try (FakeJira jira = fakeJira()) {
      Dispatcher dispatcher = dispatcher(jiraTarget(jira));
      jira.failNextCreateAfterStoring(502);
      OutboxMessage create = OutboxMessage.of(Channel.JIRA, "sec",
          new TicketCommand.Create(TicketDraft.builder("fg-42", "Upgrade OpenSSL").build()), clock.instant());

      DeliveryOutcome first = dispatcher.dispatch(create);
      assertThat(first).isInstanceOf(DeliveryOutcome.RetryLater.class);
      assertThat(jira.issueCount()).isEqualTo(1);

      DeliveryOutcome second = dispatcher.dispatch(((DeliveryOutcome.RetryLater) first).next());

      assertThat(second).isInstanceOfSatisfying(DeliveryOutcome.Delivered.class,
          d -> assertThat(d.ticket().orElseThrow().key()).isEqualTo("SEC-1"));
      assertThat(jira.issueCount()).isEqualTo(1);
    }
  }

  private static FakeJira fakeJira() {
    return new FakeJira("Basic " + Base64.getEncoder()
        .encodeToString((EMAIL + ":" + TOKEN.reveal()).getBytes(StandardCharsets.UTF_8)));
  }

  private Targets jiraTarget(FakeJira jira) {
    JiraConfig config = new JiraConfig(URI.create(jira.baseUrl()), 3, "SEC", "Task", HttpAuth.basic(EMAIL, TOKEN),
        JiraConfig.DEFAULT_PRIORITIES, Optional.empty(), List.of(), List.of(), JiraConfig.DEFAULT_TRANSITIONS,
        Optional.empty(), Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(5));
    return Targets.builder().add("sec", new JiraTicketSystem(config, clock), List.of(TOKEN)).build();
  }
}
