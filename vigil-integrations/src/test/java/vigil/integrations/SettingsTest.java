package vigil.integrations;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private final Settings s = Settings.of(Map.of(
      "vigil.integrations.slack.secops.webhook-url", "https://hooks.slack.com/services/T/B/SECRET",
      "vigil.integrations.slack.dev.webhook-url", "https://hooks.slack.com/services/T/B/OTHER",
      "vigil.integrations.jira.sec.labels", " vigil, ,security ",
      "vigil.integrations.jira.sec.priority.P1", "Blocker",
      "vigil.integrations.jira.sec.timeout", "45s",
      "vigil.integrations.jira.sec.api-version", "two")).under("vigil.integrations");

  @Test
  void namesAreTheTargetsUnderAChannel() {
    assertThat(s.under("slack").names()).containsExactly("dev", "secops");
    assertThat(s.names()).containsExactly("jira", "slack");
  }

  @Test
  void valuesAreReadWithTypesAndDefaults() {
    Settings jira = s.under("jira").under("sec");

    assertThat(jira.list("labels")).containsExactly("vigil", "security");
    assertThat(jira.map("priority")).containsExactly(Map.entry("P1", "Blocker"));
    assertThat(jira.duration("timeout", Duration.ZERO)).isEqualTo(Duration.ofSeconds(45));
    assertThat(jira.duration("connect-timeout", Duration.ofSeconds(10))).isEqualTo(Duration.ofSeconds(10));
    assertThat(jira.get("issue-type", "Task")).isEqualTo("Task");
    assertThat(jira.list("components")).isEqualTo(List.of());
  }

  @Test
  void errorsNameTheFullKey() {
    Settings jira = s.under("jira").under("sec");

    assertThatThrownBy(() -> jira.required("project"))
        .hasMessage("setting vigil.integrations.jira.sec.project is missing");
    assertThatThrownBy(() -> jira.integer("api-version", 3))
        .hasMessage("setting vigil.integrations.jira.sec.api-version = 'two' is not an integer");
  }

  @Test
  void aMalformedSecretUrlIsReportedWithoutItsValue() {
    Settings bad = Settings.of(Map.of("hook.url", "https://hooks.example/T/B/SECRET part", "hook.ftp", "ftp://x/SECRET"));

    assertThatThrownBy(() -> bad.uri("hook.url")).hasMessageContaining("hook.url").hasMessageNotContaining("SECRET");
    assertThatThrownBy(() -> bad.uri("hook.ftp")).hasMessageContaining("http(s)").hasMessageNotContaining("SECRET");
  }

  @Test
  void durationsTakeShortAndIsoForms() {
    Settings d = Settings.of(Map.of("a", "500ms", "b", "5m", "c", "2h", "d", "1d", "e", "PT90S", "f", "soon"));

    assertThat(d.duration("a", null)).isEqualTo(Duration.ofMillis(500));
    assertThat(d.duration("b", null)).isEqualTo(Duration.ofMinutes(5));
    assertThat(d.duration("c", null)).isEqualTo(Duration.ofHours(2));
    assertThat(d.duration("d", null)).isEqualTo(Duration.ofDays(1));
    assertThat(d.duration("e", null)).isEqualTo(Duration.ofSeconds(90));
    assertThatThrownBy(() -> d.duration("f", null)).hasMessageContaining("setting f = 'soon' is not a duration");
  }
}
