package vigil.engine.scope;

/** One declared thing of a scope document: what a diff creates, updates or deletes. */
public sealed interface ScopeElement permits Owner, Environment, BusinessService, ScopeRule {

  /** What identifies this element within its document, across versions of the file. */
  String key();

  /** "owner", "environment", "service" or "rule". */
  String elementType();
}
