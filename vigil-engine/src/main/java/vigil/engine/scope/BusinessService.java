package vigil.engine.scope;

/**
 * Something the organisation does that its assets serve (payments, the customer portal), with who
 * owns it and how much it matters. Assets join services through scope rules.
 *
 * @param name unique in a scope document (case-insensitively)
 * @param description or {@code null}
 * @param owner the owning {@link Owner#team()}, or {@code null}
 * @param criticality 1 (low) to 5 (the business stops without it); an asset in several services
 *     takes the highest
 * @param crownJewel every asset of the service is a crown jewel (a target attack paths are
 *     measured against)
 * @param dataClassification or {@code null} when not classified
 */
public record BusinessService(
    String name,
    String description,
    String owner,
    int criticality,
    boolean crownJewel,
    DataClassification dataClassification)
    implements ScopeElement {

  public static final int MIN_CRITICALITY = 1;
  public static final int MAX_CRITICALITY = 5;

  public BusinessService {
    name = Names.require(name, "service name");
    description = Names.optional(description);
    owner = Names.optional(owner);
    if (criticality < MIN_CRITICALITY || criticality > MAX_CRITICALITY) {
      throw new IllegalArgumentException(
          "criticality of service '" + name + "' must be " + MIN_CRITICALITY + "–" + MAX_CRITICALITY + ", was " + criticality);
    }
  }

  /** A service with only a name and a criticality, for tests and generators. */
  public static BusinessService of(String name, int criticality) {
    return new BusinessService(name, null, null, criticality, false, null);
  }

  public BusinessService withOwner(String team) {
    return new BusinessService(name, description, team, criticality, crownJewel, dataClassification);
  }

  public BusinessService asCrownJewel() {
    return new BusinessService(name, description, owner, criticality, true, dataClassification);
  }

  @Override
  public String key() {
    return name;
  }

  @Override
  public String elementType() {
    return "service";
  }
}
