package vigil.engine.scope;

/** An asset's place in a business service, with the first rule (in document order) that put it there. */
public record ServiceMembership(BusinessService service, RuleMatch match) {}
