package vigil.engine.scope;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * A whole scope: owners, environments, business services and the rules that place assets in them,
 * as one immutable value (what a scope file holds, what {@link ScopeDiff} compares).
 *
 * <p>Names of owners, environments and services are unique ignoring case; every reference (a
 * service's owner, a rule's service or environment) names a declared element exactly; no two rules
 * have one {@link ScopeRule#key()}. Rules are kept in the order a scope file lists them: each
 * environment's, then each service's (includes before excludes), then the top-level ones, so that a
 * document and its exported file read back are equal.
 */
public record ScopeDocument(
    List<Owner> owners, List<Environment> environments, List<BusinessService> services, List<ScopeRule> rules) {

  public static final ScopeDocument EMPTY = new ScopeDocument(List.of(), List.of(), List.of(), List.of());

  /** @throws IllegalArgumentException on a duplicate name or rule, or a reference to nothing */
  public ScopeDocument {
    owners = List.copyOf(owners);
    environments = List.copyOf(environments);
    services = List.copyOf(services);
    unique(owners, "owner team");
    unique(environments, "environment");
    unique(services, "service");
    Map<String, Integer> environmentIndex = indexByKey(environments);
    Map<String, Integer> serviceIndex = indexByKey(services);
    Set<String> teams = new HashSet<>(indexByKey(owners).keySet());
    for (BusinessService s : services) {
      if (s.owner() != null && !teams.contains(s.owner())) {
        throw new IllegalArgumentException("service '" + s.name() + "' names unknown owner team '" + s.owner() + "'");
      }
    }
    Set<String> ruleKeys = new HashSet<>();
    for (ScopeRule r : rules) {
      if (r.service() != null && !serviceIndex.containsKey(r.service())) {
        throw new IllegalArgumentException("rule " + r.describe() + " names unknown service '" + r.service() + "'");
      }
      if (r.environment() != null && !environmentIndex.containsKey(r.environment())) {
        throw new IllegalArgumentException("rule " + r.describe() + " names unknown environment '" + r.environment() + "'");
      }
      if (!ruleKeys.add(r.key())) {
        throw new IllegalArgumentException("duplicate rule: " + r.key());
      }
    }
    List<ScopeRule> ordered = new ArrayList<>(rules);
    ordered.sort(Comparator.comparingInt((ScopeRule r) -> r.service() != null ? 1 : r.environment() != null ? 0 : 2)
        .thenComparingInt(r -> r.service() != null ? serviceIndex.get(r.service())
            : r.environment() != null ? environmentIndex.get(r.environment()) : 0)
        .thenComparing(ScopeRule::effect));
    rules = List.copyOf(ordered);
  }

  public static Builder builder() {
    return new Builder();
  }

  public Optional<BusinessService> service(String name) {
    return services.stream().filter(s -> s.name().equals(name)).findFirst();
  }

  public Optional<Environment> environment(String name) {
    return environments.stream().filter(e -> e.name().equals(name)).findFirst();
  }

  public Optional<Owner> owner(String team) {
    return owners.stream().filter(o -> o.team().equals(team)).findFirst();
  }

  private static void unique(List<? extends ScopeElement> elements, String what) {
    Set<String> seen = new HashSet<>();
    for (ScopeElement e : elements) {
      if (!seen.add(e.key().toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("duplicate " + what + " '" + e.key() + "'");
      }
    }
  }

  private static Map<String, Integer> indexByKey(List<? extends ScopeElement> elements) {
    Map<String, Integer> index = new HashMap<>();
    for (int i = 0; i < elements.size(); i++) {
      index.put(elements.get(i).key(), i);
    }
    return index;
  }

  /** Collects the parts of a document; {@link #build()} checks them. */
  public static final class Builder {
    private final List<Owner> owners = new ArrayList<>();
    private final List<Environment> environments = new ArrayList<>();
    private final List<BusinessService> services = new ArrayList<>();
    private final List<ScopeRule> rules = new ArrayList<>();

    private Builder() {}

    public Builder owner(Owner owner) {
      owners.add(owner);
      return this;
    }

    public Builder environment(Environment environment) {
      environments.add(environment);
      return this;
    }

    public Builder service(BusinessService service) {
      services.add(service);
      return this;
    }

    public Builder rule(ScopeRule rule) {
      rules.add(rule);
      return this;
    }

    public ScopeDocument build() {
      return new ScopeDocument(owners, environments, services, rules);
    }
  }
}
