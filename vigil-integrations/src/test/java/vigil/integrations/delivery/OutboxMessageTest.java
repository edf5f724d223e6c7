package vigil.integrations.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.integrations.notify.Notification;
import vigil.integrations.testing.Samples;
import vigil.integrations.ticket.TicketDraft;
import vigil.integrations.ticket.TicketRef;

class OutboxMessageTest {
  private static final Instant NOW = Samples.T0;
  private static final TicketRef REF = new TicketRef("jira", "10001", "SEC-1", URI.create("https://jira/browse/SEC-1"));

  static List<Notification> notifications() {
    return Samples.all();
  }

  @ParameterizedTest
  @MethodSource("notifications")
  void everyNotificationSurvivesThePayloadRoundTrip(Notification n) {
    OutboxMessage m = OutboxMessage.of(Channel.SLACK, "secops", n, NOW);

    assertThat(m.event()).isEqualTo(n.event().key());
    assertThat(m.attempt()).isZero();
    assertThat(m.nextAttemptAt()).isEqualTo(NOW);
    assertThat(m.notification()).isEqualTo(n);
  }

  static List<TicketCommand> commands() {
    TicketDraft draft = TicketDraft.builder("fg-42", "Upgrade OpenSSL").description("d").priority("P1")
        .labels(List.of("a")).components(List.of("c")).dueDate(LocalDate.of(2025, 2, 14)).assignee("u")
        .field("customfield_1", "v").build();
    return List.of(new TicketCommand.Create(draft), new TicketCommand.Update(REF, draft),
        new TicketCommand.Transition(REF, "close"), new TicketCommand.Comment(REF, "verified"));
  }

  @ParameterizedTest
  @MethodSource("commands")
  void everyTicketCommandSurvivesThePayloadRoundTrip(TicketCommand c) {
    OutboxMessage m = OutboxMessage.of(Channel.JIRA, "sec", c, NOW);

    assertThat(m.event()).isEqualTo(c.kind().key());
    assertThat(m.ticketCommand()).isEqualTo(c);
  }

  @Test
  void theIdIsKeptAcrossRetries() {
    OutboxMessage m = OutboxMessage.of(Channel.WEBHOOK, "siem", Samples.fixVerified(), NOW);

    OutboxMessage again = m.retryAt(NOW.plusSeconds(30)).retryAt(NOW.plusSeconds(90));

    assertThat(again.id()).isEqualTo(m.id());
    assertThat(again.attempt()).isEqualTo(2);
    assertThat(again.nextAttemptAt()).isEqualTo(NOW.plusSeconds(90));
    assertThat(again.payload()).isEqualTo(m.payload());
  }

  @Test
  void notificationsAndTicketCommandsGoOnlyToTheirChannels() {
    assertThatThrownBy(() -> OutboxMessage.of(Channel.JIRA, "sec", Samples.fixVerified(), NOW))
        .hasMessageContaining("jira takes ticket commands");
    assertThatThrownBy(() -> OutboxMessage.of(Channel.EMAIL, "x", new TicketCommand.Comment(REF, "c"), NOW))
        .hasMessageContaining("email takes notifications");
  }

  @Test
  void aPayloadThatDoesNotFitItsEventIsRefusedNamingTheMessage() {
    OutboxMessage m = new OutboxMessage("m-1", Channel.SLACK, "secops", "fix.verified", "{\"title\": 3", 0, NOW);
    OutboxMessage unknown = new OutboxMessage("m-2", Channel.SLACK, "secops", "fix.maybe", "{}", 0, NOW);

    assertThatThrownBy(m::notification).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("outbox message m-1: payload is not a valid FixVerified");
    assertThatThrownBy(unknown::notification).hasMessageContaining("'fix.maybe' is not a notification event");
  }
}
