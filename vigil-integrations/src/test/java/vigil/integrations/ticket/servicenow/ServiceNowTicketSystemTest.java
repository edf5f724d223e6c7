package vigil.integrations.ticket.servicenow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static vigil.integrations.testing.Fixtures.assertBodyMatches;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.LocalDate;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import vigil.integrations.IntegrationException;
import vigil.integrations.Settings;
import vigil.integrations.testing.LoopbackServer.Request;
import vigil.integrations.ticket.TicketDraft;
import vigil.integrations.ticket.TicketRef;
import vigil.integrations.ticket.TicketState;
import vigil.integrations.ticket.TicketStatus;
import vigil.integrations.ticket.TicketSystem;

class ServiceNowTicketSystemTest {
  private static final String USER = "vigil.integration";
  private static final String PASSWORD = "sn-Pa55w0rd-for-vigil";
  private static final String BASIC = "Basic " + Base64.getEncoder()
      .encodeToString((USER + ":" + PASSWORD).getBytes(StandardCharsets.UTF_8));

  private FakeServiceNow sn;

  @AfterEach
  void stop() {
    if (sn != null) {
      sn.close();
    }
  }

  private ServiceNowTicketSystem system(Map<String, String> extra) {
    sn = new FakeServiceNow(BASIC, "incident");
    Map<String, String> settings = new java.util.HashMap<>(Map.of(
        "sn.base-url", sn.baseUrl(),
        "sn.user", USER,
        "sn.password", PASSWORD,
        "sn.field.assignment_group", "8a4dde73c6112278017a6a4baf547aa7",
        "sn.field.category", "software"));
    extra.forEach((k, v) -> settings.put("sn." + k, v));
    return new ServiceNowTicketSystem(ServiceNowConfig.fromSettings(Settings.of(settings).under("sn")), Clock.systemUTC());
  }

  private static TicketDraft draft() {
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
        .assignee("46d44a23a9fe19810012d100cca80666")
        .build();
  }

  @Test
  void createPostsTheMappedColumnsToTheTable() {
    TicketRef ref = system(Map.of()).create(draft());

    Request r = sn.server().last();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.path()).isEqualTo("/api/now/table/incident");
    assertThat(URLDecoder.decode(r.query(), StandardCharsets.UTF_8))
        .isEqualTo("sysparm_exclude_reference_link=true&sysparm_fields=sys_id,number,state,close_code");
    assertThat(r.header("Authorization")).isEqualTo(BASIC);
    assertThat(r.header("Accept")).isEqualTo("application/json");
    assertBodyMatches(r.body(), "servicenow/create-incident.request.json");
    String sysId = sn.record("INC0010001").path("sys_id").asString();
    assertThat(ref).isEqualTo(new TicketRef("servicenow", sysId, "INC0010001",
        URI.create(sn.baseUrl() + "/incident.do?sys_id=" + sysId)));
  }

  @Test
  void closeSetsTheResolvedStateWithCloseCodeAndNotes() {
    ServiceNowTicketSystem system = system(Map.of());
    TicketRef ref = system.create(draft());

    system.transition(ref, TicketSystem.CLOSE);

    Request r = sn.server().last();
    assertThat(r.method() + " " + r.path()).isEqualTo("PATCH /api/now/table/incident/" + ref.id());
    assertBodyMatches(r.body(), "servicenow/close.request.json");
    assertThat(system.fetchState(ref))
        .isEqualTo(new TicketStatus(TicketState.CLOSED, "6", Optional.of("Solution provided")));
  }

  @Test
  void stateValuesAndCloseColumnsFollowTheConfiguration() {
    ServiceNowTicketSystem system = system(Map.of(
        "state.close", "7", "state.reopen", "1", "state.hold", "3",
        "close-field.close_code", "Solved (Permanently)", "close-field.close_notes", ""));
    TicketRef ref = system.create(draft());

    system.transition(ref, "hold");
    assertThat(sn.server().last().body()).isEqualTo("{\"state\":\"3\"}");
    assertThat(system.fetchState(ref).state()).isEqualTo(TicketState.IN_PROGRESS);

    system.transition(ref, TicketSystem.CLOSE);
    assertThat(sn.server().last().body()).isEqualTo("{\"state\":\"7\",\"close_code\":\"Solved (Permanently)\"}");
    assertThat(system.fetchState(ref).state()).isEqualTo(TicketState.CLOSED);

    system.transition(ref, TicketSystem.REOPEN);
    assertThat(system.fetchState(ref).state()).isEqualTo(TicketState.OPEN);
  }

  @ParameterizedTest
  @CsvSource({"1, OPEN", "2, IN_PROGRESS", "3, IN_PROGRESS", "6, CLOSED", "7, CLOSED", "8, CLOSED", "42, OPEN"})
  void resolvedOrClosedInServiceNowIsReportedClosed(String state, TicketState expected) {
    ServiceNowTicketSystem system = system(Map.of());
    TicketRef ref = system.create(draft());

    sn.set(ref.key(), "state", state);

    TicketStatus status = system.fetchState(ref);
    assertThat(status.state()).isEqualTo(expected);
    assertThat(status.status()).isEqualTo(state);
    Request r = sn.server().last();
    assertThat(r.method() + " " + r.path()).isEqualTo("GET /api/now/table/incident/" + ref.id());
    assertThat(URLDecoder.decode(r.query(), StandardCharsets.UTF_8)).contains("sysparm_fields=sys_id,number,state,close_code");
  }

  @Test
  void closedStatesCanBeConfigured() {
    ServiceNowTicketSystem system = system(Map.of("closed-states", "7", "in-progress-states", "2,6"));
    TicketRef ref = system.create(draft());

    sn.set(ref.key(), "state", "6");

    assertThat(system.fetchState(ref).state()).isEqualTo(TicketState.IN_PROGRESS);
  }

  @Test
  void commentsAreWorkNotesPatchedOntoTheRecord() {
    ServiceNowTicketSystem system = system(Map.of());
    TicketRef ref = system.create(draft());

    system.comment(ref, "Fix verified by the scan of 2025-02-10.\n3 exposures closed.");
    system.comment(ref, "Second note.");

    Request r = sn.server().requests().get(1);
    assertThat(r.method() + " " + r.path()).isEqualTo("PATCH /api/now/table/incident/" + ref.id());
    assertBodyMatches(r.body(), "servicenow/work-note.request.json");
    assertThat(sn.workNotes.get(ref.key())).containsExactly(
        "work_notes: Fix verified by the scan of 2025-02-10.\n3 exposures closed.", "work_notes: Second note.");
  }

  @Test
  void commentsGoToTheConfiguredJournalField() {
    ServiceNowTicketSystem system = system(Map.of("comment-field", "comments"));
    TicketRef ref = system.create(draft());

    system.comment(ref, "Visible to the caller.");

    assertThat(sn.server().last().body()).isEqualTo("{\"comments\":\"Visible to the caller.\"}");
  }

  @Test
  void updatePatchesContentButNotTheCorrelation() {
    ServiceNowTicketSystem system = system(Map.of());
    TicketRef ref = system.create(draft());

    system.update(ref, TicketDraft.builder("fg-42", "Upgrade OpenSSL (5 hosts)").priority("P3").build());

    assertBodyMatches(sn.server().last().body(), "servicenow/update-incident.request.json");
    assertThat(sn.record(ref.key()).path("urgency").asString()).isEqualTo("2");
  }

  @Test
  void findQueriesTheCorrelationColumn() {
    ServiceNowTicketSystem system = system(Map.of());
    assertThat(system.find("fg-42")).isEmpty();
    TicketRef ref = system.create(draft());

    assertThat(system.find("fg-42")).contains(ref);
    Request r = sn.server().last();
    assertThat(r.method() + " " + r.path()).isEqualTo("GET /api/now/table/incident");
    assertThat(URLDecoder.decode(r.query(), StandardCharsets.UTF_8)).startsWith(
        "sysparm_query=correlation_id=fg-42^ORDERBYsys_created_on&sysparm_limit=1&");
    assertThat(system.find("fg-4")).isEmpty();
  }

  @Test
  void anUnconfiguredNamedStateIsAConfigurationError() {
    ServiceNowTicketSystem system = system(Map.of());
    TicketRef ref = system.create(draft());

    assertThatThrownBy(() -> system.transition(ref, "escalate"))
        .isInstanceOfSatisfying(IntegrationException.class, e -> {
          assertThat(e.kind()).isEqualTo(IntegrationException.Kind.CONFIGURATION);
          assertThat(e.getMessage()).contains("state.escalate");
        });
  }

  @Test
  void aMissingRecordIsA404WithServiceNowsMessage() {
    ServiceNowTicketSystem system = system(Map.of());
    TicketRef gone = new TicketRef("servicenow", "0123456789abcdef0123456789abcdef", "INC0099999", URI.create("http://x"));

    assertThatThrownBy(() -> system.fetchState(gone))
        .isInstanceOfSatisfying(IntegrationException.class, e -> {
          assertThat(e.status()).isEqualTo(404);
          assertThat(e.getMessage()).contains("servicenow: read state of INC0099999", "No Record found");
        });
  }

  @Test
  void oauthTokenIsSentAsBearer() {
    sn = new FakeServiceNow("Bearer sn-oauth-access-token", "sn_vul_vulnerable_item");
    ServiceNowTicketSystem system = new ServiceNowTicketSystem(ServiceNowConfig.fromSettings(Settings.of(Map.of(
        "base-url", sn.baseUrl(), "oauth-token", "sn-oauth-access-token", "table", "sn_vul_vulnerable_item"))),
        Clock.systemUTC());

    TicketRef ref = system.create(draft());

    assertThat(sn.server().last().path()).isEqualTo("/api/now/table/sn_vul_vulnerable_item");
    assertThat(ref.url().toString()).contains("/sn_vul_vulnerable_item.do?sys_id=");
  }

  @Test
  void settingsErrorsNameTheKeyButNeverTheSecret() {
    assertThatThrownBy(() -> ServiceNowConfig.fromSettings(Settings.of(Map.of(
        "vigil.integrations.servicenow.itsm.base-url", "https://acme.service-now.com",
        "vigil.integrations.servicenow.itsm.password", PASSWORD)).under("vigil.integrations.servicenow.itsm")))
        .hasMessageContaining("vigil.integrations.servicenow.itsm.user is missing")
        .hasMessageNotContaining(PASSWORD);
  }
}
