package vigil.store.mobilise;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import vigil.engine.risk.Priority;
import vigil.integrations.delivery.Channel;
import vigil.integrations.delivery.Targets;
import vigil.integrations.notify.NotificationEvent;

/**
 * Who hears about what: per notification event the configured targets, the ticket system that
 * gets one ticket per fix group (at or above a priority), and the warning windows. As properties:
 *
 * <pre>
 * vigil.notify.fix.verified = webhook:siem, slack:secops
 * vigil.notify.sla.breach = slack:secops
 * vigil.tickets = jira:sec
 * vigil.tickets.min-priority = P2
 * vigil.notify.near-breach-within = 3d
 * vigil.notify.acceptance-expiring-within = 7d
 * </pre>
 */
public record NotificationRules(Map<NotificationEvent, List<Targets.Name>> targets, Optional<Targets.Name> tickets,
    Priority ticketMinPriority, Duration nearBreachWithin, Duration acceptanceExpiringWithin) {
  public NotificationRules {
    targets = Map.copyOf(targets);
  }

  public static NotificationRules none() {
    return new NotificationRules(Map.of(), Optional.empty(), Priority.P2, Duration.ofDays(3), Duration.ofDays(7));
  }

  public List<Targets.Name> targets(NotificationEvent event) {
    return targets.getOrDefault(event, List.of());
  }

  public static NotificationRules fromProperties(Properties p, String source) {
    Map<NotificationEvent, List<Targets.Name>> targets = new EnumMap<>(NotificationEvent.class);
    for (NotificationEvent e : NotificationEvent.values()) {
      String value = p.getProperty("vigil.notify." + e.key());
      if (value != null && !value.isBlank()) {
        List<Targets.Name> names = new ArrayList<>();
        for (String t : value.split(",")) {
          names.add(name(t, "vigil.notify." + e.key(), source));
        }
        targets.put(e, names);
      }
    }
    String tickets = p.getProperty("vigil.tickets", "");
    Optional<Targets.Name> ticketTarget = tickets.isBlank() ? Optional.empty() : Optional.of(name(tickets, "vigil.tickets", source));
    ticketTarget.ifPresent(t -> {
      if (t.channel() != Channel.JIRA && t.channel() != Channel.SERVICENOW) {
        throw new IllegalArgumentException(source + ": vigil.tickets must name a jira or servicenow target, not " + t);
      }
    });
    Priority min;
    try {
      min = Priority.valueOf(p.getProperty("vigil.tickets.min-priority", "P2").trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(source + ": vigil.tickets.min-priority must be P1..P4", e);
    }
    return new NotificationRules(targets, ticketTarget, min,
        days(p, "vigil.notify.near-breach-within", 3, source), days(p, "vigil.notify.acceptance-expiring-within", 7, source));
  }

  private static Targets.Name name(String text, String key, String source) {
    String[] parts = text.trim().split(":", 2);
    Optional<Channel> channel = Channel.ofKey(parts[0].trim().toLowerCase(Locale.ROOT));
    if (parts.length != 2 || channel.isEmpty() || parts[1].isBlank()) {
      throw new IllegalArgumentException(source + ": " + key + ": '" + text.trim()
          + "' is not channel:target (channels: slack, teams, webhook, email, jira, servicenow)");
    }
    return new Targets.Name(channel.get(), parts[1].trim());
  }

  private static Duration days(Properties p, String key, int fallback, String source) {
    String v = p.getProperty(key, fallback + "d").trim();
    if (!v.matches("\\d+d")) {
      throw new IllegalArgumentException(source + ": " + key + " must be a number of days such as 3d, not '" + v + "'");
    }
    return Duration.ofDays(Long.parseLong(v.substring(0, v.length() - 1)));
  }
}
