package vigil.engine.graph;

import java.util.ArrayList;
import java.util.List;
import vigil.model.identity.DomainTrust;
import vigil.model.identity.IdentityEdge;
import vigil.model.identity.IdentitySink;
import vigil.model.identity.Principal;

/**
 * Everything the attack graph is derived from: hosts and services, exposures, directory
 * identities and their relations, stored credentials, and the declared topology (zones, flows,
 * entry points, crown jewels). Immutable; build with {@link #builder()}.
 */
public record Facts(
    List<Host> hosts,
    List<Service> services,
    List<ExposureFact> exposures,
    List<Principal> principals,
    List<IdentityEdge> identityEdges,
    List<DomainTrust> trusts,
    List<Credential> credentials,
    Topology topology) {

  public Facts {
    hosts = List.copyOf(hosts);
    services = List.copyOf(services);
    exposures = List.copyOf(exposures);
    principals = List.copyOf(principals);
    identityEdges = List.copyOf(identityEdges);
    trusts = List.copyOf(trusts);
    credentials = List.copyOf(credentials);
    java.util.Objects.requireNonNull(topology, "topology");
  }

  public static Builder builder() {
    return new Builder();
  }

  /** A builder; also an {@link IdentitySink}, so a SharpHound reader can push straight into it. */
  public static final class Builder implements IdentitySink {
    private final List<Host> hosts = new ArrayList<>();
    private final List<Service> services = new ArrayList<>();
    private final List<ExposureFact> exposures = new ArrayList<>();
    private final List<Principal> principals = new ArrayList<>();
    private final List<IdentityEdge> edges = new ArrayList<>();
    private final List<DomainTrust> trusts = new ArrayList<>();
    private final List<Credential> credentials = new ArrayList<>();
    private Topology topology = Topology.EMPTY;

    private Builder() {}

    public Builder host(Host h) {
      hosts.add(h);
      return this;
    }

    public Builder service(Service s) {
      services.add(s);
      return this;
    }

    public Builder exposure(ExposureFact e) {
      exposures.add(e);
      return this;
    }

    public Builder credential(Credential c) {
      credentials.add(c);
      return this;
    }

    public Builder topology(Topology t) {
      topology = t;
      return this;
    }

    @Override
    public void principal(Principal p) {
      principals.add(p);
    }

    @Override
    public void edge(IdentityEdge e) {
      edges.add(e);
    }

    @Override
    public void trust(DomainTrust t) {
      trusts.add(t);
    }

    public Builder add(Principal p) {
      principals.add(p);
      return this;
    }

    public Builder add(IdentityEdge e) {
      edges.add(e);
      return this;
    }

    public Facts build() {
      return new Facts(hosts, services, exposures, principals, edges, trusts, credentials, topology);
    }
  }
}
