package vigil.engine.scope;

import java.util.List;
import java.util.Objects;

/**
 * What the scope says about one asset.
 *
 * @param services the services the asset is in, in document order, each with its rule
 * @param environment or {@code null} when no rule gives one
 * @param criticality the highest criticality of its services; 0 when it is in none
 * @param owner the owner of its most critical service (the first in document order on a tie), or
 *     {@code null}
 * @param crownJewelReason why it is a crown jewel ("service 'payments' is a crown jewel", "asset
 *     fqdn:db1.corp.example.com of service 'payments' marks crown jewels"), or {@code null}
 * @param exclusions every exclude rule that matched, and what it took the asset out of
 * @param explanation the above in one sentence for people; for shadow IT, what was looked at and
 *     the nearest rules
 */
public record ScopeResult(
    ScopeStatus status,
    List<ServiceMembership> services,
    EnvironmentAssignment environment,
    int criticality,
    Owner owner,
    boolean crownJewel,
    String crownJewelReason,
    List<RuleMatch> exclusions,
    String explanation) {

  public ScopeResult {
    Objects.requireNonNull(status, "status");
    services = List.copyOf(services);
    exclusions = List.copyOf(exclusions);
    Objects.requireNonNull(explanation, "explanation");
  }

  public boolean shadowIt() {
    return status == ScopeStatus.SHADOW_IT;
  }

  public boolean inScope() {
    return status == ScopeStatus.IN_SCOPE;
  }

  /** The names of the services, in document order. */
  public List<String> serviceNames() {
    return services.stream().map(m -> m.service().name()).toList();
  }

  /** The environment's name, or {@code null}. */
  public String environmentName() {
    return environment == null ? null : environment.environment().name();
  }
}
