package vigil.integrations.ticket.jira;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vigil.integrations.testing.Fixtures.assertBodyMatches;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import vigil.integrations.IntegrationException;
import vigil.integrations.Secret;
import vigil.integrations.http.HttpAuth;
import vigil.integrations.testing.Fixtures;
import vigil.integrations.testing.LoopbackServer.Request;
import vigil.integrations.ticket.TicketDraft;
import vigil.integrations.ticket.TicketRef;
import vigil.integrations.ticket.TicketState;
import vigil.integrations.ticket.TicketStatus;
import vigil.integrations.ticket.TicketSystem;

class JiraTicketSystemTest {
  private static final String EMAIL = "vigil-bot@acme.example";
  private static final Secret API_TOKEN = Secret.of("ATATT3xFfGF0-jira-api-token-0123456789");
  private static final String BASIC = "Basic " + Base64.getEncoder()
      .encodeToString((EMAIL + ":" + API_TOKEN.reveal()).getBytes(StandardCharsets.UTF_8));

  private FakeJira jira;

  @AfterEach
  void stop() {
    if (jira != null) {
      jira.close();
    }
  }

  static TicketDraft draft() {
    return TicketDraft.builder("fg-42", "Upgrade OpenSSL on the web tier (3 hosts)")
        .description("""
            OpenSSL 3.0.7 on 3 hosts is affected by CVE-2023-0286.

            - web-01.acme.internal
            - web-02.acme.internal
            - web-03.acme.internal

            Details: https://vigil.acme.internal/fix-groups/fg-42""")
        .priority("P1")
        .labels(List.of("openssl"))
        .dueDate(LocalDate.of(2025, 2, 14))
        .assignee("5b10ac8d82e05b22cc7d4ef5")
        .build();
  }

  private JiraTicketSystem jira(int version) {
    return jira(version, HttpAuth.basic(EMAIL, API_TOKEN), BASIC);
  }

  private JiraTicketSystem jira(int version, HttpAuth auth, String expectedAuthorization) {
    jira = new FakeJira(expectedAuthorization);
    JiraConfig config = new JiraConfig(URI.create(jira.baseUrl()), version, "SEC", "Bug", auth,
        JiraConfig.DEFAULT_PRIORITIES, Optional.of("customfield_10050"), List.of("vigil"),
        List.of("Infrastructure"), Map.of("close", "Done", "reopen", "To Do"), Optional.of("Fixed"),
        Map.of("customfield_10070", "{\"value\": \"Vulnerability\"}"), Duration.ofSeconds(5),
        Duration.ofSeconds(5));
    return new JiraTicketSystem(config, Clock.systemUTC());
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void createPostsTheIssueWithMappedFieldsInTheVersionsFormat(int version) {
    TicketRef ref = jira(version).create(draft());

    Request r = jira.server().last();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/rest/api/" + version + "/issue");
    assertThat(r.header("Authorization")).isEqualTo(BASIC);
    assertThat(r.header("Content-Type")).startsWith("application/json");
    assertThat(r.header("Accept")).isEqualTo("application/json");
    assertBodyMatches(r.body(), "jira/create-issue-v" + version + ".request.json");
    assertThat(ref).isEqualTo(new TicketRef("jira", "10001", "SEC-1", URI.create(jira.baseUrl() + "/browse/SEC-1")));
  }

  @Test
  void personalAccessTokenIsSentAsBearer() {
    Secret pat = Secret.of("NjE0ODkxNzQ1MzQ4OnN0YWdpbmctcGF0");
    TicketRef ref = jira(2, HttpAuth.bearer(pat), "Bearer " + pat.reveal()).create(draft());

    assertThat(ref.key()).isEqualTo("SEC-1");
    assertThat(jira.server().last().header("Authorization")).isEqualTo("Bearer " + pat.reveal());
  }

  @Test
  void wrongCredentialsAreAPermanentHttpFailureNamingTheCall() {
    JiraTicketSystem system = jira(3, HttpAuth.basic(EMAIL, Secret.of("wrong-token-value")), BASIC);

    assertThatThrownBy(() -> system.create(draft()))
        .isInstanceOfSatisfying(IntegrationException.class, e -> {
          assertThat(e.kind()).isEqualTo(IntegrationException.Kind.HTTP_STATUS);
          assertThat(e.status()).isEqualTo(401);
          assertThat(e.getMessage()).contains("jira: create issue for fg-42", "/rest/api/3/issue",
              "You are not authenticated");
        });
  }

  @Test
  void issueClosedInJiraIsReportedClosedWithItsResolution() {
    JiraTicketSystem system = jira(3);
    TicketRef ref = system.create(draft());
    assertThat(system.fetchState(ref)).isEqualTo(new TicketStatus(TicketState.OPEN, "To Do", Optional.empty()));

    jira.moveTo("SEC-1", "In Progress", null);
    assertThat(system.fetchState(ref).state()).isEqualTo(TicketState.IN_PROGRESS);

    jira.moveTo("SEC-1", "Done", "Won't Do");
    assertThat(system.fetchState(ref)).isEqualTo(new TicketStatus(TicketState.CLOSED, "Done", Optional.of("Won't Do")));
    Request r = jira.server().last();
    assertThat(r.method()).isEqualTo("GET");
    assertThat(r.path()).isEqualTo("/rest/api/3/issue/10001");
    assertThat(r.query()).isEqualTo("fields=status,resolution");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void closeFollowsTheWorkflowTransitionThatLeadsToTheConfiguredStatus(int version) {
    JiraTicketSystem system = jira(version);
    TicketRef ref = system.create(draft());

    system.transition(ref, TicketSystem.CLOSE);

    List<Request> calls = jira.server().requests();
    Request list = calls.get(calls.size() - 2);
    Request post = calls.get(calls.size() - 1);
    assertThat(list.method() + " " + list.path()).isEqualTo("GET /rest/api/" + version + "/issue/10001/transitions");
    assertThat(post.method() + " " + post.path()).isEqualTo("POST /rest/api/" + version + "/issue/10001/transitions");
    // "Done" is the status; the workflow's transition to it is named "Resolve" (id 31).
    assertBodyMatches(post.body(), "jira/transition-close.request.json");
    assertThat(system.fetchState(ref)).isEqualTo(new TicketStatus(TicketState.CLOSED, "Done", Optional.of("Fixed")));
  }

  @Test
  void reopenMovesAClosedIssueBackAndClosingTwiceDoesNothing() {
    JiraTicketSystem system = jira(3);
    TicketRef ref = system.create(draft());
    system.transition(ref, TicketSystem.CLOSE);
    int before = jira.server().requests().size();

    system.transition(ref, TicketSystem.CLOSE);
    assertThat(jira.server().requests().subList(before, jira.server().requests().size()))
        .extracting(Request::method).doesNotContain("POST");

    system.transition(ref, TicketSystem.REOPEN);
    assertThat(system.fetchState(ref).state()).isEqualTo(TicketState.OPEN);
    assertThat(jira.issue("SEC-1").statusName()).isEqualTo("To Do");
  }

  @Test
  void aStateTheWorkflowCannotReachIsAConfigurationErrorListingWhatIsOffered() {
    JiraTicketSystem system = jira(3);
    TicketRef ref = system.create(draft());

    assertThatThrownBy(() -> system.transition(ref, "Escalated"))
        .isInstanceOfSatisfying(IntegrationException.class, e -> {
          assertThat(e.kind()).isEqualTo(IntegrationException.Kind.CONFIGURATION);
          assertThat(e.getMessage()).contains("'Escalated'", "from status 'To Do'",
              "Start Progress (→ In Progress)", "Resolve (→ Done)");
        });
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void commentIsDocumentFormatOnV3AndWikiTextOnV2(int version) {
    JiraTicketSystem system = jira(version);
    TicketRef ref = system.create(draft());

    system.comment(ref, "Fix verified by the scan of 2025-02-10.\n3 exposures closed.");

    Request r = jira.server().last();
    assertThat(r.method() + " " + r.path()).isEqualTo("POST /rest/api/" + version + "/issue/10001/comment");
    assertBodyMatches(r.body(), "jira/comment-v" + version + ".request.json");
  }

  @Test
  void updateSetsFieldsAndAddsLabelsWithoutReplacingPeoplesLabels() {
    JiraTicketSystem system = jira(3);
    TicketRef ref = system.create(draft());

    system.update(ref, TicketDraft.builder("fg-42", "Upgrade OpenSSL on the web tier (5 hosts)").priority("P2").build());

    Request r = jira.server().last();
    assertThat(r.method() + " " + r.path()).isEqualTo("PUT /rest/api/3/issue/10001");
    assertBodyMatches(r.body(), "jira/update-issue-v3.request.json");
  }

  @ParameterizedTest
  @ValueSource(ints = {2, 3})
  void findLooksUpTheCorrelationLabelWithJql(int version) {
    JiraTicketSystem system = jira(version);
    assertThat(system.find("fg-42")).isEmpty();
    TicketRef ref = system.create(draft());

    assertThat(system.find("fg-42")).contains(ref);
    assertThat(system.find("fg-43")).isEmpty();
    Request r = jira.server().last();
    assertThat(r.path()).isEqualTo(version == 3 ? "/rest/api/3/search/jql" : "/rest/api/2/search");
    assertThat(java.net.URLDecoder.decode(r.query(), StandardCharsets.UTF_8))
        .isEqualTo("jql=project = \"SEC\" AND labels = \"vigil-fg-43\" ORDER BY created ASC&fields=status&maxResults=1");
  }

  @Test
  void anUnmappedPriorityIsAConfigurationErrorNamingTheSetting() {
    JiraTicketSystem system = jira(3);

    assertThatThrownBy(() -> system.create(TicketDraft.builder("fg-1", "x").priority("P0").build()))
        .isInstanceOfSatisfying(IntegrationException.class, e -> {
          assertThat(e.kind()).isEqualTo(IntegrationException.Kind.CONFIGURATION);
          assertThat(e.getMessage()).contains("priority.P0");
        });
    assertThat(jira.issueCount()).isZero();
  }

  @Test
  void jiraValidationErrorsAreQuotedInTheException() {
    jira = new FakeJira(BASIC);
    JiraTicketSystem system = new JiraTicketSystem(new JiraConfig(URI.create(jira.baseUrl()), 3, "SEC", "Bug",
        HttpAuth.basic(EMAIL, API_TOKEN), Map.of("P1", "Critical"), Optional.empty(), List.of(), List.of(),
        Map.of(), Optional.empty(), Map.of(), Duration.ofSeconds(5), Duration.ofSeconds(5)), Clock.systemUTC());

    assertThatThrownBy(() -> system.create(draft()))
        .isInstanceOfSatisfying(IntegrationException.class, e -> {
          assertThat(e.kind()).isEqualTo(IntegrationException.Kind.HTTP_STATUS);
          assertThat(e.status()).isEqualTo(400);
          assertThat(e.getMessage()).contains("POST http://127.0.0.1:" + jira.server().port() + "/rest/api/3/issue",
              "Priority name 'Critical' is not valid");
        });
    assertThat(jira.issueCount()).isZero();
  }

  @Test
  void anIssueThatIsGoneIsA404NamingTheIssue() {
    JiraTicketSystem system = jira(3);

    assertThatThrownBy(() -> system.comment(new TicketRef("jira", "99999", "SEC-404", URI.create("http://x")), "hi"))
        .isInstanceOfSatisfying(IntegrationException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.getMessage()).contains("jira: comment on SEC-404", "/rest/api/3/issue/99999/comment",
              "Issue does not exist");
        });
  }

  @Test
  void adfKeepsScannerTextAsTextAndWikiEscapesMarkup() {
    assertThat(JiraText.wiki("see [evil|http://x] {html}")).isEqualTo("see \\[evil\\|http://x\\] \\{html\\}");
    assertThat(Fixtures.JSON.writeValueAsString(JiraText.adf("<b>{x}</b>")))
        .isEqualTo("{\"type\":\"doc\",\"version\":1,\"content\":[{\"type\":\"paragraph\",\"content\":[{\"type\":\"text\",\"text\":\"<b>{x}</b>\"}]}]}");
  }
}
