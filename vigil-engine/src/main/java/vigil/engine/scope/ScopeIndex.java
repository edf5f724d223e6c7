package vigil.engine.scope;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vigil.model.AssetKey;
import vigil.model.AssetRef;

/**
 * A scope document's rules indexed for evaluation: built once, immutable, safe to share between
 * threads. Evaluating an asset costs lookups per fact (a walk of the address's bits, of the name's
 * labels and characters, hash probes for ids), not a pass over the rules.
 *
 * <h2>How rules combine</h2>
 *
 * <ol>
 *   <li><b>Matching.</b> A rule matches an asset when its pattern matches any of the asset's facts
 *       (see {@link RuleKind} for what each kind is matched against).
 *   <li><b>Excludes win at their target, whatever their specificity.</b> An exclude under service S
 *       takes the asset out of S even when a narrower include under S matches too: include
 *       10.1.2.0/24 and exclude 10.1.0.0/16 under S leave 10.1.2.5 outside S. To carve a hole in
 *       an exclude, narrow the exclude. Includes of other services are not affected.
 *   <li>An exclude under environment E means no rule gives the asset E. A top-level exclude takes
 *       the asset out of scope altogether: it overrides every include of every service.
 *   <li><b>Services.</b> The asset is in every service with a matching include that no exclude of
 *       that service overrules; each membership reports the first such rule in document order.
 *   <li><b>Environment.</b> Environments are proposed by the surviving includes: an environment's
 *       own includes, and a service include's {@code environment} when the service survives. Among
 *       proposals by patterns of one sort, only the most specific count: the longest prefix or
 *       smallest range (IPv4 and IPv6 apart), the most domain labels, the most literal host-name
 *       characters, "key=value" over "key" for tags, the most path segments for registries and
 *       code organisations. So "preprod.example.com → preprod" beats "example.com → production"
 *       for preprod.example.com. Of what is left (proposals of different sorts, or equally specific
 *       ones), the environment listed first in the document's {@code environments} wins; the others
 *       are reported as overruled.
 *   <li><b>Criticality</b> is the highest of the asset's services (0 when none); the <b>owner</b> is
 *       the owner of the most critical service, the first in document order on a tie.
 *   <li><b>Crown jewel</b> when one of its services is flagged as one, or when a surviving include
 *       marked {@code crownJewel} matches (a named asset or any other rule).
 *   <li><b>Status.</b> {@link ScopeStatus#OUT_OF_SCOPE} after a top-level exclude, or when excludes
 *       overruled every include that matched; else {@link ScopeStatus#IN_SCOPE} when an include
 *       survives (a top-level include puts an asset in scope without a service); else, when no rule
 *       matched at all, {@link ScopeStatus#SHADOW_IT}, explained with the facts looked at and the
 *       nearest include rules (longest shared address prefix, deepest shared domain, longest shared
 *       host name start).
 * </ol>
 */
public final class ScopeIndex {
  private static final int[] NONE = {};
  private static final int NEAREST_IPV4_BITS = 8;
  private static final int NEAREST_IPV6_BITS = 16;
  private static final int NEAREST_DOMAIN_LABELS = 2;
  private static final int NEAREST_HOST_CHARS = 3;
  private static final int FACTS_SHOWN = 6;
  /** "ip ", "fqdn ", …: computed once, as explanations name a key for every match. */
  private static final String[] KEY_LABELS =
      Arrays.stream(AssetKey.Type.values()).map(t -> t.label() + " ").toArray(String[]::new);

  private final ScopeDocument document;
  private final ScopeRule[] rules;
  private final int[] ruleService;
  private final int[] ruleEnvironment;
  /** Which patterns' specificities compare (see {@link #specificity}), and how specific each is. */
  private final int[] ruleFamily;
  private final int[] ruleSpecificity;
  private final BusinessService[] services;
  private final Owner[] serviceOwners;
  private final Environment[] environments;

  private final CidrTrie ipv4 = new CidrTrie(32);
  private final CidrTrie ipv6 = new CidrTrie(128);
  private final DomainTrie domains = new DomainTrie();
  private final GlobIndex shortNames = new GlobIndex();
  private final GlobIndex fullNames = new GlobIndex();
  private final Map<String, int[]> cloudAccounts = new HashMap<>();
  private final Map<String, int[]> tagKeys = new HashMap<>();
  private final Map<String, Map<String, int[]>> tagValues = new HashMap<>();
  private final Map<String, int[]> registries = new HashMap<>();
  private final Map<String, int[]> codeOrgs = new HashMap<>();
  private final Map<AssetKey, int[]> namedAssets = new HashMap<>();

  private ScopeIndex(ScopeDocument document) {
    this.document = document;
    List<ScopeRule> ruleList = document.rules();
    rules = ruleList.toArray(new ScopeRule[0]);
    services = document.services().toArray(new BusinessService[0]);
    environments = document.environments().toArray(new Environment[0]);
    serviceOwners = new Owner[services.length];
    Map<String, Integer> serviceIndex = new HashMap<>();
    for (int i = 0; i < services.length; i++) {
      serviceIndex.put(services[i].name(), i);
      String team = services[i].owner();
      serviceOwners[i] = team == null ? null : document.owner(team).orElseThrow();
    }
    Map<String, Integer> environmentIndex = new HashMap<>();
    for (int i = 0; i < environments.length; i++) {
      environmentIndex.put(environments[i].name(), i);
    }
    ruleService = new int[rules.length];
    ruleEnvironment = new int[rules.length];
    ruleFamily = new int[rules.length];
    ruleSpecificity = new int[rules.length];
    for (int r = 0; r < rules.length; r++) {
      ScopeRule rule = rules[r];
      ruleService[r] = rule.service() == null ? -1 : serviceIndex.get(rule.service());
      ruleEnvironment[r] = rule.environment() == null ? -1 : environmentIndex.get(rule.environment());
      ruleFamily[r] = family(rule);
      ruleSpecificity[r] = specificity(rule);
      add(rule, r);
    }
    shortNames.freeze();
    fullNames.freeze();
  }

  /** Indexes the document's rules. */
  public static ScopeIndex build(ScopeDocument document) {
    return new ScopeIndex(Objects.requireNonNull(document, "document"));
  }

  public ScopeDocument document() {
    return document;
  }

  private void add(ScopeRule rule, int r) {
    boolean include = rule.includes();
    String p = rule.pattern();
    switch (rule.kind()) {
      case CIDR: {
        int slash = p.indexOf('/');
        byte[] network = IpAddress.parse(p.substring(0, slash));
        trie(network).add(network, Integer.parseInt(p.substring(slash + 1)), r, include);
        break;
      }
      case IP_RANGE: {
        int dash = p.indexOf('-');
        byte[] first = IpAddress.parse(p.substring(0, dash));
        for (IpAddress.Network n : IpAddress.rangeToNetworks(first, IpAddress.parse(p.substring(dash + 1)))) {
          trie(first).add(n.address(), n.prefix(), r, include);
        }
        break;
      }
      case DOMAIN:
        domains.add(p, r, include);
        break;
      case HOSTNAME:
        (p.indexOf('.') >= 0 ? fullNames : shortNames).add(p, r, include);
        break;
      case CLOUD_ACCOUNT:
        append(cloudAccounts, p, r);
        break;
      case TAG: {
        int eq = p.indexOf('=');
        if (eq < 0) {
          append(tagKeys, p, r);
        } else {
          append(tagValues.computeIfAbsent(p.substring(0, eq), k -> new HashMap<>()), p.substring(eq + 1), r);
        }
        break;
      }
      case REGISTRY:
        append(registries, p, r);
        break;
      case CODE_ORG:
        append(codeOrgs, p, r);
        break;
      case ASSET: {
        int colon = p.indexOf(':');
        append(namedAssets, AssetKey.of(AssetKey.Type.fromLabel(p.substring(0, colon)), p.substring(colon + 1)), r);
        break;
      }
      default:
        throw new AssertionError(rule.kind());
    }
  }

  /** Patterns whose specificities compare: one per kind, with IPv4 and IPv6 addresses apart. */
  private static int family(ScopeRule rule) {
    RuleKind k = rule.kind();
    if (k == RuleKind.CIDR || k == RuleKind.IP_RANGE) {
      return rule.pattern().indexOf(':') >= 0 ? -2 : -1;
    }
    return k.ordinal();
  }

  /** Higher is narrower; only compared within one {@link #family}. */
  private static int specificity(ScopeRule rule) {
    String p = rule.pattern();
    switch (rule.kind()) {
      case CIDR:
        return Integer.parseInt(p.substring(p.indexOf('/') + 1));
      case IP_RANGE: {
        int dash = p.indexOf('-');
        byte[] first = IpAddress.parse(p.substring(0, dash));
        BigInteger size = new BigInteger(1, IpAddress.parse(p.substring(dash + 1)))
            .subtract(new BigInteger(1, first));
        return first.length * 8 - size.bitLength();
      }
      case DOMAIN:
        return (p.startsWith("*.") ? p.substring(2) : p).split("\\.").length;
      case HOSTNAME:
        return (int) p.chars().filter(c -> c != '*' && c != '?').count();
      case TAG:
        return p.indexOf('=') >= 0 ? 1 : 0;
      case REGISTRY:
      case CODE_ORG:
        return p.split("/").length;
      default:
        return 0;
    }
  }

  private CidrTrie trie(byte[] address) {
    return address.length == 4 ? ipv4 : ipv6;
  }

  private static <K> void append(Map<K, int[]> index, K key, int rule) {
    int[] rules = index.getOrDefault(key, NONE);
    int[] grown = Arrays.copyOf(rules, rules.length + 1);
    grown[rules.length] = rule;
    index.put(key, grown);
  }

  /** Evaluates an asset as one tool described it. */
  public ScopeResult evaluate(AssetRef asset) {
    return evaluate(AssetFacts.of(asset));
  }

  /** Places the asset in the scope; see the class comment for how rules combine. */
  public ScopeResult evaluate(AssetFacts facts) {
    RuleHits hits = new RuleHits();
    for (AssetKey key : facts.keys()) {
      matchKey(key, facts, hits);
    }
    facts.tags().forEach((k, v) -> {
      int[] anyValue = tagKeys.get(k);
      if (anyValue != null) {
        hits.addAll(anyValue, "tag " + k);
      }
      Map<String, int[]> byValue = tagValues.get(k);
      int[] exact = byValue == null ? null : byValue.get(v);
      if (exact != null) {
        hits.addAll(exact, "tag " + k + "=" + v);
      }
    });
    for (String account : facts.cloudAccounts()) {
      int[] matched = cloudAccounts.get(account);
      if (matched != null) {
        hits.addAll(matched, "cloud account " + account);
      }
    }
    if (hits.size() == 0) {
      return shadowIt(facts);
    }
    hits.sortUnique();
    return resolve(hits);
  }

  private void matchKey(AssetKey key, AssetFacts facts, RuleHits hits) {
    int[] named = namedAssets.get(key);
    if (named != null) {
      hits.addAll(named, key);
    }
    String v = key.value();
    switch (key.type()) {
      case IP: {
        byte[] address = IpAddress.parse(v);
        if (address != null) {
          trie(address).match(address, hits, key);
        }
        break;
      }
      case FQDN:
        domains.match(v, hits, key);
        fullNames.match(v, hits, key);
        String label = firstLabel(v);
        if (!hasHostname(facts, label)) {
          shortNames.match(label, hits, key);
        }
        break;
      case HOSTNAME:
      case NETBIOS:
        (v.indexOf('.') >= 0 ? fullNames : shortNames).match(v, hits, key);
        break;
      case IMAGE:
        matchPath(registries, ArtifactPath.ofImage(v), hits, key);
        break;
      case REPOSITORY:
        matchPath(codeOrgs, ArtifactPath.ofRepository(v), hits, key);
        break;
      default:
        break;
    }
  }

  /** True when the asset also has this short name as a hostname key (matched on its own). */
  private static boolean hasHostname(AssetFacts facts, String name) {
    for (AssetKey k : facts.keys()) {
      if (k.type() == AssetKey.Type.HOSTNAME && k.value().equals(name)) {
        return true;
      }
    }
    return false;
  }

  private static String firstLabel(String name) {
    int dot = name.indexOf('.');
    return dot < 0 ? name : name.substring(0, dot);
  }

  /** Looks up every segment-boundary prefix of "host/a/b": "host", "host/a", "host/a/b". */
  private static void matchPath(Map<String, int[]> index, String path, RuleHits hits, Object fact) {
    if (path == null || index.isEmpty()) {
      return;
    }
    int slash = path.indexOf('/');
    while (true) {
      int[] matched = index.get(slash < 0 ? path : path.substring(0, slash));
      if (matched != null) {
        hits.addAll(matched, fact);
      }
      if (slash < 0) {
        return;
      }
      slash = path.indexOf('/', slash + 1);
    }
  }

  private ScopeResult resolve(RuleHits hits) {
    List<RuleMatch> exclusions = new ArrayList<>();
    SmallIntSet excludedServices = new SmallIntSet();
    SmallIntSet excludedEnvironments = new SmallIntSet();
    RuleMatch outOfScopeBy = null;
    for (int i = 0; i < hits.size(); i++) {
      int r = hits.rule(i);
      if (rules[r].includes()) {
        continue;
      }
      RuleMatch m = match(hits, i);
      exclusions.add(m);
      if (ruleService[r] >= 0) {
        excludedServices.addNew(ruleService[r]);
      } else if (ruleEnvironment[r] >= 0) {
        excludedEnvironments.addNew(ruleEnvironment[r]);
      } else if (outOfScopeBy == null) {
        outOfScopeBy = m;
      }
    }
    if (outOfScopeBy != null) {
      return outOfScope(exclusions, "out of scope: excluded at the top level by " + outOfScopeBy);
    }

    List<ServiceMembership> memberships = new ArrayList<>();
    SmallIntSet memberOf = new SmallIntSet();
    IntList proposedRules = new IntList();
    List<RuleMatch> proposedBy = new ArrayList<>(4);
    RuleMatch inScopeBy = null;
    String crownJewelRule = null;
    for (int i = 0; i < hits.size(); i++) {
      int r = hits.rule(i);
      ScopeRule rule = rules[r];
      int s = ruleService[r];
      int e = ruleEnvironment[r];
      if (!rule.includes() || (s >= 0 && excludedServices.contains(s)) || (s < 0 && e >= 0 && excludedEnvironments.contains(e))) {
        continue;
      }
      RuleMatch m = match(hits, i);
      if (inScopeBy == null) {
        inScopeBy = m;
      }
      if (s >= 0 && memberOf.addNew(s)) {
        memberships.add(new ServiceMembership(services[s], m));
      }
      if (e >= 0 && !excludedEnvironments.contains(e)) {
        proposedRules.add(r);
        proposedBy.add(m);
      }
      if (rule.crownJewel() && crownJewelRule == null) {
        crownJewelRule = rule.describe() + " of " + rule.placement() + " marks crown jewels";
      }
    }
    if (inScopeBy == null) {
      return outOfScope(exclusions, "out of scope: every matching include is overruled; " + describeExclusions(exclusions));
    }
    return inScope(memberships, memberOf, environment(proposedRules, proposedBy), crownJewelRule, inScopeBy, exclusions);
  }

  private ScopeResult inScope(
      List<ServiceMembership> memberships,
      SmallIntSet memberOf,
      EnvironmentAssignment environment,
      String crownJewelRule,
      RuleMatch inScopeBy,
      List<RuleMatch> exclusions) {
    int criticality = 0;
    Owner owner = null;
    String crownJewelReason = null;
    for (int i = 0; i < memberships.size(); i++) {
      BusinessService s = memberships.get(i).service();
      if (s.criticality() > criticality) {
        criticality = s.criticality();
        owner = serviceOwners[memberOf.get(i)];
      }
      if (s.crownJewel() && crownJewelReason == null) {
        crownJewelReason = "service '" + s.name() + "' is a crown jewel";
      }
    }
    if (crownJewelReason == null) {
      crownJewelReason = crownJewelRule;
    }
    StringBuilder text = new StringBuilder(160);
    if (memberships.isEmpty()) {
      text.append("in scope, in no service, by ").append(inScopeBy);
    }
    for (ServiceMembership m : memberships) {
      separate(text).append("in service '").append(m.service().name()).append("' (criticality ")
          .append(m.service().criticality()).append(") by ").append(m.match());
    }
    if (environment != null) {
      separate(text).append("environment '").append(environment.environment().name()).append("' by ").append(environment.match());
      if (!environment.overruled().isEmpty()) {
        text.append(" (over ");
        environment.overruled().forEach(o -> text.append(o.name()).append(", "));
        text.setLength(text.length() - 2);
        text.append(')');
      }
    }
    if (crownJewelReason != null) {
      separate(text).append("crown jewel: ").append(crownJewelReason);
    }
    if (owner != null) {
      separate(text).append("owner ").append(owner.team());
    }
    if (!exclusions.isEmpty()) {
      separate(text).append(describeExclusions(exclusions));
    }
    return new ScopeResult(ScopeStatus.IN_SCOPE, memberships, environment, criticality, owner,
        crownJewelReason != null, crownJewelReason, exclusions, text.toString());
  }

  private static StringBuilder separate(StringBuilder text) {
    return text.length() == 0 ? text : text.append("; ");
  }

  /** Picks the environment among those the surviving includes propose; see the class comment. */
  private EnvironmentAssignment environment(IntList proposedRules, List<RuleMatch> proposedBy) {
    if (proposedRules.size() == 0) {
      return null;
    }
    int winner = -1;
    RuleMatch winnerBy = null;
    for (int i = 0; i < proposedRules.size(); i++) {
      int r = proposedRules.get(i);
      int e = ruleEnvironment[r];
      if (!narrowerExists(r, proposedRules) && (winner < 0 || e < winner)) {
        winner = e;
        winnerBy = proposedBy.get(i);
      }
    }
    List<Environment> overruled = new ArrayList<>(0);
    for (int e = 0; e < environments.length; e++) {
      if (e != winner && proposes(proposedRules, e)) {
        overruled.add(environments[e]);
      }
    }
    return new EnvironmentAssignment(environments[winner], winnerBy, overruled);
  }

  private boolean proposes(IntList proposedRules, int environment) {
    for (int i = 0; i < proposedRules.size(); i++) {
      if (ruleEnvironment[proposedRules.get(i)] == environment) {
        return true;
      }
    }
    return false;
  }

  private boolean narrowerExists(int rule, IntList proposedRules) {
    for (int i = 0; i < proposedRules.size(); i++) {
      int other = proposedRules.get(i);
      if (ruleFamily[other] == ruleFamily[rule] && ruleSpecificity[other] > ruleSpecificity[rule]) {
        return true;
      }
    }
    return false;
  }

  private ScopeResult outOfScope(List<RuleMatch> exclusions, String explanation) {
    return new ScopeResult(ScopeStatus.OUT_OF_SCOPE, List.of(), null, 0, null, false, null, exclusions, explanation);
  }

  private static String describeExclusions(List<RuleMatch> exclusions) {
    StringBuilder text = new StringBuilder();
    for (RuleMatch m : exclusions) {
      ScopeRule r = m.rule();
      separate(text).append(r.service() != null || r.environment() != null ? "excluded from " + r.placement() : "excluded")
          .append(" by ").append(m);
    }
    return text.toString();
  }

  private RuleMatch match(RuleHits hits, int i) {
    return new RuleMatch(rules[hits.rule(i)], describe(hits.fact(i)));
  }

  private static String describe(Object fact) {
    if (fact instanceof AssetKey) {
      AssetKey k = (AssetKey) fact;
      return KEY_LABELS[k.type().ordinal()] + k.value();
    }
    return fact.toString();
  }

  private ScopeResult shadowIt(AssetFacts facts) {
    List<String> looked = new ArrayList<>();
    Set<Integer> nearest = new LinkedHashSet<>();
    for (AssetKey k : facts.keys()) {
      looked.add(describe(k));
      nearest(k, nearest);
    }
    facts.tags().forEach((k, v) -> looked.add("tag " + k + (v.isEmpty() ? "" : "=" + v)));
    facts.cloudAccounts().forEach(a -> looked.add("cloud account " + a));
    StringBuilder text = new StringBuilder("shadow IT: no rule matches ");
    if (looked.isEmpty()) {
      text.append("(the asset has no identifiers)");
    }
    for (int i = 0; i < looked.size() && i < FACTS_SHOWN; i++) {
      text.append(i > 0 ? ", " : "").append(looked.get(i));
    }
    if (looked.size() > FACTS_SHOWN) {
      text.append(" and ").append(looked.size() - FACTS_SHOWN).append(" more");
    }
    String separator = "; nearest: ";
    for (int r : nearest) {
      ScopeRule rule = rules[r];
      text.append(separator).append(rule.service() != null || rule.environment() != null ? rule.placement() : "top-level include")
          .append(" covers ").append(rule.describe());
      separator = ", ";
    }
    return new ScopeResult(ScopeStatus.SHADOW_IT, List.of(), null, 0, null, false, null, List.of(), text.toString());
  }

  private void nearest(AssetKey key, Set<Integer> out) {
    int r = -1;
    switch (key.type()) {
      case IP: {
        byte[] address = IpAddress.parse(key.value());
        if (address != null) {
          r = address.length == 4 ? ipv4.nearest(address, NEAREST_IPV4_BITS) : ipv6.nearest(address, NEAREST_IPV6_BITS);
        }
        break;
      }
      case FQDN:
        r = domains.nearest(key.value(), NEAREST_DOMAIN_LABELS);
        break;
      case HOSTNAME:
      case NETBIOS:
        r = shortNames.nearest(key.value(), NEAREST_HOST_CHARS);
        break;
      default:
        break;
    }
    if (r >= 0) {
      out.add(r);
    }
  }

  /** A few ints (rule, service or environment indexes) without boxing or arrays sized by the scope. */
  private static class IntList {
    private int[] values = new int[4];
    private int size;

    int size() {
      return size;
    }

    int get(int i) {
      return values[i];
    }

    void add(int v) {
      if (size == values.length) {
        values = Arrays.copyOf(values, size * 2);
      }
      values[size++] = v;
    }

    boolean contains(int v) {
      for (int i = 0; i < size; i++) {
        if (values[i] == v) {
          return true;
        }
      }
      return false;
    }
  }

  /** An {@link IntList} that keeps each value once. */
  private static final class SmallIntSet extends IntList {
    /** Adds the value; false when it was there already. */
    boolean addNew(int v) {
      if (contains(v)) {
        return false;
      }
      add(v);
      return true;
    }
  }
}
