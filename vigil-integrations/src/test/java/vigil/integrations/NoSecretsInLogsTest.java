package vigil.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.IThrowableProxy;
import ch.qos.logback.core.read.ListAppender;
import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import vigil.integrations.delivery.Channel;
import vigil.integrations.delivery.DeliveryOutcome;
import vigil.integrations.delivery.Dispatcher;
import vigil.integrations.delivery.OutboxMessage;
import vigil.integrations.delivery.RetryPolicy;
import vigil.integrations.delivery.TicketCommand;
import vigil.integrations.delivery.Targets;
import vigil.integrations.testing.LoopbackServer;
import vigil.integrations.testing.LoopbackServer.Reply;
import vigil.integrations.testing.MutableClock;
import vigil.integrations.testing.Samples;
import vigil.integrations.ticket.TicketDraft;

/**
 * Every log event at every level (SLF4J through Logback, and java.util.logging, which the JDK's
 * HTTP client and Jakarta Mail use), every outcome reason and every exception message, while
 * targets fail in ways that echo credentials back: none may contain a secret.
 */
class NoSecretsInLogsTest {
  private static final String JIRA_TOKEN = "ATATT3xFfGF0T0p-S3cret-Jira-Token";
  private static final String SN_PASSWORD = "Sn0w-P4ssw0rd-Never-Log";
  private static final String SLACK_PATH = "/services/T0SECRET1/B0SECRET2/sEcReTsLaCkToKeN123";
  private static final String TEAMS_SIG = "sig=TeamsSignatureSecretValue42";
  private static final String WEBHOOK_TOKEN = "hookQueryToken987";
  private static final String SIGNING_KEY = "whsec_signing_key_never_logged";
  private static final String SMTP_PASSWORD = "smtp-pw-never-logged";

  private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
  private final List<LogRecord> julRecords = new ArrayList<>();
  private final Handler julHandler = new Handler() {
    @Override
    public void publish(LogRecord r) {
      julRecords.add(r);
    }

    @Override
    public void flush() {}

    @Override
    public void close() {}
  };
  private java.util.logging.Level julLevel;
  private final List<String> reported = new ArrayList<>();

  @BeforeEach
  void capture() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.setLevel(Level.TRACE);
    appender.start();
    root.addAppender(appender);
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger("");
    julLevel = jul.getLevel();
    jul.setLevel(java.util.logging.Level.ALL);
    julHandler.setLevel(java.util.logging.Level.ALL);
    jul.addHandler(julHandler);
  }

  @AfterEach
  void restore() {
    Logger root = (Logger) LoggerFactory.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME);
    root.detachAppender(appender);
    root.setLevel(Level.WARN);
    java.util.logging.Logger jul = java.util.logging.Logger.getLogger("");
    jul.removeHandler(julHandler);
    jul.setLevel(julLevel);
  }

  @Test
  void noSecretReachesALogLineAnOutcomeOrAnExceptionMessage() {
    String jiraBasic = Base64.getEncoder().encodeToString(("bot@acme.example:" + JIRA_TOKEN).getBytes(StandardCharsets.UTF_8));
    String snBasic = Base64.getEncoder().encodeToString(("vigil:" + SN_PASSWORD).getBytes(StandardCharsets.UTF_8));
    // A hostile or careless server that quotes back everything it got.
    LoopbackServer.Handler echo = r -> Reply.text(r.path().contains("/ok") ? 200 : 500,
        "you sent " + r.method() + " " + r.path() + "?" + r.query() + " auth=" + r.header("Authorization")
            + " headers=" + r.headers().entrySet() + " body=" + r.body());
    GreenMail smtp = new GreenMail(new ServerSetup(0, "127.0.0.1", ServerSetup.PROTOCOL_SMTP))
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("vigil@acme.example", "vigil", "other-password"));
    smtp.getUserManager().setAuthRequired(true);
    smtp.start();
    int down = LoopbackServer.freePort();
    try (LoopbackServer server = LoopbackServer.start(echo)) {
      String base = "http://127.0.0.1:" + server.port();
      Map<String, String> settings = Map.ofEntries(
          Map.entry("vigil.integrations.jira.sec.base-url", base),
          Map.entry("vigil.integrations.jira.sec.project", "SEC"),
          Map.entry("vigil.integrations.jira.sec.email", "bot@acme.example"),
          Map.entry("vigil.integrations.jira.sec.api-token", JIRA_TOKEN),
          Map.entry("vigil.integrations.servicenow.itsm.base-url", base),
          Map.entry("vigil.integrations.servicenow.itsm.user", "vigil"),
          Map.entry("vigil.integrations.servicenow.itsm.password", SN_PASSWORD),
          Map.entry("vigil.integrations.slack.secops.webhook-url", base + SLACK_PATH),
          Map.entry("vigil.integrations.slack.down.webhook-url", "http://127.0.0.1:" + down + SLACK_PATH),
          Map.entry("vigil.integrations.teams.secops.webhook-url", base + "/workflows/1/invoke?api-version=1&" + TEAMS_SIG),
          Map.entry("vigil.integrations.webhook.siem.url", base + "/hook?token=" + WEBHOOK_TOKEN),
          Map.entry("vigil.integrations.webhook.siem.secret", SIGNING_KEY),
          Map.entry("vigil.integrations.webhook.ok.url", base + "/ok?token=" + WEBHOOK_TOKEN),
          Map.entry("vigil.integrations.webhook.ok.secret", SIGNING_KEY),
          Map.entry("vigil.integrations.email.ops.host", "127.0.0.1"),
          Map.entry("vigil.integrations.email.ops.port", Integer.toString(smtp.getSmtp().getPort())),
          Map.entry("vigil.integrations.email.ops.security", "none"),
          Map.entry("vigil.integrations.email.ops.user", "vigil"),
          Map.entry("vigil.integrations.email.ops.password", SMTP_PASSWORD),
          Map.entry("vigil.integrations.email.ops.from", "vigil@acme.example"),
          Map.entry("vigil.integrations.email.ops.to", "secops@acme.example"));
      MutableClock clock = new MutableClock(Samples.T0);
      Targets targets = Targets.fromSettings(Settings.of(settings).under("vigil.integrations"), clock);
      Dispatcher dispatcher = new Dispatcher(targets, RetryPolicy.DEFAULT, clock, new SplittableRandom(3));
      TicketCommand create = new TicketCommand.Create(TicketDraft.builder("fg-1", "Patch it").build());

      report(dispatcher.dispatch(OutboxMessage.of(Channel.JIRA, "sec", create, clock.instant())));
      report(dispatcher.dispatch(OutboxMessage.of(Channel.SERVICENOW, "itsm", create, clock.instant())));
      report(dispatcher.dispatch(OutboxMessage.of(Channel.SLACK, "secops", Samples.newP1(), clock.instant())));
      report(dispatcher.dispatch(OutboxMessage.of(Channel.SLACK, "down", Samples.newP1(), clock.instant())));
      report(dispatcher.dispatch(OutboxMessage.of(Channel.TEAMS, "secops", Samples.slaBreach(), clock.instant())));
      report(dispatcher.dispatch(OutboxMessage.of(Channel.WEBHOOK, "siem", Samples.fixVerified(), clock.instant())));
      report(dispatcher.dispatch(OutboxMessage.of(Channel.WEBHOOK, "ok", Samples.fixVerified(), clock.instant())));
      report(dispatcher.dispatch(OutboxMessage.of(Channel.EMAIL, "ops", Samples.shadowIt(), clock.instant())));
      // A destination whose bug puts a credential into an exception message.
      Targets buggy = Targets.builder().add(new Targets.Name(Channel.SLACK, "buggy"), m -> {
        throw new IllegalStateException("cannot use token " + JIRA_TOKEN);
      }, List.of(Secret.of(JIRA_TOKEN))).build();
      report(new Dispatcher(buggy, RetryPolicy.DEFAULT, clock, new SplittableRandom(3))
          .dispatch(OutboxMessage.of(Channel.SLACK, "buggy", Samples.newP1(), clock.instant())));
      // Settings errors about secret values.
      try {
        Targets.fromSettings(Settings.of(Map.of(
            "slack.x.webhook-url", "https://hooks.slack.com/services/T1/B2/" + WEBHOOK_TOKEN + " x")), clock);
      } catch (IllegalArgumentException e) {
        reported.add(e.getMessage());
      }
      assertThat(server.requests()).hasSizeGreaterThanOrEqualTo(6); // the echoing server was reached
    } finally {
      smtp.stop();
    }

    List<String> everything = new ArrayList<>(reported);
    for (ILoggingEvent e : appender.list) {
      everything.add(e.getFormattedMessage());
      for (IThrowableProxy t = e.getThrowableProxy(); t != null; t = t.getCause()) {
        everything.add(t.getClassName() + ": " + t.getMessage());
      }
    }
    for (LogRecord r : julRecords) {
      if (r.getLoggerName() != null && r.getLoggerName().startsWith("com.sun.net.httpserver")) {
        continue; // the receiving test server's own trace, not Vigil's
      }
      everything.add(r.getLoggerName() + " " + r.getMessage() + " " + java.util.Arrays.toString(r.getParameters()));
      for (Throwable t = r.getThrown(); t != null; t = t.getCause()) {
        everything.add(t.toString());
      }
    }
    assertThat(appender.list).as("the scenario logged something to check").isNotEmpty();
    assertThat(reported).as("every dispatch reported").hasSize(10);
    assertThat(reported).anySatisfy(r -> assertThat(r).contains("HTTP 500: you sent", "***"));
    for (String secret : List.of(JIRA_TOKEN, jiraBasic, SN_PASSWORD, snBasic, "sEcReTsLaCkToKeN123", "T0SECRET1",
        "TeamsSignatureSecretValue42", WEBHOOK_TOKEN, SIGNING_KEY, SMTP_PASSWORD)) {
      assertThat(everything.stream().filter(line -> line != null && line.contains(secret)))
          .as("lines that leak secret %s", secret).isEmpty();
    }
  }

  private void report(DeliveryOutcome outcome) {
    if (outcome instanceof DeliveryOutcome.RetryLater r) {
      reported.add(r.reason() + " " + r.next());
    } else if (outcome instanceof DeliveryOutcome.Failed f) {
      reported.add(f.reason() + " " + f);
    } else {
      reported.add("delivered " + outcome);
    }
  }
}
