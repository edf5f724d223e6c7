package vigil.engine.graph;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import vigil.model.WeaknessKind;
import vigil.model.identity.IdentityEdge;
import vigil.model.identity.IdentityRelation;
import vigil.model.identity.Principal;
import vigil.model.identity.PrincipalKind;

/**
 * The facts resolved to int indexes: every reference checked, hosts placed in zones, directory
 * computers matched to hosts, identity edges deduplicated, and the derived join facts (a flow × a
 * port open in its target zone; an internet-facing service × an internet zone) listed.
 *
 * <p>Labels (what a fix removes) are numbered exposures first, then flows, identity edges and
 * credentials.
 */
final class Index {
  final Facts facts;
  final List<String> warnings = new ArrayList<>();

  final List<EntryPoint> entries;
  final int[] entryZone;
  final int[] entryHost;
  final int[] entryPrincipal;

  final List<Zone> zones;
  final Map<String, Integer> zoneIds = new HashMap<>();
  final boolean[] internetZone;

  final List<Host> hosts = new ArrayList<>();
  final Map<String, Integer> hostIds = new HashMap<>();
  int[] hostZone;

  final List<Service> services;
  final Map<String, Integer> serviceIds = new HashMap<>();
  final int[] serviceHost;
  final int[] servicePort;
  final boolean[] serviceInternetReachable;

  final List<Flow> flows;
  final Map<String, Integer> flowIds = new HashMap<>();
  final IntList zpZone = new IntList(64);
  final IntList zpPort = new IntList(64);
  final IntList zpFrom = new IntList(64);
  final IntList zpFlow = new IntList(64);
  final IntList isService = new IntList(64);
  final IntList isFrom = new IntList(64);

  final List<ExposureFact> exposures;
  final Map<String, Integer> exposureIds = new HashMap<>();
  final int[] exposureHost;
  final int[] exposureService;
  final ExposureTraits[] traits;
  final String[] vectors;

  final List<Principal> principals = new ArrayList<>();
  final Map<String, Integer> principalIds = new HashMap<>();
  int[] principalDomain;
  int[] principalHost;

  int edgeCount;
  int[] edgeSource;
  int[] edgeTarget;
  byte[] edgeRelation;

  final List<Credential> credentials;
  final int[] credentialHost;
  final int[] credentialPrivilege;
  final int[] credentialPrincipal;
  final int[] credentialTargetHost;

  final int labelFlowBase;
  int labelEdgeBase;
  int labelCredentialBase;
  int labelCount;

  Index(Facts facts, RuleSet rules) {
    this.facts = facts;
    Topology topology = facts.topology();
    zones = topology.zones();
    internetZone = new boolean[zones.size()];
    for (int i = 0; i < zones.size(); i++) {
      unique(zoneIds, zones.get(i).id(), i, "zone");
      internetZone[i] = zones.get(i).internet();
    }
    flows = topology.flows();
    for (int i = 0; i < flows.size(); i++) {
      Flow f = flows.get(i);
      unique(flowIds, f.id(), i, "flow");
      zone(f.from(), "flow " + f.id());
      zone(f.to(), "flow " + f.id());
    }
    principals(facts);
    hosts(facts);
    services = facts.services();
    serviceHost = new int[services.size()];
    servicePort = new int[services.size()];
    serviceInternetReachable = new boolean[services.size()];
    for (int i = 0; i < services.size(); i++) {
      Service s = services.get(i);
      unique(serviceIds, s.id(), i, "service");
      serviceHost[i] = host(s.hostId(), "service " + s.id());
      servicePort[i] = portKey(s.protocol(), s.port());
    }
    joins();
    exposures = facts.exposures();
    exposureHost = new int[exposures.size()];
    exposureService = new int[exposures.size()];
    traits = new ExposureTraits[exposures.size()];
    vectors = new String[exposures.size()];
    exposures(rules);
    labelFlowBase = exposures.size();
    edges(facts);
    credentials = facts.credentials();
    credentialHost = new int[credentials.size()];
    credentialPrivilege = new int[credentials.size()];
    credentialPrincipal = new int[credentials.size()];
    credentialTargetHost = new int[credentials.size()];
    Map<String, Integer> credentialIds = new HashMap<>();
    for (int i = 0; i < credentials.size(); i++) {
      Credential c = credentials.get(i);
      unique(credentialIds, c.id(), i, "credential");
      credentialHost[i] = host(c.hostId(), "credential " + c.id());
      credentialPrivilege[i] = c.privilege().equals("admin") ? Predicate.ADMIN : Predicate.USER;
      credentialPrincipal[i] = c.principalId() == null ? -1 : principal(c.principalId(), "credential " + c.id());
      credentialTargetHost[i] = c.grantsHostId() == null ? -1 : host(c.grantsHostId(), "credential " + c.id());
    }
    labelEdgeBase = labelFlowBase + flows.size();
    labelCredentialBase = labelEdgeBase + edgeCount;
    labelCount = labelCredentialBase + credentials.size();
    entries = topology.entryPoints();
    entryZone = new int[entries.size()];
    entryHost = new int[entries.size()];
    entryPrincipal = new int[entries.size()];
    Map<String, Integer> entryIds = new HashMap<>();
    for (int i = 0; i < entries.size(); i++) {
      EntryPoint e = entries.get(i);
      unique(entryIds, e.id(), i, "entry point");
      entryZone[i] = e.zone() == null ? -1 : zone(e.zone(), "entry point " + e.id());
      entryHost[i] = e.hostId() == null ? -1 : host(e.hostId(), "entry point " + e.id());
      entryPrincipal[i] = e.principalId() == null ? -1 : principalByIdOrName(e.principalId(), "entry point " + e.id());
    }
  }

  /** The credential index of a principal's logon credential (after the stored credentials). */
  int logon(int principal) {
    return credentials.size() + principal;
  }

  static int portKey(String protocol, int port) {
    return (protocol.equals("udp") ? 1 << 16 : 0) | port;
  }

  static String portLabel(int key) {
    return ((key >> 16) == 1 ? "udp/" : "tcp/") + (key & 0xffff);
  }

  private void principals(Facts facts) {
    for (Principal p : facts.principals()) {
      Integer known = principalIds.get(p.id());
      if (known == null) {
        principalIds.put(p.id(), principals.size());
        principals.add(p);
      } else if (principals.get(known).kind() == PrincipalKind.OTHER) {
        principals.set(known, p);
      }
    }
    // Edges may name objects of files not collected (well-known groups): placeholders, kind from the edge.
    for (IdentityEdge e : facts.identityEdges()) {
      placeholder(e.source(), sourceKind(e.relation()));
      placeholder(e.target(), targetKind(e.relation()));
    }
    int n = principals.size();
    for (int i = 0; i < n; i++) {
      String domain = principals.get(i).domainId();
      if (domain != null && !principalIds.containsKey(domain)) {
        String name = principals.get(i).attributes().getOrDefault("domain", domain);
        principalIds.put(domain, principals.size());
        principals.add(Principal.of(domain, PrincipalKind.DOMAIN, name, domain));
      }
    }
    principalDomain = new int[principals.size()];
    for (int i = 0; i < principals.size(); i++) {
      String domain = principals.get(i).domainId();
      principalDomain[i] = domain == null ? -1 : principalIds.get(domain);
    }
  }

  private void placeholder(String id, PrincipalKind kind) {
    if (!principalIds.containsKey(id)) {
      principalIds.put(id, principals.size());
      principals.add(Principal.of(id, kind, id, null));
    }
  }

  private static PrincipalKind sourceKind(IdentityRelation r) {
    return r == IdentityRelation.HAS_SESSION ? PrincipalKind.COMPUTER : PrincipalKind.OTHER;
  }

  private static PrincipalKind targetKind(IdentityRelation r) {
    return switch (r) {
      case MEMBER_OF -> PrincipalKind.GROUP;
      case HAS_SESSION -> PrincipalKind.USER;
      case ADMIN_TO, CAN_RDP, CAN_PS_REMOTE, EXECUTE_DCOM, ALLOWED_TO_ACT -> PrincipalKind.COMPUTER;
      default -> PrincipalKind.OTHER;
    };
  }

  private void hosts(Facts facts) {
    Map<String, Integer> computersByName = new HashMap<>();
    for (int i = 0; i < principals.size(); i++) {
      Principal p = principals.get(i);
      if (p.kind() == PrincipalKind.COMPUTER) {
        String name = p.name().toLowerCase(Locale.ROOT);
        computersByName.putIfAbsent(name, i);
        int dot = name.indexOf('.');
        if (dot > 0) {
          computersByName.putIfAbsent(name.substring(0, dot), i);
        }
      }
    }
    principalHost = new int[principals.size()];
    java.util.Arrays.fill(principalHost, -1);
    List<Host> given = facts.hosts();
    IntList zone = new IntList(given.size() + 16);
    for (Host h : given) {
      int index = hosts.size();
      unique(hostIds, h.id(), index, "host");
      hosts.add(h);
      zone.add(h.zone() != null ? zone(h.zone(), "host " + h.id()) : zoneOf(h.address()));
      Integer computer = h.computerId() != null ? principalIds.get(h.computerId()) : computerByName(computersByName, h);
      if (h.computerId() != null && computer == null) {
        throw new IllegalArgumentException("host " + h.id() + " names computer " + h.computerId()
            + ", which no directory fact describes");
      }
      if (computer != null && principalHost[computer] < 0) {
        principalHost[computer] = index;
      }
    }
    // Directory computers no scan saw are hosts too: admin rights and sessions lead to them.
    for (int i = 0; i < principals.size(); i++) {
      if (principals.get(i).kind() == PrincipalKind.COMPUTER && principalHost[i] < 0) {
        Principal p = principals.get(i);
        String id = hostIds.containsKey(p.id()) ? "computer:" + p.id() : p.id();
        principalHost[i] = hosts.size();
        hostIds.put(id, hosts.size());
        hosts.add(new Host(id, p.name(), null, null, p.id()));
        zone.add(-1);
      }
    }
    hostZone = zone.toArray();
  }

  private static Integer computerByName(Map<String, Integer> computers, Host h) {
    String name = h.name().toLowerCase(Locale.ROOT);
    Integer c = computers.get(name);
    if (c == null && name.indexOf('.') > 0 && !Character.isDigit(name.charAt(0))) {
      c = computers.get(name.substring(0, name.indexOf('.')));
    }
    return c;
  }

  /** The most specific zone whose CIDRs hold the address, or -1. */
  private int zoneOf(String address) {
    byte[] a = address == null ? null : Cidr.literal(address.trim());
    if (a == null) {
      return -1;
    }
    int best = -1;
    int bestPrefix = -1;
    for (int z = 0; z < zones.size(); z++) {
      for (Cidr c : zones.get(z).cidrs()) {
        if (c.prefix() > bestPrefix && c.contains(a)) {
          best = z;
          bestPrefix = c.prefix();
        }
      }
    }
    return best;
  }

  /** Flow × port open in the flow's target zone; internet-facing service × internet zone. */
  private void joins() {
    Map<Integer, java.util.Set<Integer>> portsByZone = new LinkedHashMap<>();
    for (int s = 0; s < services.size(); s++) {
      int z = hostZone[serviceHost[s]];
      if (z >= 0) {
        portsByZone.computeIfAbsent(z, k -> new java.util.TreeSet<>()).add(servicePort[s]);
      }
    }
    java.util.Set<Long> internetReach = new java.util.HashSet<>();
    for (int f = 0; f < flows.size(); f++) {
      Flow flow = flows.get(f);
      int from = zoneIds.get(flow.from());
      int to = zoneIds.get(flow.to());
      for (int port : portsByZone.getOrDefault(to, java.util.Set.of())) {
        if (flow.admits((port >> 16) == 1 ? "udp" : "tcp", port & 0xffff)) {
          zpZone.add(to);
          zpPort.add(port);
          zpFrom.add(from);
          zpFlow.add(f);
          if (internetZone[from]) {
            internetReach.add(((long) to << 32) | port);
          }
        }
      }
    }
    for (int s = 0; s < services.size(); s++) {
      int z = hostZone[serviceHost[s]];
      serviceInternetReachable[s] = services.get(s).internetFacing()
          || z >= 0 && internetReach.contains(((long) z << 32) | servicePort[s]);
      if (services.get(s).internetFacing()) {
        for (int iz = 0; iz < zones.size(); iz++) {
          if (internetZone[iz]) {
            isService.add(s);
            isFrom.add(iz);
          }
        }
      }
    }
  }

  private void exposures(RuleSet rules) {
    Map<String, ExposureTraits> parsed = new HashMap<>(); // real data repeats a few thousand vectors
    for (int i = 0; i < exposures.size(); i++) {
      ExposureFact e = exposures.get(i);
      unique(exposureIds, e.id(), i, "exposure");
      exposureHost[i] = host(e.hostId(), "exposure " + e.id());
      exposureService[i] = e.serviceId() == null ? -1 : service(e.serviceId(), "exposure " + e.id());
      if (exposureService[i] >= 0 && serviceHost[exposureService[i]] != exposureHost[i]) {
        throw new IllegalArgumentException("exposure " + e.id() + " is on host " + e.hostId() + " but its service "
            + e.serviceId() + " is on host " + services.get(exposureService[i]).hostId());
      }
      if (e.kind() == WeaknessKind.INFORMATIONAL) {
        continue;
      }
      String vector = e.cvssVector() != null ? e.cvssVector() : rules.defaultVector(e.kind());
      if (vector == null) {
        continue;
      }
      try {
        traits[i] = parsed.get(vector);
        if (traits[i] == null) {
          traits[i] = ExposureTraits.parseVector(vector);
          parsed.put(vector, traits[i]);
        }
      } catch (IllegalArgumentException ex) {
        String fallback = rules.defaultVector(e.kind());
        warnings.add("exposure " + e.id() + ": " + ex.getMessage()
            + (fallback == null ? "; left out of the graph" : "; assumed " + fallback));
        vector = fallback;
        traits[i] = fallback == null ? null : ExposureTraits.parseVector(fallback);
      }
      vectors[i] = vector;
    }
  }

  private void edges(Facts facts) {
    List<IdentityEdge> all = facts.identityEdges();
    edgeSource = new int[all.size()];
    edgeTarget = new int[all.size()];
    edgeRelation = new byte[all.size()];
    LongIntMap seen = new LongIntMap(all.size());
    int n = 0;
    for (IdentityEdge e : all) {
      int s = principalIds.get(e.source());
      int t = principalIds.get(e.target());
      long key = ((long) (e.relation().ordinal() + 1) << 56) | ((long) s << 28) | t;
      if (s >= (1 << 28) || t >= (1 << 28)) {
        throw new IllegalArgumentException("more than 2^28 principals");
      }
      if (seen.get(key) >= 0) {
        continue;
      }
      seen.putNew(key, n);
      edgeSource[n] = s;
      edgeTarget[n] = t;
      edgeRelation[n] = (byte) e.relation().ordinal();
      n++;
    }
    edgeCount = n;
  }

  /** Fills the variables of fact {@code f} in slot order (see {@link FactType}); -1 where the fact has none. */
  void bind(FactType t, int f, int[] v) {
    switch (t) {
      case ENTRY_POINT -> {
        v[0] = f;
        v[1] = entryZone[f];
        v[2] = entryHost[f];
        v[3] = entryPrincipal[f];
      }
      case HOST -> {
        v[0] = f;
        v[1] = hostZone[f];
      }
      case ZONE_PORT -> {
        v[0] = zpZone.get(f);
        v[1] = zpPort.get(f);
        v[2] = zpFrom.get(f);
        v[3] = zpFlow.get(f);
      }
      case SERVICE -> {
        v[0] = f;
        v[1] = serviceHost[f];
        v[2] = hostZone[v[1]];
        v[3] = servicePort[f];
      }
      case INTERNET_SERVICE -> {
        v[0] = isService.get(f);
        v[1] = serviceHost[v[0]];
        v[2] = isFrom.get(f);
      }
      case EXPOSURE -> {
        v[0] = f;
        v[1] = exposureService[f];
        v[2] = exposureHost[f];
        v[3] = hostZone[v[2]];
        int impact = traits[f] == null ? ExposureTraits.IMPACT_NONE : traits[f].impact();
        v[4] = impact == ExposureTraits.IMPACT_FULL ? Predicate.ADMIN
            : impact == ExposureTraits.IMPACT_PARTIAL ? Predicate.USER : -1;
      }
      case IDENTITY_EDGE -> {
        int s = edgeSource[f];
        int target = edgeTarget[f];
        v[0] = s;
        v[1] = target;
        v[2] = principalHost[s];
        v[3] = principalHost[target];
        v[4] = logon(target);
        v[5] = principalDomain[target];
      }
      case PRINCIPAL -> {
        v[0] = f;
        v[1] = principalHost[f];
        v[2] = principalDomain[f];
        v[3] = logon(f);
      }
      case CREDENTIAL -> {
        v[0] = f;
        v[1] = credentialHost[f];
        v[2] = credentialPrivilege[f];
        v[3] = credentialPrincipal[f];
        v[4] = credentialTargetHost[f];
      }
    }
  }

  /** "source|Relation|target" of an edge. */
  String edgeId(int edge) {
    return principals.get(edgeSource[edge]).id() + "|" + IdentityRelation.values()[edgeRelation[edge]].bloodHoundName()
        + "|" + principals.get(edgeTarget[edge]).id();
  }

  /** The label of a fix by its id: an exposure, a flow, an identity edge or a credential; -1 if unknown. */
  int label(String id) {
    Integer e = exposureIds.get(id);
    if (e != null) {
      return e;
    }
    Integer f = flowIds.get(id);
    if (f != null) {
      return labelFlowBase + f;
    }
    for (int i = 0; i < credentials.size(); i++) {
      if (credentials.get(i).id().equals(id)) {
        return labelCredentialBase + i;
      }
    }
    String[] parts = id.split("\\|");
    if (parts.length == 3) {
      Integer s = principalIds.get(parts[0]);
      Integer t = principalIds.get(parts[2]);
      IdentityRelation r = IdentityRelation.fromName(parts[1]);
      if (s != null && t != null && r != null) {
        for (int i = 0; i < edgeCount; i++) {
          if (edgeSource[i] == s && edgeTarget[i] == t && edgeRelation[i] == r.ordinal()) {
            return labelEdgeBase + i;
          }
        }
      }
    }
    return -1;
  }

  /** The id a label stands for. */
  String labelId(int label) {
    if (label < labelFlowBase) {
      return exposures.get(label).id();
    }
    if (label < labelEdgeBase) {
      return flows.get(label - labelFlowBase).id();
    }
    if (label < labelCredentialBase) {
      return edgeId(label - labelEdgeBase);
    }
    return credentials.get(label - labelCredentialBase).id();
  }

  /** "exposure", "flow", "identity-edge" or "credential". */
  String labelKind(int label) {
    return label < labelFlowBase ? "exposure" : label < labelEdgeBase ? "flow"
        : label < labelCredentialBase ? "identity-edge" : "credential";
  }

  int zone(String id, String where) {
    Integer z = zoneIds.get(id);
    if (z == null) {
      throw new IllegalArgumentException(where + " names zone " + id + ", which the topology does not declare");
    }
    return z;
  }

  int host(String id, String where) {
    Integer h = hostIds.get(id);
    if (h == null) {
      throw new IllegalArgumentException(where + " names host " + id + ", which no fact describes");
    }
    return h;
  }

  int service(String id, String where) {
    Integer s = serviceIds.get(id);
    if (s == null) {
      throw new IllegalArgumentException(where + " names service " + id + ", which no fact describes");
    }
    return s;
  }

  int principal(String id, String where) {
    Integer p = principalIds.get(id);
    if (p == null) {
      throw new IllegalArgumentException(where + " names principal " + id + ", which no directory fact describes");
    }
    return p;
  }

  int principalByIdOrName(String idOrName, String where) {
    Integer p = principalIds.get(idOrName);
    if (p != null) {
      return p;
    }
    for (int i = 0; i < principals.size(); i++) {
      if (principals.get(i).name().equalsIgnoreCase(idOrName)) {
        return i;
      }
    }
    return principal(idOrName, where);
  }

  private static void unique(Map<String, Integer> ids, String id, int index, String what) {
    if (ids.putIfAbsent(id, index) != null) {
      throw new IllegalArgumentException(what + " " + id + " is given twice");
    }
  }
}
