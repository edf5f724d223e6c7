package vigil.store.scope;

import vigil.engine.scope.ScopeDocument;
import vigil.engine.scope.ScopeIndex;

/** The applied scope: its version (0 before the first apply), document and built index. */
public record ScopeState(long version, String sha256, ScopeDocument document, ScopeIndex index) {
  static final ScopeState NONE = new ScopeState(0, "", ScopeDocument.EMPTY, ScopeIndex.build(ScopeDocument.EMPTY));
}
