package vigil.store.scope;

import java.util.List;
import vigil.engine.scope.ScopeChange;

/**
 * What applying a scope file did (or, in a dry run, would do): the changes, the new version, and
 * the re-evaluation's figures.
 */
public record ScopeApplyResult(
    boolean dryRun,
    long version,
    List<ScopeChange> changes,
    long assetsEvaluated,
    long assetsChanged,
    long shadowIt,
    long exposuresRescored) {
  public ScopeApplyResult {
    changes = List.copyOf(changes);
  }
}
