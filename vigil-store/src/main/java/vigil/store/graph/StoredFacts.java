package vigil.store.graph;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import vigil.engine.graph.EntryPoint;
import vigil.engine.graph.ExposureFact;
import vigil.engine.graph.Facts;
import vigil.engine.graph.Host;
import vigil.engine.graph.Service;
import vigil.engine.graph.Topology;
import vigil.model.WeaknessKind;
import vigil.store.security.Visibility;

/**
 * Reads the attack graph's facts from the store: HOST assets (address from their IP key, name
 * from FQDN or host name), services from exposures with a port, active exposures with their
 * vectors and the EPSS/KEV of their CVEs, identities, the topology, and the scope's crown jewels
 * and internet-facing assets. Host ids are asset names (made unique with "#asset-id"), service
 * ids "host:tcp/443", exposure ids the Vigil exposure ids.
 *
 * <p>Within a restricted {@link Visibility} only the visible hosts, their services and exposures
 * are facts; crown jewels are the visible hosts and services among them (a declared crown jewel
 * that is a directory principal or another's host is left out), and phished-user entry points on
 * hosts not visible are dropped. Zones, flows and directory identities are the estate's and stay.
 * The graph of a subset of the facts derives a subset of the paths (monotonicity), so what a
 * restricted reader gets is true of the whole estate, never a path through an asset it cannot see.
 */
final class StoredFacts {
  private StoredFacts() {}

  static Facts load(Connection c, Visibility visible) throws SQLException {
    Facts.Builder b = Facts.builder();
    Map<Long, String> hostIds = hosts(c, b, visible);
    Map<Long, Boolean> internet = new HashMap<>();
    List<String> jewels = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT asset_id, crown_jewel, internet_facing FROM asset_scope");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        String host = hostIds.get(rs.getLong(1));
        if (host == null) {
          continue;
        }
        if (rs.getBoolean(2)) {
          jewels.add(host);
        }
        internet.put(rs.getLong(1), Boolean.TRUE.equals(rs.getObject(3, Boolean.class)));
      }
    }
    Set<String> services = exposures(c, b, hostIds, internet);
    IdentityStore.readInto(c, b);
    Topology declared = TopologyStore.load(c);
    if (visible.all()) {
      Set<String> allJewels = new LinkedHashSet<>(declared.crownJewels());
      allJewels.addAll(jewels);
      b.topology(new Topology(declared.zones(), declared.flows(), declared.entryPoints(), List.copyOf(allJewels)));
      return b.build();
    }
    Set<String> hosts = new HashSet<>(hostIds.values());
    Set<String> visibleJewels = new LinkedHashSet<>();
    declared.crownJewels().stream().filter(j -> hosts.contains(j) || services.contains(j)).forEach(visibleJewels::add);
    visibleJewels.addAll(jewels);
    List<EntryPoint> entries = declared.entryPoints().stream()
        .filter(e -> e.hostId() == null || hosts.contains(e.hostId())).toList();
    b.topology(new Topology(declared.zones(), declared.flows(), entries, List.copyOf(visibleJewels)));
    return b.build();
  }

  /** Adds the visible hosts; returns their ids by asset id (unique over every host, visible or not). */
  private static Map<Long, String> hosts(Connection c, Facts.Builder b, Visibility visible) throws SQLException {
    Map<Long, String> names = new LinkedHashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT id, name FROM asset WHERE kind = 'HOST' ORDER BY id");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        names.put(rs.getLong(1), rs.getString(2));
      }
    }
    Map<Long, String> address = new HashMap<>();
    Map<Long, String> dnsName = new HashMap<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT k.asset_id, k.key_type, k.key_value FROM asset_key k"
        + " JOIN asset a ON a.id = k.asset_id WHERE a.kind = 'HOST' AND k.key_type IN ('IP', 'FQDN', 'HOSTNAME')"
        + " ORDER BY k.last_seen DESC");
        ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long id = rs.getLong(1);
        String type = rs.getString(2);
        if (type.equals("IP")) {
          address.putIfAbsent(id, rs.getString(3));
        } else if (type.equals("FQDN") || !dnsName.containsKey(id)) {
          dnsName.merge(id, rs.getString(3), (old, now) -> old.contains(".") ? old : now);
        }
      }
    }
    Map<String, Integer> seen = new HashMap<>();
    names.values().forEach(n -> seen.merge(n, 1, Integer::sum));
    Set<Long> shown = visible.all() ? names.keySet() : visibleHosts(c, visible);
    Map<Long, String> ids = new LinkedHashMap<>();
    for (Map.Entry<Long, String> e : names.entrySet()) {
      if (!shown.contains(e.getKey())) {
        continue;
      }
      String id = seen.get(e.getValue()) > 1 ? e.getValue() + "#" + e.getKey() : e.getValue();
      ids.put(e.getKey(), id);
      b.host(new Host(id, dnsName.getOrDefault(e.getKey(), e.getValue()), address.get(e.getKey()), null, null));
    }
    return ids;
  }

  private static Set<Long> visibleHosts(Connection c, Visibility visible) throws SQLException {
    List<Object> args = new ArrayList<>();
    String sql = "SELECT a.id FROM asset a WHERE a.kind = 'HOST'" + visible.assetCondition("a.id", args);
    Set<Long> out = new HashSet<>();
    try (PreparedStatement ps = c.prepareStatement(sql)) {
      for (int i = 0; i < args.size(); i++) {
        ps.setObject(i + 1, args.get(i));
      }
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getLong(1));
        }
      }
    }
    return out;
  }

  /** Adds the active exposures of the given hosts, and their services; returns the service ids. */
  private static Set<String> exposures(Connection c, Facts.Builder b, Map<Long, String> hostIds,
      Map<Long, Boolean> internet) throws SQLException {
    Map<Long, CveIntel> intel = cveIntel(c);
    Set<String> services = new HashSet<>();
    String sql = "SELECT e.id, e.asset_id, e.port, e.protocol, e.service, e.component_version, e.cvss_v4, e.cvss_v3,"
        + " e.cvss_v2, e.epss, w.id, w.kind, w.check_id, w.title, w.cwes FROM exposure e"
        + " JOIN weakness w ON w.id = e.weakness_id JOIN asset a ON a.id = e.asset_id"
        + " WHERE a.kind = 'HOST' AND e.status IN ('OPEN', 'REOPENED') ORDER BY e.id";
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        long assetId = rs.getLong(2);
        String host = hostIds.get(assetId);
        if (host == null) {
          continue; // not visible
        }
        Integer port = rs.getObject(3, Integer.class);
        String protocol = rs.getString(4) == null ? "tcp" : rs.getString(4).trim().toLowerCase(Locale.ROOT);
        String serviceId = null;
        if (port != null && port > 0 && port <= 65535 && (protocol.equals("tcp") || protocol.equals("udp"))) {
          serviceId = host + ":" + protocol + "/" + port;
          if (services.add(serviceId)) {
            Service s = new Service(serviceId, host, protocol, port, rs.getString(5), rs.getString(6), false);
            b.service(Boolean.TRUE.equals(internet.get(assetId)) ? s.exposedToInternet() : s);
          }
        }
        WeaknessKind kind = WeaknessKind.valueOf(rs.getString(12));
        if (kind == WeaknessKind.INFORMATIONAL) {
          continue;
        }
        CveIntel ci = intel.getOrDefault(rs.getLong(11), CveIntel.NONE);
        Double epss = rs.getObject(10, Double.class);
        epss = epss != null ? epss : ci.epss;
        String vector = firstNonBlank(rs.getString(8), rs.getString(7), rs.getString(9));
        b.exposure(new ExposureFact(String.valueOf(rs.getLong(1)), host, serviceId,
            ci.cve != null ? ci.cve : rs.getString(13), kind, cwes(rs.getString(15)), vector, epss, ci.kev,
            rs.getString(14)));
      }
    }
    return services;
  }

  private static String firstNonBlank(String... values) {
    for (String v : values) {
      if (v != null && !v.isBlank()) {
        return v;
      }
    }
    return null;
  }

  private static List<String> cwes(String stored) {
    return stored == null || stored.isBlank() ? List.of()
        : Arrays.stream(stored.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
  }

  private record CveIntel(String cve, Double epss, boolean kev) {
    static final CveIntel NONE = new CveIntel(null, null, false);
  }

  /** Per weakness of an active exposure: its first CVE, the highest EPSS and KEV of its CVEs. */
  private static Map<Long, CveIntel> cveIntel(Connection c) throws SQLException {
    Map<Long, CveIntel> out = new HashMap<>();
    String sql = "SELECT wc.weakness_id, wc.cve, ep.epss, k.cve FROM weakness_cve wc"
        + " LEFT JOIN intel_epss ep ON ep.cve = wc.cve LEFT JOIN intel_kev k ON k.cve = wc.cve"
        + " WHERE wc.weakness_id IN (SELECT weakness_id FROM exposure WHERE status IN ('OPEN', 'REOPENED'))"
        + " ORDER BY wc.weakness_id, wc.cve";
    try (PreparedStatement ps = c.prepareStatement(sql); ResultSet rs = ps.executeQuery()) {
      while (rs.next()) {
        CveIntel was = out.getOrDefault(rs.getLong(1), CveIntel.NONE);
        Double epss = rs.getObject(3, Double.class);
        Double max = was.epss == null ? epss : epss == null ? was.epss : Double.valueOf(Math.max(was.epss, epss));
        out.put(rs.getLong(1), new CveIntel(was.cve == null ? rs.getString(2) : was.cve, max,
            was.kev || rs.getString(4) != null));
      }
    }
    return out;
  }
}
