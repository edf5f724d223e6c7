package vigil.bench.scope;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.IntStream;
import vigil.engine.scope.AssetFacts;
import vigil.engine.scope.BusinessService;
import vigil.engine.scope.Environment;
import vigil.engine.scope.Owner;
import vigil.engine.scope.RuleKind;
import vigil.engine.scope.ScopeDocument;
import vigil.engine.scope.ScopeIndex;
import vigil.engine.scope.ScopeResult;
import vigil.engine.scope.ScopeRule;
import vigil.engine.scope.ScopeStatus;
import vigil.model.AssetKey;

/**
 * Scope evaluation at scale: builds an index from 10,000 generated rules of every kind (networks of
 * varied prefix lengths, ranges, domain suffixes and wildcards, host name globs, cloud accounts,
 * tags, registries, code organisations, named assets; some excludes) and evaluates 1,000,000
 * generated assets (hosts, images, repositories), most of which some rule covers. Everything comes
 * from one seed, so two runs evaluate the same data.
 *
 * <pre>
 * java -cp vigil-bench/target/vigil-bench.jar vigil.bench.scope.ScopeEvaluationBench [seed] [rules] [assets]
 * </pre>
 *
 * <p>Assets are generated in batches outside the timed part, which is {@link ScopeIndex#evaluate}
 * alone, first on one thread and then on every core (the index is shared, immutable).
 */
public final class ScopeEvaluationBench {
  private static final String[] WORDS = {
    "pay", "card", "auth", "web", "api", "shop", "crm", "erp", "hr", "mail", "vpn", "db", "cache", "queue",
    "search", "billing", "ledger", "portal", "admin", "report", "edge", "core", "data", "ml", "ops", "build"
  };
  private static final String[] SITES = {
    "ams", "fra", "lon", "par", "mad", "mil", "sto", "hel", "dub", "zrh", "vie", "waw", "nyc", "chi", "dal", "sfo",
    "sea", "yyz", "gru", "scl", "sin", "hkg", "tyo", "syd", "bom", "del", "jnb", "dxb", "ist", "cph"
  };
  private static final String[] ENVIRONMENTS = {"production", "staging", "qa", "development"};
  private static final int SERVICES = 800;
  private static final int TEAMS = 120;
  private static final int BATCH = 100_000;
  private static final ThreadMXBean CPU = ManagementFactory.getThreadMXBean();

  private final SplittableRandom random;
  private final List<byte[]> networks = new ArrayList<>();
  private final List<Integer> prefixes = new ArrayList<>();
  private final List<String> domains = new ArrayList<>();
  private final List<String> accounts = new ArrayList<>();
  private final List<String> tags = new ArrayList<>();
  private final List<String> registries = new ArrayList<>();
  private final List<String> codeOrgs = new ArrayList<>();

  private ScopeEvaluationBench(long seed) {
    this.random = new SplittableRandom(seed);
  }

  public static void main(String[] args) {
    long seed = args.length > 0 ? Long.parseLong(args[0]) : 42L;
    int ruleCount = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
    int assetCount = args.length > 2 ? Integer.parseInt(args[2]) : 1_000_000;
    ScopeEvaluationBench bench = new ScopeEvaluationBench(seed);

    ScopeDocument document = bench.document(ruleCount);
    long start = System.nanoTime();
    ScopeIndex index = ScopeIndex.build(document);
    long buildNanos = System.nanoTime() - start;

    // Warm-up on other assets, so the timed runs measure compiled code.
    bench.evaluate(index, new SplittableRandom(seed ^ 0x5DEECE66DL), assetCount / 5, false);
    Tally single = bench.evaluate(index, new SplittableRandom(seed + 1), assetCount, false);
    Tally parallel = bench.evaluate(index, new SplittableRandom(seed + 1), assetCount, true);
    if (single.shadowIt != parallel.shadowIt || single.inScope != parallel.inScope) {
      throw new IllegalStateException("parallel evaluation disagrees with sequential evaluation");
    }

    System.out.printf(Locale.ROOT, "rules: %,d (%,d services, %d environments), assets: %,d, seed %d%n",
        document.rules().size(), document.services().size(), document.environments().size(), assetCount, seed);
    System.out.printf(Locale.ROOT, "index build: %.1f ms%n", buildNanos / 1e6);
    System.out.printf(Locale.ROOT, "evaluate, 1 thread: %.0f ms, %,.0f assets/s (CPU time %.0f ms, %,.0f assets/s)%n",
        single.nanos / 1e6, assetCount / (single.nanos / 1e9), single.cpuNanos / 1e6, assetCount / (single.cpuNanos / 1e9));
    System.out.printf(Locale.ROOT, "evaluate, %d threads: %.0f ms, %,.0f assets/s%n",
        Runtime.getRuntime().availableProcessors(), parallel.nanos / 1e6, assetCount / (parallel.nanos / 1e9));
    System.out.printf(Locale.ROOT, "in scope: %,d, out of scope: %,d, shadow IT: %,d, crown jewels: %,d%n",
        single.inScope, single.outOfScope, single.shadowIt, single.crownJewels);
    System.out.printf(Locale.ROOT, "services per asset in scope: %.2f%n", (double) single.memberships / single.inScope);
  }

  // ---- the scope ----

  private ScopeDocument document(int ruleCount) {
    ScopeDocument.Builder doc = ScopeDocument.builder();
    for (int t = 0; t < TEAMS; t++) {
      doc.owner(new Owner("team-" + t, "team-" + t + "@example.com"));
    }
    for (String e : ENVIRONMENTS) {
      doc.environment(Environment.named(e));
    }
    for (int s = 0; s < SERVICES; s++) {
      BusinessService service = BusinessService.of("svc-" + word() + "-" + s, 1 + random.nextInt(5))
          .withOwner("team-" + random.nextInt(TEAMS));
      doc.service(random.nextInt(20) == 0 ? service.asCrownJewel() : service);
    }
    List<BusinessService> services = doc.build().services();
    Set<String> keys = new HashSet<>();
    int made = 0;
    while (made < ruleCount) {
      ScopeRule rule = target(pattern(made * 100 / ruleCount), services);
      if (keys.add(rule.key())) {
        doc.rule(rule);
        made++;
      }
    }
    return doc.build();
  }

  /** A rule of a kind chosen by its share of a realistic scope (percent bands of {@code slot}). */
  private ScopeRule pattern(int slot) {
    if (slot < 35) {
      return ScopeRule.include(RuleKind.CIDR, network());
    }
    if (slot < 40) {
      int base = random.nextInt(1 << 20);
      String first = "10." + (base >> 12 & 0xff) + "." + (base >> 4 & 0xff) + "." + (base & 0xf) * 8;
      String last = first.substring(0, first.lastIndexOf('.') + 1) + ((base & 0xf) * 8 + 1 + random.nextInt(100));
      return ScopeRule.include(RuleKind.IP_RANGE, first + "-" + last);
    }
    if (slot < 62) {
      String domain = word() + random.nextInt(500) + "." + word() + "." + (random.nextBoolean() ? "example.com" : "corp.example.net");
      domains.add(domain);
      return ScopeRule.include(RuleKind.DOMAIN, slot < 55 ? domain : "*." + domain);
    }
    if (slot < 75) {
      return ScopeRule.include(RuleKind.HOSTNAME, hostGlob());
    }
    if (slot < 85) {
      String account = String.valueOf(100_000_000_000L + random.nextLong(900_000_000_000L));
      accounts.add(account);
      return ScopeRule.include(RuleKind.CLOUD_ACCOUNT, account);
    }
    if (slot < 95) {
      String tag = random.nextInt(10) == 0 ? "pci" + random.nextInt(50) : word() + "=" + word() + random.nextInt(300);
      tags.add(tag);
      return ScopeRule.include(RuleKind.TAG, tag);
    }
    if (slot < 97) {
      String registry = (random.nextBoolean() ? "ghcr.io/" : "registry.example.com/") + word() + random.nextInt(200);
      registries.add(registry);
      return ScopeRule.include(RuleKind.REGISTRY, registry);
    }
    if (slot < 99) {
      String org = (random.nextBoolean() ? "github.com/" : "gitlab.example.com/") + word() + "-" + random.nextInt(200);
      codeOrgs.add(org);
      return ScopeRule.include(RuleKind.CODE_ORG, org);
    }
    return ScopeRule.include(RuleKind.ASSET, "fqdn:" + word() + random.nextInt(1000) + ".hosts.example.com");
  }

  private String network() {
    if (random.nextInt(12) == 0) {
      byte[] v6 = new byte[16];
      v6[0] = 0x20;
      v6[1] = 0x01;
      v6[2] = 0x0d;
      v6[3] = (byte) 0xb8;
      v6[4] = (byte) random.nextInt(256);
      v6[5] = (byte) random.nextInt(256);
      v6[6] = (byte) random.nextInt(256);
      int prefix = 40 + 8 * random.nextInt(4);
      clearAfter(v6, prefix);
      networks.add(v6);
      prefixes.add(prefix);
      return v6Text(v6) + "/" + prefix;
    }
    int prefix = v4Prefix(random.nextInt(1000));
    byte[] v4 = {10, (byte) random.nextInt(256), (byte) random.nextInt(256), (byte) random.nextInt(256)};
    if (random.nextInt(5) == 0) {
      v4[0] = (byte) 172;
      v4[1] = (byte) (16 + random.nextInt(16));
    } else if (random.nextInt(10) == 0) {
      // Public ranges the organisation holds: small ones.
      v4[0] = (byte) (11 + random.nextInt(100));
      prefix = Math.max(prefix, 22);
    }
    clearAfter(v4, prefix);
    networks.add(v4);
    prefixes.add(prefix);
    return (v4[0] & 0xff) + "." + (v4[1] & 0xff) + "." + (v4[2] & 0xff) + "." + (v4[3] & 0xff) + "/" + prefix;
  }

  /**
   * Prefix lengths as address plans have them, per thousand: a few wide blocks (/12, /16), many
   * subnets (/22-/24), small segments and single hosts.
   */
  private static int v4Prefix(int perMille) {
    int[][] shares = {{2, 12}, {30, 16}, {80, 20}, {100, 22}, {420, 24}, {60, 26}, {50, 27}, {40, 28}, {68, 29}, {150, 32}};
    int cumulative = 0;
    for (int[] share : shares) {
      cumulative += share[0];
      if (perMille < cumulative) {
        return share[1];
      }
    }
    return 32;
  }

  /** Host names are "site-role-number" ("ams3-db-17"); patterns take a site's role, a role's number, … */
  private String hostGlob() {
    String siteRole = site(random) + "-" + word() + "-";
    switch (random.nextInt(20)) {
      case 0:
      case 1:
      case 2:
      case 3:
      case 4:
      case 5:
      case 6:
      case 7:
      case 8:
      case 9:
        return siteRole + "*";
      case 10:
      case 11:
      case 12:
      case 13:
      case 14:
        return "*-" + word() + "-" + random.nextInt(100);
      case 15:
      case 16:
      case 17:
        return siteRole + random.nextInt(10) + "?";
      default:
        return "*-" + word() + "-" + random.nextInt(10) + "*";
    }
  }

  private static String site(SplittableRandom r) {
    return SITES[r.nextInt(SITES.length)] + r.nextInt(20);
  }

  /** Puts a rule under a service (most), an environment or the top level; one in twenty excludes. */
  private ScopeRule target(ScopeRule rule, List<BusinessService> services) {
    boolean exclude = random.nextInt(20) == 0;
    ScopeRule r = exclude ? ScopeRule.exclude(rule.kind(), rule.pattern()) : rule;
    int where = random.nextInt(100);
    if (where < 85) {
      r = r.forService(services.get(random.nextInt(services.size())).name());
      if (!exclude && random.nextInt(10) < 3) {
        r = r.inEnvironment(ENVIRONMENTS[random.nextInt(ENVIRONMENTS.length)]);
      }
    } else if (where < 95) {
      r = r.inEnvironment(ENVIRONMENTS[random.nextInt(ENVIRONMENTS.length)]);
    } else if (exclude) {
      // Top-level excludes take assets out of every service: keep them narrow, as real ones are.
      r = ScopeRule.exclude(RuleKind.ASSET, "ip:192.0.2." + random.nextInt(256));
    }
    return !exclude && random.nextInt(50) == 0 ? r.asCrownJewel() : r;
  }

  // ---- the assets ----

  private static final class Tally {
    long nanos;
    /** The evaluating thread's CPU time (one-thread runs): less disturbed by other processes than wall time. */
    long cpuNanos;
    long inScope;
    long outOfScope;
    long shadowIt;
    long crownJewels;
    long memberships;
  }

  private Tally evaluate(ScopeIndex index, SplittableRandom assets, int count, boolean parallel) {
    Tally tally = new Tally();
    AssetFacts[] batch = new AssetFacts[Math.min(BATCH, count)];
    ScopeResult[] results = new ScopeResult[batch.length];
    for (int done = 0; done < count; done += batch.length) {
      int size = Math.min(batch.length, count - done);
      for (int i = 0; i < size; i++) {
        batch[i] = asset(assets);
      }
      long start = System.nanoTime();
      long cpuStart = CPU.getCurrentThreadCpuTime();
      if (parallel) {
        IntStream.range(0, size).parallel().forEach(i -> results[i] = index.evaluate(batch[i]));
      } else {
        for (int i = 0; i < size; i++) {
          results[i] = index.evaluate(batch[i]);
        }
      }
      tally.nanos += System.nanoTime() - start;
      tally.cpuNanos += CPU.getCurrentThreadCpuTime() - cpuStart;
      for (int i = 0; i < size; i++) {
        ScopeResult r = results[i];
        if (r.status() == ScopeStatus.IN_SCOPE) {
          tally.inScope++;
        } else if (r.status() == ScopeStatus.OUT_OF_SCOPE) {
          tally.outOfScope++;
        } else {
          tally.shadowIt++;
        }
        if (r.crownJewel()) {
          tally.crownJewels++;
        }
        tally.memberships += r.services().size();
      }
    }
    return tally;
  }

  /** A host, image or repository as tools report them: about two in three fall under some rule. */
  private AssetFacts asset(SplittableRandom r) {
    Set<AssetKey> keys = new LinkedHashSet<>();
    Map<String, String> assetTags = Map.of();
    Set<String> assetAccounts = Set.of();
    int shape = r.nextInt(100);
    if (shape < 4 && !registries.isEmpty()) {
      String base = r.nextInt(3) == 0 ? "quay.io/other" : registries.get(r.nextInt(registries.size()));
      keys.add(AssetKey.of(AssetKey.Type.IMAGE, base + "/svc" + r.nextInt(50) + ":" + r.nextInt(20)));
      return new AssetFacts(keys, assetTags, assetAccounts);
    }
    if (shape < 7 && !codeOrgs.isEmpty()) {
      String base = r.nextInt(3) == 0 ? "github.com/someone-else" : codeOrgs.get(r.nextInt(codeOrgs.size()));
      keys.add(AssetKey.of(AssetKey.Type.REPOSITORY, "https://" + base + "/repo" + r.nextInt(500) + ".git"));
      return new AssetFacts(keys, assetTags, assetAccounts);
    }
    keys.add(AssetKey.of(AssetKey.Type.IP, address(r)));
    if (r.nextInt(100) < 60) {
      String label = site(r) + "-" + WORDS[r.nextInt(WORDS.length)] + "-" + r.nextInt(100);
      String fqdn = r.nextInt(100) < 55 && !domains.isEmpty()
          ? label + "." + domains.get(r.nextInt(domains.size()))
          : label + "." + WORDS[r.nextInt(WORDS.length)] + ".elsewhere.org";
      keys.add(AssetKey.of(AssetKey.Type.FQDN, fqdn));
      keys.add(AssetKey.of(AssetKey.Type.HOSTNAME, label));
    } else if (r.nextInt(100) < 40) {
      keys.add(AssetKey.of(AssetKey.Type.NETBIOS, site(r) + "-" + WORDS[r.nextInt(WORDS.length)] + "-" + r.nextInt(100)));
    }
    if (r.nextInt(100) < 25 && !tags.isEmpty()) {
      String tag = r.nextInt(2) == 0 ? tags.get(r.nextInt(tags.size())) : "owner=" + r.nextInt(1000);
      int eq = tag.indexOf('=');
      assetTags = eq < 0 ? Map.of(tag, "") : Map.of(tag.substring(0, eq), tag.substring(eq + 1));
    }
    if (r.nextInt(100) < 15 && !accounts.isEmpty()) {
      assetAccounts = Set.of(r.nextInt(5) < 3
          ? accounts.get(r.nextInt(accounts.size()))
          : String.valueOf(100_000_000_000L + r.nextLong(900_000_000_000L)));
    }
    return new AssetFacts(keys, assetTags, assetAccounts);
  }

  /** Inside a generated network two times in three; otherwise anywhere in 10/8 or the public space. */
  private String address(SplittableRandom r) {
    if (r.nextInt(3) < 2) {
      int n = r.nextInt(networks.size());
      byte[] a = networks.get(n).clone();
      for (int bit = prefixes.get(n); bit < a.length * 8; bit++) {
        if (r.nextBoolean()) {
          a[bit >>> 3] |= (byte) (1 << (7 - (bit & 7)));
        }
      }
      return a.length == 4 ? (a[0] & 0xff) + "." + (a[1] & 0xff) + "." + (a[2] & 0xff) + "." + (a[3] & 0xff) : v6Text(a);
    }
    int first = r.nextBoolean() ? 10 : 11 + r.nextInt(200);
    return first + "." + r.nextInt(256) + "." + r.nextInt(256) + "." + r.nextInt(256);
  }

  private String word() {
    return WORDS[random.nextInt(WORDS.length)];
  }

  private static void clearAfter(byte[] a, int prefix) {
    for (int bit = prefix; bit < a.length * 8; bit++) {
      a[bit >>> 3] &= (byte) ~(1 << (7 - (bit & 7)));
    }
  }

  private static String v6Text(byte[] a) {
    StringBuilder out = new StringBuilder();
    for (int i = 0; i < 16; i += 2) {
      out.append(i == 0 ? "" : ":").append(Integer.toHexString(((a[i] & 0xff) << 8) | (a[i + 1] & 0xff)));
    }
    return out.toString();
  }
}
