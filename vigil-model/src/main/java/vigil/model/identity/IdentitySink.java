package vigil.model.identity;

/** Receives the identity facts a directory collector's files hold, in file order. */
public interface IdentitySink {

  void principal(Principal principal);

  void edge(IdentityEdge edge);

  void trust(DomainTrust trust);
}
