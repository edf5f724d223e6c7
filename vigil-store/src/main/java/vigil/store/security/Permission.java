package vigil.store.security;

/** What an actor may do; a role grants a set of these, a token's scopes narrow them. */
public enum Permission {
  /** See inventory, exposures, fix groups, graphs and reports (within the actor's visibility). */
  READ,
  /** Decide on exposures: risk acceptance, false positive (within the actor's visibility). */
  ACT,
  /** Change what Vigil knows: imports, feeds, identities, topology, mobilisation passes. */
  WRITE,
  /** Scope, accounts, teams, other people's tokens, secrets, settings, the audit trail. */
  ADMIN
}
