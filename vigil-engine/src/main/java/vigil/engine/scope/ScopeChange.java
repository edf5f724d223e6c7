package vigil.engine.scope;

import java.util.Locale;
import java.util.Objects;

/**
 * One difference between two scope documents, as {@link ScopeDiff} lists them.
 *
 * @param elementType "owner", "environment", "service" or "rule"
 * @param key the element's {@link ScopeElement#key()}; "environments" for a {@link Action#REORDER}
 * @param before the element as it is, or {@code null} for a creation or a reorder
 * @param after the element as it will be, or {@code null} for a deletion or a reorder
 * @param description what changes, for people: "update service 'payments': criticality 4 → 5"
 */
public record ScopeChange(
    Action action, String elementType, String key, ScopeElement before, ScopeElement after, String description) {

  /** What happens to the element. */
  public enum Action {
    CREATE,
    UPDATE,
    DELETE,
    /** The environments' order, which is their precedence, changes. */
    REORDER;

    public String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  public ScopeChange {
    Objects.requireNonNull(action, "action");
    Objects.requireNonNull(elementType, "elementType");
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(description, "description");
  }

  @Override
  public String toString() {
    return description;
  }
}
