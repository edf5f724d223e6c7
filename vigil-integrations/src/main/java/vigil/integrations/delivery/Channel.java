package vigil.integrations.delivery;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The kinds of target an outbox message can go to; {@link #key()} is the stored and configured name. */
public enum Channel {
  SLACK,
  TEAMS,
  WEBHOOK,
  EMAIL,
  JIRA,
  SERVICENOW;

  /** Lower-case name: in settings ({@code vigil.integrations.<key>.<target>.…}) and in the outbox. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  public static Optional<Channel> ofKey(String key) {
    return Arrays.stream(values()).filter(c -> c.key().equals(key)).findFirst();
  }
}
