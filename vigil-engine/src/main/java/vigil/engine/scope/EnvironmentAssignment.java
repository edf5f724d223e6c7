package vigil.engine.scope;

import java.util.List;

/**
 * The environment an asset is in, the rule that put it there and the other environments rules
 * proposed, which lost on precedence (see {@link ScopeIndex}).
 */
public record EnvironmentAssignment(Environment environment, RuleMatch match, List<Environment> overruled) {
  public EnvironmentAssignment {
    overruled = List.copyOf(overruled);
  }
}
