package vigil.engine.scope;

import java.util.Locale;

/** Whether a rule puts matching assets into its target or takes them out. */
public enum RuleEffect {
  INCLUDE,
  EXCLUDE;

  /** "include" or "exclude", the list a rule sits in within a scope file. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }
}
