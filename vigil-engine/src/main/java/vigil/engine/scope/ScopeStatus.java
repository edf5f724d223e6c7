package vigil.engine.scope;

import java.util.Locale;

/** Where an asset stands against the scope. */
public enum ScopeStatus {
  /** Some include rule holds: the asset is the organisation's, with or without a service. */
  IN_SCOPE,
  /** An exclude rule took it out (a top-level exclude, or excludes overruled every include). */
  OUT_OF_SCOPE,
  /** No rule matches it at all: shadow IT, reported and never scanned actively. */
  SHADOW_IT;

  public String label() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }
}
