package vigil.bench.graph;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import vigil.engine.graph.EntryKind;
import vigil.engine.graph.EntryPoint;
import vigil.engine.graph.ExposureFact;
import vigil.engine.graph.Facts;
import vigil.engine.graph.Flow;
import vigil.engine.graph.Host;
import vigil.engine.graph.Service;
import vigil.engine.graph.Topology;
import vigil.engine.graph.Zone;
import vigil.model.WeaknessKind;
import vigil.model.identity.IdentityEdge;
import vigil.model.identity.IdentityRelation;
import vigil.model.identity.Principal;
import vigil.model.identity.PrincipalKind;

/**
 * An enterprise-like environment, deterministic from a seed: office, server, database, DMZ,
 * management and VPN zones with realistic flows; workstations (80 %), servers, databases and DMZ
 * hosts with their services; exposures whose CVSS vectors, EPSS and KEV follow the skew of real
 * feeds (most EPSS under 1 %, about 2 % in KEV, many without a code-execution impact); and an
 * Active Directory of users, nested groups, computers, sessions, local admin and RDP rights and
 * ACLs: inherited GenericAll of the admin groups on every object, help-desk password resets, and
 * a sprinkle of the misconfigurations attack paths are made of.
 */
public final class EnterpriseGenerator {
  static final String DOMAIN = "S-1-5-21-1000-2000-3000";
  static final String DOMAIN_ADMINS = DOMAIN + "-512";
  static final String DOMAIN_USERS = DOMAIN + "-513";
  static final String DOMAIN_COMPUTERS = DOMAIN + "-515";
  static final String ADMINISTRATORS = "CORP.LOCAL-S-1-5-32-544";
  static final String ACCOUNT_OPERATORS = "CORP.LOCAL-S-1-5-32-548";
  static final String HELPDESK = DOMAIN + "-1100";
  static final String SERVER_ADMINS = DOMAIN + "-1101";
  static final String EXCHANGE_PERMISSIONS = DOMAIN + "-1102";
  static final String ENTERPRISE_ADMINS = DOMAIN + "-519";

  /** Realistic vectors with how often they occur among findings. */
  private static final String[][] VECTORS = {
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "8"},   // remote code execution
      {"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:H/I:H/A:H", "4"},   // hard RCE
      {"CVSS:3.1/AV:N/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "6"},   // authenticated RCE
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:N/A:N", "10"},  // information disclosure
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:U/C:H/I:H/A:H", "12"},  // client-side (browser, office)
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:R/S:C/C:L/I:L/A:N", "10"},  // XSS
      {"CVSS:3.1/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H", "18"},  // local privilege escalation
      {"CVSS:3.1/AV:N/AC:H/PR:N/UI:N/S:U/C:N/I:N/A:H", "12"},  // denial of service
      {"CVSS:3.1/AV:A/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "3"},   // adjacent
      {"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:L/I:L/A:N", "17"},  // medium web issues
  };

  private final Random random;
  private final int hostCount;
  private final int userCount;
  private final Facts.Builder facts = Facts.builder();
  private final List<Zone> zones = new ArrayList<>();
  private final List<Flow> flows = new ArrayList<>();
  private final List<EntryPoint> entries = new ArrayList<>();
  private final List<String> jewels = new ArrayList<>();
  private final String[] userSids;
  private int exposures;
  private int identityEdges;
  private int services;
  private int cveCounter;
  private int computers;

  public EnterpriseGenerator(int hosts, int users, long seed) {
    this.random = new Random(seed);
    this.hostCount = hosts;
    this.userCount = users;
    this.userSids = new String[users];
  }

  /** The figures of what was generated: hosts, services, exposures, users, identity edges. */
  public Map<String, Integer> counts() {
    return Map.of("hosts", hostCount, "services", services, "exposures", exposures, "users", userCount,
        "identityEdges", identityEdges);
  }

  public Facts generate() {
    int offices = 20;
    int serverZones = 8;
    zones.add(Zone.internet("internet"));
    zones.add(Zone.of("dmz", "172.16.0.0/16"));
    zones.add(Zone.of("mgmt", "10.0.0.0/16"));
    zones.add(Zone.of("vpn", "10.1.0.0/16"));
    for (int i = 0; i < offices; i++) {
      zones.add(Zone.of("office-" + i, "10." + (10 + i) + ".0.0/16"));
    }
    for (int i = 0; i < serverZones; i++) {
      zones.add(Zone.of("servers-" + i, "10." + (50 + i) + ".0.0/16"));
    }
    zones.add(Zone.of("db", "10.60.0.0/16"));
    flows();
    entries.add(new EntryPoint("internet", EntryKind.INTERNET, "internet", null, null, null));
    entries.add(new EntryPoint("vpn", EntryKind.VPN, "vpn", null, null, 0.2));

    directoryBase();
    int dmz = Math.max(10, hostCount / 100);
    int db = Math.max(5, hostCount / 100);
    int servers = hostCount * 18 / 100;
    int workstations = hostCount - dmz - db - servers;
    List<String> serverComputers = new ArrayList<>();
    List<String> workstationComputers = new ArrayList<>();
    for (int i = 0; i < workstations; i++) {
      int office = i % offices;
      String id = "ws" + i;
      String sid = computer(id, false);
      workstationComputers.add(sid);
      host(id, "10." + (10 + office) + "." + (i / offices / 250) % 256 + "." + (1 + (i / offices) % 250), sid);
      service(id, 445, "microsoft-ds");
      service(id, 3389, "ms-wbt-server");
      service(id, 135, "msrpc");
      exposures(id, 3, new int[] {445, 3389, 135});
      String owner = userSids[i % userCount];
      edge(sid, IdentityRelation.HAS_SESSION, owner);
      edge(DOMAIN + "-" + (2000 + office), IdentityRelation.ADMIN_TO, sid); // office desktop admins
      edge(DOMAIN + "-" + (2100 + office), IdentityRelation.CAN_RDP, sid); // office users
      if (random.nextInt(10) == 0) {
        edge(sid, IdentityRelation.HAS_SESSION, userSids[random.nextInt(userCount)]); // help-desk visit
      }
      if (random.nextInt(50) == 0) {
        edge(owner, IdentityRelation.ADMIN_TO, sid); // local admin granted to its user
      }
    }
    for (int i = 0; i < servers; i++) {
      int zone = i % serverZones;
      String id = "srv" + i;
      String sid = computer(id, i < 2);
      serverComputers.add(sid);
      host(id, "10." + (50 + zone) + "." + (i / serverZones / 250) % 256 + "." + (1 + (i / serverZones) % 250), sid);
      int[] ports = {443, 8080, 22, 445};
      for (int p : ports) {
        service(id, p, p == 22 ? "openssh" : p == 445 ? "microsoft-ds" : "http");
      }
      exposures(id, 5, ports);
      edge(SERVER_ADMINS, IdentityRelation.ADMIN_TO, sid);
      edge(DOMAIN + "-" + (2200 + zone), IdentityRelation.CAN_PS_REMOTE, sid);
      for (int s = 0; s < 3; s++) {
        edge(sid, IdentityRelation.HAS_SESSION, userSids[random.nextInt(userCount)]);
      }
    }
    for (int i = 0; i < db; i++) {
      String id = "db" + i;
      String sid = computer(id, false);
      host(id, "10.60." + (i / 250) + "." + (1 + i % 250), sid);
      service(id, 1433, "mssql");
      service(id, 5432, "postgresql");
      exposures(id, 4, new int[] {1433, 5432});
      edge(SERVER_ADMINS, IdentityRelation.ADMIN_TO, sid);
      if (i < 5) {
        jewels.add(id);
      }
    }
    for (int i = 0; i < dmz; i++) {
      String id = "dmz" + i;
      host(id, "172.16." + (i / 250) + "." + (1 + i % 250), null);
      facts.service(new Service(id + ":443", id, "tcp", 443, "nginx", "1.18", true));
      services++;
      service(id, 22, "openssh");
      exposures(id, 4, new int[] {443, 22});
    }
    // Domain admins leave sessions on a few machines: the classic path.
    for (int i = 0; i < 20; i++) {
      List<String> pool = random.nextBoolean() ? serverComputers : workstationComputers;
      edge(pool.get(random.nextInt(pool.size())), IdentityRelation.HAS_SESSION, userSids[random.nextInt(10)]);
    }
    for (int i = 0; i < 3; i++) {
      int w = random.nextInt(workstations);
      entries.add(new EntryPoint("phish-" + i, EntryKind.PHISHED_USER, null, "ws" + w, userSids[w % userCount], 0.3));
    }
    jewels.add(DOMAIN);
    jewels.add("srv2");
    jewels.add("srv3");
    facts.topology(new Topology(zones, flows, entries, jewels));
    return facts.build();
  }

  private void flows() {
    flows.add(Flow.of("internet-dmz", "internet", "dmz", "tcp/80", "tcp/443"));
    flows.add(Flow.of("vpn-office", "vpn", "office-0", "tcp/3389", "tcp/445"));
    flows.add(Flow.of("mgmt-all-dmz", "mgmt", "dmz", "any"));
    for (int s = 0; s < 8; s++) {
      flows.add(Flow.of("dmz-servers-" + s, "dmz", "servers-" + s, "tcp/8080"));
      flows.add(Flow.of("servers-" + s + "-db", "servers-" + s, "db", "tcp/1433", "tcp/5432"));
      flows.add(Flow.of("servers-" + s + "-intra", "servers-" + s, "servers-" + s, "any"));
      flows.add(Flow.of("vpn-servers-" + s, "vpn", "servers-" + s, "tcp/443", "tcp/22"));
      flows.add(Flow.of("mgmt-servers-" + s, "mgmt", "servers-" + s, "any"));
    }
    for (int o = 0; o < 20; o++) {
      flows.add(Flow.of("office-" + o + "-intra", "office-" + o, "office-" + o, "tcp/445", "tcp/135"));
      for (int s = 0; s < 8; s++) {
        flows.add(Flow.of("office-" + o + "-servers-" + s, "office-" + o, "servers-" + s, "tcp/443", "tcp/8080"));
      }
    }
  }

  private void directoryBase() {
    principal(DOMAIN, PrincipalKind.DOMAIN, "CORP.LOCAL", Map.of());
    group(DOMAIN_ADMINS, "DOMAIN ADMINS");
    group(DOMAIN_USERS, "DOMAIN USERS");
    group(DOMAIN_COMPUTERS, "DOMAIN COMPUTERS");
    group(ADMINISTRATORS, "ADMINISTRATORS");
    group(ACCOUNT_OPERATORS, "ACCOUNT OPERATORS");
    group(HELPDESK, "HELPDESK");
    group(SERVER_ADMINS, "SERVER ADMINS");
    group(EXCHANGE_PERMISSIONS, "EXCHANGE WINDOWS PERMISSIONS");
    group(ENTERPRISE_ADMINS, "ENTERPRISE ADMINS");
    edge(DOMAIN_ADMINS, IdentityRelation.MEMBER_OF, ADMINISTRATORS);
    edge(ADMINISTRATORS, IdentityRelation.GET_CHANGES, DOMAIN);
    edge(ADMINISTRATORS, IdentityRelation.GET_CHANGES_ALL, DOMAIN);
    edge(DOMAIN_ADMINS, IdentityRelation.GENERIC_ALL, DOMAIN);
    edge(EXCHANGE_PERMISSIONS, IdentityRelation.WRITE_DACL, DOMAIN);
    int groups = Math.max(100, userCount / 20);
    for (int g = 0; g < 300; g++) {
      group(DOMAIN + "-" + (2000 + g), "ROLE GROUP " + g); // office admins, office users, server zone operators
    }
    for (int g = 300; g < groups; g++) {
      group(DOMAIN + "-" + (2000 + g), "TEAM " + g);
      int parent = 2000 + 300 + random.nextInt(Math.max(1, g - 300 + 1));
      if (parent != 2000 + g) {
        edge(DOMAIN + "-" + (2000 + g), IdentityRelation.MEMBER_OF, DOMAIN + "-" + parent); // nested teams
      }
    }
    for (int u = 0; u < userCount; u++) {
      String sid = DOMAIN + "-" + (100000 + u);
      userSids[u] = sid;
      principal(sid, PrincipalKind.USER, "USER" + u + "@CORP.LOCAL", Map.of());
      edge(sid, IdentityRelation.MEMBER_OF, DOMAIN_USERS);
      edge(sid, IdentityRelation.MEMBER_OF, DOMAIN + "-" + (2100 + u % 20)); // office users
      for (int k = 0; k < 4; k++) {
        edge(sid, IdentityRelation.MEMBER_OF, DOMAIN + "-" + (2300 + random.nextInt(groups - 300)));
      }
      // Inherited ACEs every user object carries, and the help desk's reset right.
      edge(DOMAIN_ADMINS, IdentityRelation.GENERIC_ALL, sid);
      edge(ACCOUNT_OPERATORS, IdentityRelation.GENERIC_ALL, sid);
      edge(ENTERPRISE_ADMINS, IdentityRelation.GENERIC_ALL, sid);
      edge(HELPDESK, IdentityRelation.FORCE_CHANGE_PASSWORD, sid);
      if (u < 10) {
        edge(sid, IdentityRelation.MEMBER_OF, DOMAIN_ADMINS);
      } else if (u < 30) {
        edge(sid, IdentityRelation.MEMBER_OF, HELPDESK);
      } else if (u < 60) {
        edge(sid, IdentityRelation.MEMBER_OF, SERVER_ADMINS);
      } else if (u < 300) {
        edge(sid, IdentityRelation.MEMBER_OF, DOMAIN + "-" + (2000 + u % 20)); // office desktop admins
      }
    }
    for (int u = 0; u < userCount; u++) {
      if (random.nextInt(500) == 0) { // misconfigured ACLs between ordinary users
        edge(userSids[u], IdentityRelation.GENERIC_WRITE, userSids[random.nextInt(userCount)]);
      }
      if (random.nextInt(2000) == 0) {
        edge(userSids[u], IdentityRelation.ADD_MEMBER, DOMAIN + "-" + (2000 + random.nextInt(groups)));
      }
    }
    edge(userSids[userCount / 2], IdentityRelation.MEMBER_OF, EXCHANGE_PERMISSIONS);
  }

  private String computer(String host, boolean dc) {
    String sid = DOMAIN + "-" + (500_000 + computers++);
    principal(sid, PrincipalKind.COMPUTER, host.toUpperCase() + ".CORP.LOCAL", dc ? Map.of("isdc", "true") : Map.of());
    edge(sid, IdentityRelation.MEMBER_OF, DOMAIN_COMPUTERS);
    edge(DOMAIN_ADMINS, IdentityRelation.GENERIC_ALL, sid);
    edge(ENTERPRISE_ADMINS, IdentityRelation.GENERIC_ALL, sid);
    return sid;
  }

  private void host(String id, String address, String computerSid) {
    facts.host(new Host(id, id + ".corp.local", address, null, computerSid));
  }

  private void service(String host, int port, String product) {
    facts.service(Service.tcp(host + ":" + port, host, port, product));
    services++;
  }

  private void exposures(String host, int mean, int[] ports) {
    int n = Math.max(0, mean - 2 + random.nextInt(5));
    for (int i = 0; i < n; i++) {
      String vector = vector();
      boolean network = vector.contains("AV:N") || vector.contains("AV:A");
      String service = network ? host + ":" + ports[random.nextInt(ports.length)] : null;
      double r = random.nextDouble();
      double epss = r < 0.85 ? random.nextDouble() * 0.01 : r < 0.95 ? 0.01 + random.nextDouble() * 0.09
          : r < 0.99 ? 0.1 + random.nextDouble() * 0.4 : 0.5 + random.nextDouble() * 0.47;
      boolean kev = random.nextInt(50) == 0;
      String cve = "CVE-20" + (15 + random.nextInt(10)) + "-" + (10000 + (cveCounter++ % 5000));
      facts.exposure(new ExposureFact(host + "/" + i, host, service, cve, WeaknessKind.VULNERABILITY, List.of(),
          vector, epss, kev, null));
      exposures++;
    }
  }

  private String vector() {
    int total = 0;
    for (String[] v : VECTORS) {
      total += Integer.parseInt(v[1]);
    }
    int pick = random.nextInt(total);
    for (String[] v : VECTORS) {
      pick -= Integer.parseInt(v[1]);
      if (pick < 0) {
        return v[0];
      }
    }
    return VECTORS[0][0];
  }

  private void principal(String sid, PrincipalKind kind, String name, Map<String, String> attributes) {
    facts.principal(new Principal(sid, kind, name, DOMAIN, true, attributes));
  }

  private void group(String sid, String name) {
    principal(sid, PrincipalKind.GROUP, name + "@CORP.LOCAL", Map.of());
  }

  private void edge(String source, IdentityRelation relation, String target) {
    facts.edge(IdentityEdge.of(source, relation, target));
    identityEdges++;
  }
}
