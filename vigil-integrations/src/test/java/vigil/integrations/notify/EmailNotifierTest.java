package vigil.integrations.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import jakarta.mail.Address;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import vigil.integrations.IntegrationException;
import vigil.integrations.Secret;
import vigil.integrations.testing.LoopbackServer;
import vigil.integrations.testing.Samples;

/** Against GreenMail, a real SMTP server on loopback that requires a login. */
class EmailNotifierTest {
  private static final Secret PASSWORD = Secret.of("smtp-s3cret-for-vigil");
  private static final Clock CLOCK = Clock.fixed(Samples.T0, ZoneOffset.UTC);

  private GreenMail smtp;

  @BeforeEach
  void start() {
    smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("vigil@acme.example", "vigil", PASSWORD.reveal()));
    smtp.getUserManager().setAuthRequired(true);
    smtp.start();
  }

  @AfterEach
  void stop() {
    smtp.stop();
  }

  private SmtpConfig config(int port, Secret password) {
    return new SmtpConfig("127.0.0.1", port, SmtpConfig.Security.NONE, Optional.of("vigil"), Optional.of(password),
        "Vigil <vigil@acme.example>", List.of("secops@acme.example", "web-team@acme.example"),
        Duration.ofSeconds(5), Duration.ofSeconds(5));
  }

  @Test
  void deliversThePlainTextMessageWithSubjectAndHeadersToEveryRecipient() throws Exception {
    new EmailNotifier(config(smtp.getSmtp().getPort(), PASSWORD), Templates.builtIn(), CLOCK)
        .send(Samples.slaBreach(), "d-1");

    MimeMessage[] received = smtp.getReceivedMessages();
    assertThat(received).hasSize(2); // one copy per recipient mailbox
    MimeMessage m = received[0];
    assertThat(m.getSubject()).isEqualTo("[Vigil] SLA breached: Upgrade OpenSSL on the web tier");
    assertThat(Arrays.stream(m.getFrom()).map(Address::toString)).containsExactly("Vigil <vigil@acme.example>");
    assertThat(Arrays.stream(m.getAllRecipients()).map(Address::toString))
        .containsExactly("secops@acme.example", "web-team@acme.example");
    assertThat(m.getHeader("Auto-Submitted")).containsExactly("auto-generated");
    assertThat(m.getHeader("X-Vigil-Event")).containsExactly("sla.breach");
    assertThat(m.getHeader("X-Vigil-Delivery")).containsExactly("d-1");
    assertThat(m.getSentDate().toInstant()).isEqualTo(Samples.T0);
    assertThat(m.getContentType()).startsWith("text/plain").containsIgnoringCase("charset=UTF-8");
    assertThat(((String) m.getContent()).replace("\r\n", "\n"))
        .startsWith("The SLA of this fix group has run out.\n")
        .contains("Open exposures: 3", "https://vigil.acme.internal/fix-groups/fg-42");
  }

  @Test
  void aRefusedLoginIsAnSmtpReplyWithCode535() {
    EmailNotifier notifier = new EmailNotifier(config(smtp.getSmtp().getPort(), Secret.of("wrong-password")),
        Templates.builtIn(), CLOCK);

    assertThatThrownBy(() -> notifier.send(Samples.fixVerified(), "d-2"))
        .isInstanceOfSatisfying(IntegrationException.class, e -> {
          assertThat(e.kind()).isEqualTo(IntegrationException.Kind.SMTP_REPLY);
          assertThat(e.status()).isEqualTo(535);
          assertThat(e.getMessage()).contains("email: send fix.verified d-2", "smtp://127.0.0.1:")
              .doesNotContain("wrong-password");
        });
    assertThat(smtp.getReceivedMessages()).isEmpty();
  }

  @Test
  void aRelayThatIsDownIsUnreachable() {
    EmailNotifier notifier = new EmailNotifier(config(LoopbackServer.freePort(), PASSWORD), Templates.builtIn(), CLOCK);

    assertThatThrownBy(() -> notifier.send(Samples.newP1(), "d-3"))
        .isInstanceOfSatisfying(IntegrationException.class, e ->
            assertThat(e.kind()).isEqualTo(IntegrationException.Kind.UNREACHABLE));
  }

  @Test
  void anInvalidRecipientIsRefusedWhenConfigured() {
    assertThatThrownBy(() -> new EmailNotifier(new SmtpConfig("127.0.0.1", 25, SmtpConfig.Security.NONE,
        Optional.empty(), Optional.empty(), "vigil@acme.example", List.of("not an address"),
        Duration.ofSeconds(1), Duration.ofSeconds(1)), Templates.builtIn(), CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("not an address");
  }
}
