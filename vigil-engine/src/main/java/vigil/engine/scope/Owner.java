package vigil.engine.scope;

/**
 * A team that owns business services, and how to reach it.
 *
 * @param team the team's name, unique in a scope document (case-insensitively)
 * @param contact an address, channel or on-call alias, or {@code null}
 */
public record Owner(String team, String contact) implements ScopeElement {

  public Owner {
    team = Names.require(team, "owner team");
    contact = Names.optional(contact);
  }

  @Override
  public String key() {
    return team;
  }

  @Override
  public String elementType() {
    return "owner";
  }
}
