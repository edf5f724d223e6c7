package vigil.engine.scope;

import java.util.Objects;

/**
 * A rule that matched an asset, and on what.
 *
 * @param fact the asset's fact the pattern matched, as "ip 10.1.2.3", "fqdn a.example.com",
 *     "tag env=prod" or "cloud account 123456789012"
 */
public record RuleMatch(ScopeRule rule, String fact) {
  public RuleMatch {
    Objects.requireNonNull(rule, "rule");
    Objects.requireNonNull(fact, "fact");
  }

  /** "cidr 10.1.0.0/16 on ip 10.1.2.3". */
  @Override
  public String toString() {
    return rule.describe() + " on " + fact;
  }
}
