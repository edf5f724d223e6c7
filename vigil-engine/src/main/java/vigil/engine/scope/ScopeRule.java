package vigil.engine.scope;

import java.util.Objects;

/**
 * One scope rule: a pattern of some {@link RuleKind} that includes matching assets into, or
 * excludes them from, a target. The target is where the rule sits in a scope file:
 *
 * <ul>
 *   <li>a business service ({@code service} set): an include puts the asset in the service and,
 *       when {@code environment} is set, proposes that environment too; an exclude takes the asset
 *       out of the service (and takes no environment);
 *   <li>an environment only ({@code environment} set): an include proposes the environment, an
 *       exclude forbids it;
 *   <li>neither (top level): an include says the asset is the organisation's without naming a
 *       service; an exclude takes the asset out of scope altogether.
 * </ul>
 *
 * <p>How rules combine is described on {@link ScopeIndex}.
 *
 * @param pattern normalised by {@link RuleKind#normalise}
 * @param service the target {@link BusinessService#name()}, or {@code null}
 * @param environment the target or proposed {@link Environment#name()}, or {@code null}
 * @param crownJewel an include whose matching assets are crown jewels ("named assets or rules")
 * @param note why the rule exists, for people reading the file, or {@code null}
 */
public record ScopeRule(
    RuleKind kind,
    String pattern,
    RuleEffect effect,
    String service,
    String environment,
    boolean crownJewel,
    String note)
    implements ScopeElement {

  public ScopeRule {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(pattern, "pattern");
    Objects.requireNonNull(effect, "effect");
    pattern = kind.normalise(pattern);
    service = Names.optional(service);
    environment = Names.optional(environment);
    note = Names.optional(note);
    if (crownJewel && effect == RuleEffect.EXCLUDE) {
      throw new IllegalArgumentException("exclude rule " + kind.label() + " " + pattern + " cannot mark crown jewels");
    }
    if (effect == RuleEffect.EXCLUDE && service != null && environment != null) {
      throw new IllegalArgumentException("exclude rule " + kind.label() + " " + pattern + " of service '" + service
          + "' takes no environment: it only takes assets out of the service");
    }
  }

  /** A top-level include; target it with {@link #forService} or {@link #inEnvironment}. */
  public static ScopeRule include(RuleKind kind, String pattern) {
    return new ScopeRule(kind, pattern, RuleEffect.INCLUDE, null, null, false, null);
  }

  /** A top-level exclude; target it with {@link #forService} or {@link #inEnvironment}. */
  public static ScopeRule exclude(RuleKind kind, String pattern) {
    return new ScopeRule(kind, pattern, RuleEffect.EXCLUDE, null, null, false, null);
  }

  public ScopeRule forService(String name) {
    return new ScopeRule(kind, pattern, effect, name, environment, crownJewel, note);
  }

  public ScopeRule inEnvironment(String name) {
    return new ScopeRule(kind, pattern, effect, service, name, crownJewel, note);
  }

  public ScopeRule asCrownJewel() {
    return new ScopeRule(kind, pattern, effect, service, environment, true, note);
  }

  public ScopeRule withNote(String text) {
    return new ScopeRule(kind, pattern, effect, service, environment, crownJewel, text);
  }

  public boolean includes() {
    return effect == RuleEffect.INCLUDE;
  }

  /** Where the rule sits: "service 'payments'", "environment 'staging'" or "top level". */
  public String placement() {
    if (service != null) {
      return "service '" + service + "'";
    }
    return environment != null ? "environment '" + environment + "'" : "top level";
  }

  /** The pattern as a scope file writes it: "cidr 10.1.0.0/16". */
  public String describe() {
    return kind.label() + " " + pattern;
  }

  /**
   * Placement, effect and pattern: "service 'payments' include cidr 10.1.0.0/16". Two rules with
   * one key are one rule; the proposed environment of a service rule, the crown-jewel mark and the
   * note are what an update changes.
   */
  @Override
  public String key() {
    return placement() + " " + effect.label() + " " + describe();
  }

  @Override
  public String elementType() {
    return "rule";
  }
}
