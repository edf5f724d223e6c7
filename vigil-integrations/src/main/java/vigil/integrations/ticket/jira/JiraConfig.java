package vigil.integrations.ticket.jira;

import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import vigil.integrations.Settings;
import vigil.integrations.http.HttpAuth;

/**
 * One Jira project as a ticket target.
 *
 * @param baseUrl the site, e.g. {@code https://acme.atlassian.net} or {@code https://jira.acme.org/jira}
 * @param apiVersion 2 (Data Center, Cloud) or 3 (Cloud; Atlassian Document Format bodies)
 * @param priorities Vigil priority class ({@code P1}…) → Jira priority name
 * @param fixGroupField custom field id that receives the fix group's id ({@code customfield_10050}),
 *     or empty
 * @param transitions named state ({@code close}, {@code reopen}, …) → Jira transition or status name
 * @param closeResolution resolution set with the close transition, when its screen asks for one
 * @param fields fields set on every created issue: field id → value (JSON when it starts with
 *     <code>{</code> or {@code [}, else a string)
 */
public record JiraConfig(
    URI baseUrl,
    int apiVersion,
    String projectKey,
    String issueType,
    HttpAuth auth,
    Map<String, String> priorities,
    Optional<String> fixGroupField,
    List<String> labels,
    List<String> components,
    Map<String, String> transitions,
    Optional<String> closeResolution,
    Map<String, String> fields,
    Duration connectTimeout,
    Duration requestTimeout) {

  public static final Map<String, String> DEFAULT_PRIORITIES =
      Map.of("P1", "Highest", "P2", "High", "P3", "Medium", "P4", "Low");
  public static final Map<String, String> DEFAULT_TRANSITIONS = Map.of("close", "Done", "reopen", "To Do");

  public JiraConfig {
    Objects.requireNonNull(baseUrl, "baseUrl");
    Objects.requireNonNull(projectKey, "projectKey");
    Objects.requireNonNull(issueType, "issueType");
    Objects.requireNonNull(auth, "auth");
    if (apiVersion != 2 && apiVersion != 3) {
      throw new IllegalArgumentException("Jira API version must be 2 or 3, not " + apiVersion);
    }
    priorities = Map.copyOf(priorities);
    labels = List.copyOf(labels);
    components = List.copyOf(components);
    transitions = Map.copyOf(transitions);
    fields = Map.copyOf(fields);
    Objects.requireNonNull(fixGroupField, "fixGroupField");
    Objects.requireNonNull(closeResolution, "closeResolution");
    Objects.requireNonNull(connectTimeout, "connectTimeout");
    Objects.requireNonNull(requestTimeout, "requestTimeout");
  }

  /**
   * Reads a target's settings (keys relative to {@code s}, e.g. under {@code
   * vigil.integrations.jira.secops}): {@code base-url}, {@code api-version} (3), {@code project},
   * {@code issue-type} (Task), auth as {@code email} + {@code api-token} (Basic) or {@code
   * personal-access-token} (Bearer), {@code priority.P1}…, {@code fix-group-field}, {@code
   * labels}, {@code components}, {@code transition.close} (Done), {@code transition.reopen} (To
   * Do), {@code close-resolution}, {@code field.<id>}, {@code connect-timeout} (10s), {@code
   * timeout} (30s).
   */
  public static JiraConfig fromSettings(Settings s) {
    Map<String, String> priorities = new LinkedHashMap<>(DEFAULT_PRIORITIES);
    priorities.putAll(s.map("priority"));
    Map<String, String> transitions = new LinkedHashMap<>(DEFAULT_TRANSITIONS);
    transitions.putAll(s.map("transition"));
    return new JiraConfig(
        s.uri("base-url"),
        s.integer("api-version", 3),
        s.required("project"),
        s.get("issue-type", "Task"),
        auth(s),
        priorities,
        s.optional("fix-group-field"),
        s.list("labels"),
        s.list("components"),
        transitions,
        s.optional("close-resolution"),
        s.map("field"),
        s.duration("connect-timeout", Duration.ofSeconds(10)),
        s.duration("timeout", Duration.ofSeconds(30)));
  }

  private static HttpAuth auth(Settings s) {
    if (s.optional("personal-access-token").isPresent()) {
      return HttpAuth.bearer(s.secret("personal-access-token"));
    }
    if (s.optional("email").isPresent() || s.optional("api-token").isPresent()) {
      return HttpAuth.basic(s.required("email"), s.secret("api-token"));
    }
    throw new IllegalArgumentException("settings " + s.key("email") + " + " + s.key("api-token")
        + " or " + s.key("personal-access-token") + " are missing");
  }
}
