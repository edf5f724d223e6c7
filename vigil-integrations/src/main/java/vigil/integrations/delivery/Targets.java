package vigil.integrations.delivery;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import vigil.integrations.Secret;
import vigil.integrations.Settings;
import vigil.integrations.http.RestClient;
import vigil.integrations.notify.EmailNotifier;
import vigil.integrations.notify.SlackNotifier;
import vigil.integrations.notify.SmtpConfig;
import vigil.integrations.notify.TeamsNotifier;
import vigil.integrations.notify.Templates;
import vigil.integrations.notify.WebhookNotifier;
import vigil.integrations.ticket.TicketSystem;
import vigil.integrations.ticket.jira.JiraConfig;
import vigil.integrations.ticket.jira.JiraTicketSystem;
import vigil.integrations.ticket.servicenow.ServiceNowConfig;
import vigil.integrations.ticket.servicenow.ServiceNowTicketSystem;

/**
 * The configured targets by channel and name, e.g. ({@code slack}, {@code secops}), with the
 * secrets each holds (so that the dispatcher can scrub them from anything it reports). Built from
 * settings with {@link #fromSettings} or by hand with {@link #builder()}. Immutable.
 */
public final class Targets {
  /** A channel and target name, as in an {@link OutboxMessage}. */
  public record Name(Channel channel, String target) {
    public Name {
      Objects.requireNonNull(channel, "channel");
      Objects.requireNonNull(target, "target");
    }

    @Override
    public String toString() {
      return channel.key() + "." + target;
    }
  }

  private record Entry(Destination destination, TicketSystem ticketSystem, List<Secret> secrets) {}

  private final Map<Name, Entry> entries;

  private Targets(Map<Name, Entry> entries) {
    this.entries = Map.copyOf(entries);
  }

  public Set<Name> names() {
    return entries.keySet();
  }

  public Optional<Destination> destination(Channel channel, String target) {
    return Optional.ofNullable(entries.get(new Name(channel, target))).map(Entry::destination);
  }

  /** The ticket system behind a Jira or ServiceNow target, for reads such as two-way sync. */
  public Optional<TicketSystem> ticketSystem(Channel channel, String target) {
    return Optional.ofNullable(entries.get(new Name(channel, target))).map(Entry::ticketSystem);
  }

  /** The secrets a target holds; empty for an unknown target. */
  public List<Secret> secrets(Channel channel, String target) {
    Entry e = entries.get(new Name(channel, target));
    return e == null ? List.of() : e.secrets();
  }

  /**
   * Builds every target configured under {@code root} (normally {@code vigil.integrations}):
   * <pre>
   * jira.&lt;name&gt;.…        see {@link JiraConfig#fromSettings}
   * servicenow.&lt;name&gt;.…  see {@link ServiceNowConfig#fromSettings}
   * slack.&lt;name&gt;.webhook-url, .timeout (10s)
   * teams.&lt;name&gt;.webhook-url, .format (adaptive-card | message-card), .timeout (10s)
   * webhook.&lt;name&gt;.url, .secret, .timeout (10s)
   * email.&lt;name&gt;.…       see {@link SmtpConfig#fromSettings}
   * templates-dir              optional directory of template overrides
   * connect-timeout            for the chat and webhook targets (10s)
   * </pre>
   */
  public static Targets fromSettings(Settings root, Clock clock) {
    Templates templates = root.optional("templates-dir")
        .map(d -> Templates.withOverrides(Path.of(d)))
        .orElseGet(Templates::builtIn);
    HttpClient http = RestClient.newHttpClient(root.duration("connect-timeout", Duration.ofSeconds(10)));
    Builder b = builder();
    for (String name : root.under("jira").names()) {
      Settings s = root.under("jira").under(name);
      JiraConfig c = JiraConfig.fromSettings(s);
      b.add(name, new JiraTicketSystem(c, clock), c.auth().secrets());
    }
    for (String name : root.under("servicenow").names()) {
      Settings s = root.under("servicenow").under(name);
      ServiceNowConfig c = ServiceNowConfig.fromSettings(s);
      b.add(name, new ServiceNowTicketSystem(c, clock), c.auth().secrets());
    }
    for (String name : root.under("slack").names()) {
      Settings s = root.under("slack").under(name);
      Secret url = s.secret("webhook-url");
      b.add(new Name(Channel.SLACK, name), Destination.of(new SlackNotifier(url, templates, http,
          s.duration("timeout", Duration.ofSeconds(10)), clock)), List.of(url));
    }
    for (String name : root.under("teams").names()) {
      Settings s = root.under("teams").under(name);
      Secret url = s.secret("webhook-url");
      b.add(new Name(Channel.TEAMS, name), Destination.of(new TeamsNotifier(url, teamsFormat(s),
          templates, http, s.duration("timeout", Duration.ofSeconds(10)), clock)), List.of(url));
    }
    for (String name : root.under("webhook").names()) {
      Settings s = root.under("webhook").under(name);
      Secret url = s.secret("url");
      Secret key = s.secret("secret");
      b.add(new Name(Channel.WEBHOOK, name), Destination.of(new WebhookNotifier(url, key, templates,
          http, s.duration("timeout", Duration.ofSeconds(10)), clock)), List.of(url, key));
    }
    for (String name : root.under("email").names()) {
      SmtpConfig c = SmtpConfig.fromSettings(root.under("email").under(name));
      b.add(new Name(Channel.EMAIL, name), Destination.of(new EmailNotifier(c, templates, clock)),
          c.password().map(List::of).orElse(List.of()));
    }
    return b.build();
  }

  private static TeamsNotifier.Format teamsFormat(Settings s) {
    String f = s.get("format", "adaptive-card");
    return switch (f.toLowerCase(Locale.ROOT)) {
      case "adaptive-card" -> TeamsNotifier.Format.ADAPTIVE_CARD;
      case "message-card" -> TeamsNotifier.Format.MESSAGE_CARD;
      default -> throw new IllegalArgumentException(
          "setting " + s.key("format") + " = '" + f + "' is not adaptive-card or message-card");
    };
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Assembles {@link Targets} by hand (tests, or targets kept elsewhere than in settings). */
  public static final class Builder {
    private final Map<Name, Entry> entries = new LinkedHashMap<>();

    private Builder() {}

    /** A notification target. */
    public Builder add(Name name, Destination destination, List<Secret> secrets) {
      put(name, new Entry(destination, null, List.copyOf(secrets)));
      return this;
    }

    /** A ticket target; its channel is the system's ({@code jira} or {@code servicenow}). */
    public Builder add(String target, TicketSystem system, List<Secret> secrets) {
      Channel channel = Channel.ofKey(system.system()).orElseThrow(() ->
          new IllegalArgumentException("no channel for ticket system '" + system.system() + "'"));
      put(new Name(channel, target), new Entry(Destination.of(system), system, List.copyOf(secrets)));
      return this;
    }

    private void put(Name name, Entry entry) {
      if (entries.putIfAbsent(name, entry) != null) {
        throw new IllegalArgumentException("target " + name + " is configured twice");
      }
    }

    public Targets build() {
      return new Targets(entries);
    }
  }
}
