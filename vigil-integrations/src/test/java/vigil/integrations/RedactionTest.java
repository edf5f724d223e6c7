package vigil.integrations;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {

  @Test
  void anEndpointKeepsItsPathButLosesUserInfoAndCredentialQueryValues() {
    URI uri = URI.create("https://bot:hunter2@acme.atlassian.net/rest/api/3/issue/SEC-1?fields=status&token=abc&sig=xyz");

    assertThat(Redaction.endpoint(uri))
        .isEqualTo("https://acme.atlassian.net/rest/api/3/issue/SEC-1?fields=status&token=***&sig=***");
  }

  @Test
  void aSecretUrlKeepsOnlyItsOrigin() {
    assertThat(Redaction.secretUrl(URI.create("https://hooks.slack.com/services/T000/B000/XXXX")))
        .isEqualTo("https://hooks.slack.com/***");
    assertThat(Redaction.secretUrl(URI.create("http://127.0.0.1:8080/hook?token=t")))
        .isEqualTo("http://127.0.0.1:8080/***");
  }

  @Test
  void textLosesEveryOccurrenceOfEverySecret() {
    assertThat(Redaction.text("token abc and abc again, key k1", List.of(Secret.of("abc"), Secret.of("k1"))))
        .isEqualTo("token *** and *** again, key ***");
  }

  @Test
  void anExcerptIsOneShortLine() {
    assertThat(Redaction.excerpt("a\n  b\tc " + "x".repeat(500), 10, List.of())).isEqualTo("a b c xxxx…");
  }

  @Test
  void aSecretNeverPrintsItself() {
    Secret s = Secret.of("p@ss");

    assertThat(s.toString()).isEqualTo("***");
    assertThat(List.of(s).toString()).doesNotContain("p@ss");
    assertThat(s.reveal()).isEqualTo("p@ss");
  }
}
