package vigil.engine.scope;

/**
 * A deployment environment (production, staging, development, …). Its position in the document's
 * list is its precedence when rules propose more than one environment for an asset.
 *
 * @param name unique in a scope document (case-insensitively)
 * @param description or {@code null}
 */
public record Environment(String name, String description) implements ScopeElement {

  public Environment {
    name = Names.require(name, "environment name");
    description = Names.optional(description);
  }

  public static Environment named(String name) {
    return new Environment(name, null);
  }

  @Override
  public String key() {
    return name;
  }

  @Override
  public String elementType() {
    return "environment";
  }
}
