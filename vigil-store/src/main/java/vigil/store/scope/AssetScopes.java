package vigil.store.scope;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import vigil.engine.scope.AssetFacts;
import vigil.engine.scope.BusinessService;
import vigil.engine.scope.ScopeDocument;
import vigil.engine.scope.ScopeStatus;
import vigil.engine.scope.ScopeResult;
import vigil.engine.scope.ServiceMembership;
import vigil.model.AssetKey;
import vigil.store.Sql;

/**
 * Evaluates assets against the applied scope and stores the results ({@code asset_scope},
 * {@code asset_service}), returning what the risk model needs of each.
 */
public final class AssetScopes {
  private AssetScopes() {}

  /**
   * Evaluates and writes the given assets, in the caller's transaction: the scope rules, then what
   * a CMDB declared about the asset ({@code cmdb.*} attributes, see {@link Declared}).
   */
  public static Map<Long, AssetContext> evaluate(Connection c, ScopeState scope, Map<Long, AssetFacts> assets,
      Map<Long, Map<String, String>> attributes) throws SQLException {
    Map<Long, AssetContext> out = new LinkedHashMap<>();
    if (assets.isEmpty()) {
      return out;
    }
    List<Long> ids = new ArrayList<>(assets.keySet());
    for (List<Long> chunk : Sql.chunks(ids, Sql.IN_CHUNK)) {
      for (String table : new String[] {"asset_service", "asset_scope"}) {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE asset_id IN ("
            + Sql.marks(chunk.size()) + ")")) {
          for (int i = 0; i < chunk.size(); i++) {
            ps.setLong(i + 1, chunk.get(i));
          }
          ps.executeUpdate();
        }
      }
    }
    Instant now = Instant.now();
    try (PreparedStatement scopeRow = c.prepareStatement("INSERT INTO asset_scope (asset_id, status, environment,"
        + " criticality, owner, crown_jewel, internet_facing, explanation, scope_version, evaluated_at)"
        + " VALUES (?,?,?,?,?,?,?,?,?,?)");
        PreparedStatement serviceRow = c.prepareStatement(
            "INSERT INTO asset_service (asset_id, service, rule) VALUES (?,?,?)")) {
      for (Map.Entry<Long, AssetFacts> e : assets.entrySet()) {
        Declared r = Declared.apply(scope.document(), scope.index().evaluate(e.getValue()),
            attributes.getOrDefault(e.getKey(), Map.of()));
        Boolean internet = internetFacing(e.getValue().keys());
        scopeRow.setLong(1, e.getKey());
        scopeRow.setString(2, r.status);
        scopeRow.setString(3, Sql.cut(r.environment, 256));
        scopeRow.setInt(4, r.criticality);
        scopeRow.setString(5, Sql.cut(r.owner, 256));
        scopeRow.setBoolean(6, r.crownJewel);
        if (internet == null) {
          scopeRow.setNull(7, java.sql.Types.BOOLEAN);
        } else {
          scopeRow.setBoolean(7, internet);
        }
        scopeRow.setString(8, Sql.cut(scope.version() == 0 ? "no scope applied yet: " + r.explanation
            : r.explanation, 4000));
        scopeRow.setLong(9, scope.version());
        Sql.setInstant(scopeRow, 10, now);
        scopeRow.addBatch();
        for (Map.Entry<String, String> m : r.services.entrySet()) {
          serviceRow.setLong(1, e.getKey());
          serviceRow.setString(2, Sql.cut(m.getKey(), 256));
          serviceRow.setString(3, Sql.cut(m.getValue(), 1024));
          serviceRow.addBatch();
        }
        out.put(e.getKey(), new AssetContext(r.criticality, r.crownJewel, internet));
      }
      scopeRow.executeBatch();
      serviceRow.executeBatch();
    }
    return out;
  }

  /**
   * A scope result with what a CMDB declared layered on top. The CMDB adds, it never removes: a
   * declared business service the scope knows makes the asset a member (so a CMDB row takes an
   * asset out of shadow IT), a declared criticality raises, the CMDB's owner (the asset's own)
   * wins over the service's, and a declared environment the scope knows is used. An asset the
   * scope excludes stays out of scope.
   */
  static final class Declared {
    String status;
    String environment;
    int criticality;
    String owner;
    boolean crownJewel;
    String explanation;
    final Map<String, String> services = new LinkedHashMap<>();

    static Declared apply(ScopeDocument doc, ScopeResult r, Map<String, String> attributes) {
      Declared d = new Declared();
      d.status = r.status().name();
      d.environment = r.environmentName();
      d.criticality = r.criticality();
      d.owner = r.owner() == null ? null : r.owner().team();
      d.crownJewel = r.crownJewel();
      d.explanation = r.explanation();
      for (ServiceMembership m : r.services()) {
        d.services.put(m.service().name(), m.match().toString());
      }
      if (r.status() == ScopeStatus.OUT_OF_SCOPE) {
        return d;
      }
      String service = attributes.get("cmdb.service");
      if (service != null) {
        BusinessService declared = doc.service(service).orElse(null);
        if (declared == null) {
          d.explanation += "; the CMDB names business service '" + service + "', which the scope does not declare";
        } else if (!d.services.containsKey(declared.name())) {
          d.services.put(declared.name(), "CMDB record: business service " + declared.name());
          d.criticality = Math.max(d.criticality, declared.criticality());
          d.crownJewel |= declared.crownJewel();
          if (d.owner == null) {
            d.owner = declared.owner();
          }
          if (!d.status.equals(ScopeStatus.IN_SCOPE.name())) {
            d.explanation = "in scope: the CMDB declares business service '" + declared.name() + "'";
          }
          d.status = ScopeStatus.IN_SCOPE.name();
        }
      }
      if (d.status.equals(ScopeStatus.IN_SCOPE.name())) {
        Integer declaredCriticality = vigil.ingest.Texts.integer(attributes.get("cmdb.criticality"));
        if (declaredCriticality != null && declaredCriticality > d.criticality) {
          d.criticality = declaredCriticality;
        }
        if (attributes.get("cmdb.owner") != null) {
          d.owner = attributes.get("cmdb.owner");
        }
        String env = attributes.get("cmdb.environment");
        if (env != null) {
          doc.environments().stream().filter(x -> x.name().equalsIgnoreCase(env)).findFirst()
              .ifPresent(x -> d.environment = x.name());
        }
      }
      return d;
    }
  }

  /** Stored contexts of assets (UNKNOWN for assets never evaluated). */
  public static Map<Long, AssetContext> load(Connection c, Set<Long> assetIds) throws SQLException {
    Map<Long, AssetContext> out = new HashMap<>();
    for (List<Long> chunk : Sql.chunks(assetIds, Sql.IN_CHUNK)) {
      try (PreparedStatement ps = c.prepareStatement("SELECT asset_id, criticality, crown_jewel, internet_facing"
          + " FROM asset_scope WHERE asset_id IN (" + Sql.marks(chunk.size()) + ")")) {
        for (int i = 0; i < chunk.size(); i++) {
          ps.setLong(i + 1, chunk.get(i));
        }
        try (ResultSet rs = ps.executeQuery()) {
          while (rs.next()) {
            out.put(rs.getLong(1), new AssetContext(rs.getInt(2), rs.getBoolean(3), rs.getObject(4, Boolean.class)));
          }
        }
      }
    }
    return out;
  }

  /**
   * True when the asset has a public (globally routable) IP address: the evidence Vigil has until
   * validation's topology says more. Null (unknown) otherwise: a private address may still be
   * published through a load balancer.
   */
  static Boolean internetFacing(Set<AssetKey> keys) {
    for (AssetKey k : keys) {
      if (k.type() != AssetKey.Type.IP) {
        continue;
      }
      try {
        if (!AssetKey.looksLikeIpv4(k.value()) && !AssetKey.looksLikeIpv6(k.value())) {
          continue;
        }
        InetAddress a = InetAddress.getByName(k.value());
        if (!(a.isSiteLocalAddress() || a.isLoopbackAddress() || a.isLinkLocalAddress() || a.isAnyLocalAddress()
            || a.isMulticastAddress() || isUniqueLocal(a) || isCarrierGrade(a))) {
          return Boolean.TRUE;
        }
      } catch (UnknownHostException e) {
        // Not an address after all (a tool wrote 192.168.1.1001): no evidence either way.
      }
    }
    return null;
  }

  private static boolean isUniqueLocal(InetAddress a) {
    byte[] b = a.getAddress();
    return b.length == 16 && (b[0] & 0xfe) == 0xfc;
  }

  private static boolean isCarrierGrade(InetAddress a) {
    byte[] b = a.getAddress();
    return b.length == 4 && (b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64;
  }
}
