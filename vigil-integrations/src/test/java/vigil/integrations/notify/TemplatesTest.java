package vigil.integrations.notify;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import vigil.integrations.testing.Samples;

class TemplatesTest {
  private final Templates templates = Templates.builtIn();

  static List<Arguments> everyChannelAndEvent() {
    return List.of(Templates.SLACK, Templates.TEAMS, Templates.EMAIL, Templates.WEBHOOK).stream()
        .flatMap(c -> Samples.all().stream().map(n -> Arguments.of(c, n)))
        .toList();
  }

  @ParameterizedTest(name = "{0} {1}")
  @MethodSource("everyChannelAndEvent")
  void everyEventHasATemplatePerChannelThatRendersATitle(String channel, Notification n) {
    Templates.Rendered r = templates.render(channel, n);

    assertThat(r.title()).isNotBlank().doesNotContain("{{", "\n");
    assertThat(r.body()).doesNotContain("{{");
    if (!channel.equals(Templates.WEBHOOK)) {
      assertThat(r.body()).isNotBlank();
    }
  }

  @Test
  void eachEventHasItsTemplates() {
    assertThat(Arrays.stream(NotificationEvent.values()).map(e -> e.key()))
        .containsExactlyInAnyOrderElementsOf(Samples.all().stream().map(n -> n.event().key()).toList());
  }

  @Test
  void emailRendersTheNotificationsFieldsAndLink() {
    Templates.Rendered r = templates.render(Templates.EMAIL, Samples.slaBreach());

    assertThat(r.title()).isEqualTo("[Vigil] SLA breached: Upgrade OpenSSL on the web tier");
    assertThat(r.body()).isEqualTo("""
        The SLA of this fix group has run out.

        Fix group:      fg-42 (P1)
        Was due:        2025-01-30 00:00 UTC
        Open exposures: 3
        Owner:          team-web

        https://vigil.acme.internal/fix-groups/fg-42""");
  }

  @Test
  void absentOptionalFieldsLeaveNoEmptyLines() {
    Templates.Rendered r = templates.render(Templates.EMAIL, Samples.slaNearBreach());

    assertThat(r.body()).doesNotContain("Owner").contains("Open exposures: 3\n\nhttps://");
  }

  @Test
  void listsRenderOneLinePerItem() {
    Templates.Rendered r = templates.render(Templates.SLACK, Samples.shadowIt());

    assertThat(r.body()).contains("• ip:203.0.113.77\n• fqdn:old-shop.acme.example");
  }

  @Test
  void slackControlCharactersFromScannerTextAreEscaped() {
    Notification n = new Notification.NewP1Exposure("e", "<!channel> pwn & <https://evil|click>", "h", null, 1,
        "x", null, null);

    Templates.Rendered r = templates.render(Templates.SLACK, n);

    assertThat(r.title()).isEqualTo("New P1 exposure: &lt;!channel&gt; pwn &amp; &lt;https://evil|click&gt;");
    assertThat(templates.render(Templates.EMAIL, n).title()).contains("<!channel> pwn & <https://evil|click>");
  }

  @Test
  void anOverrideDirectoryReplacesOnlyTheTemplatesItHolds(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("email"));
    Files.writeString(dir.resolve("email/fix.verified.mustache"), "Done: {{title}}\nClosed {{exposuresClosed}}.");
    Templates custom = Templates.withOverrides(dir);

    assertThat(custom.render(Templates.EMAIL, Samples.fixVerified()))
        .isEqualTo(new Templates.Rendered("Done: Upgrade OpenSSL on the web tier", "Closed 3."));
    assertThat(custom.render(Templates.EMAIL, Samples.slaBreach()).title()).startsWith("[Vigil] SLA breached");
  }

  @Test
  void aTemplateNamingAnUnknownFieldFailsWithTheTemplatesName(@TempDir Path dir) throws IOException {
    Files.createDirectories(dir.resolve("email"));
    Files.writeString(dir.resolve("email/fix.verified.mustache"), "{{titel}}");

    assertThatThrownBy(() -> Templates.withOverrides(dir).render(Templates.EMAIL, Samples.fixVerified()))
        .hasMessageContaining("email/fix.verified.mustache").hasMessageContaining("FixVerified");
  }

  @Test
  void anUnknownChannelHasNoTemplates() {
    assertThatThrownBy(() -> templates.render("pager", Samples.fixVerified()))
        .hasMessageContaining("no template pager/fix.verified.mustache");
  }
}
