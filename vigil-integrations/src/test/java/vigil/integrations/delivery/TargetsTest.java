package vigil.integrations.delivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;
import vigil.integrations.Secret;
import vigil.integrations.Settings;

class TargetsTest {
  private static final Map<String, String> ALL = Map.ofEntries(
      Map.entry("vigil.integrations.jira.sec.base-url", "https://acme.atlassian.net"),
      Map.entry("vigil.integrations.jira.sec.project", "SEC"),
      Map.entry("vigil.integrations.jira.sec.email", "bot@acme.example"),
      Map.entry("vigil.integrations.jira.sec.api-token", "jira-token"),
      Map.entry("vigil.integrations.jira.dc.base-url", "https://jira.acme.internal"),
      Map.entry("vigil.integrations.jira.dc.api-version", "2"),
      Map.entry("vigil.integrations.jira.dc.project", "OPS"),
      Map.entry("vigil.integrations.jira.dc.personal-access-token", "jira-pat"),
      Map.entry("vigil.integrations.servicenow.itsm.base-url", "https://acme.service-now.com"),
      Map.entry("vigil.integrations.servicenow.itsm.user", "vigil"),
      Map.entry("vigil.integrations.servicenow.itsm.password", "sn-pass"),
      Map.entry("vigil.integrations.slack.secops.webhook-url", "https://hooks.slack.com/services/T/B/X"),
      Map.entry("vigil.integrations.teams.secops.webhook-url", "https://acme.webhook.office.com/webhookb2/x"),
      Map.entry("vigil.integrations.teams.secops.format", "message-card"),
      Map.entry("vigil.integrations.webhook.siem.url", "https://siem.acme.internal/hooks/vigil"),
      Map.entry("vigil.integrations.webhook.siem.secret", "signing-key"),
      Map.entry("vigil.integrations.email.ops.host", "smtp.acme.internal"),
      Map.entry("vigil.integrations.email.ops.from", "vigil@acme.example"),
      Map.entry("vigil.integrations.email.ops.to", "secops@acme.example"),
      Map.entry("vigil.integrations.retry.max-attempts", "5"));

  @Test
  void everyConfiguredTargetIsBuiltWithTheSecretsItHolds() {
    Targets t = Targets.fromSettings(Settings.of(ALL).under("vigil.integrations"), Clock.systemUTC());

    assertThat(t.names()).extracting(Targets.Name::toString).containsExactlyInAnyOrder(
        "jira.sec", "jira.dc", "servicenow.itsm", "slack.secops", "teams.secops", "webhook.siem", "email.ops");
    assertThat(t.ticketSystem(Channel.JIRA, "dc")).isPresent();
    assertThat(t.ticketSystem(Channel.SERVICENOW, "itsm").orElseThrow().system()).isEqualTo("servicenow");
    assertThat(t.ticketSystem(Channel.SLACK, "secops")).isEmpty();
    assertThat(t.destination(Channel.EMAIL, "ops")).isPresent();
    assertThat(t.secrets(Channel.JIRA, "dc")).contains(Secret.of("jira-pat"));
    assertThat(t.secrets(Channel.WEBHOOK, "siem"))
        .contains(Secret.of("signing-key"), Secret.of("https://siem.acme.internal/hooks/vigil"));
  }

  @Test
  void aTargetMissingASettingIsRefusedNamingIt() {
    assertThatThrownBy(() -> Targets.fromSettings(Settings.of(Map.of(
        "vigil.integrations.webhook.siem.url", "https://siem.acme.internal/h")).under("vigil.integrations"),
        Clock.systemUTC()))
        .hasMessage("setting vigil.integrations.webhook.siem.secret is missing");
  }

  @Test
  void anUnknownTeamsFormatIsRefused() {
    assertThatThrownBy(() -> Targets.fromSettings(Settings.of(Map.of(
        "teams.x.webhook-url", "https://x.example/h", "teams.x.format", "html")), Clock.systemUTC()))
        .hasMessageContaining("teams.x.format = 'html'");
  }
}
