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

  /** Evaluates and writes the given assets, in the caller's transaction. */
  public static Map<Long, AssetContext> evaluate(Connection c, ScopeState scope, Map<Long, AssetFacts> assets)
      throws SQLException {
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
        ScopeResult r = scope.index().evaluate(e.getValue());
        Boolean internet = internetFacing(e.getValue().keys());
        scopeRow.setLong(1, e.getKey());
        scopeRow.setString(2, r.status().name());
        scopeRow.setString(3, Sql.cut(r.environmentName(), 256));
        scopeRow.setInt(4, r.criticality());
        scopeRow.setString(5, r.owner() == null ? null : Sql.cut(r.owner().team(), 256));
        scopeRow.setBoolean(6, r.crownJewel());
        if (internet == null) {
          scopeRow.setNull(7, java.sql.Types.BOOLEAN);
        } else {
          scopeRow.setBoolean(7, internet);
        }
        scopeRow.setString(8, Sql.cut(scope.version() == 0 ? "no scope applied yet: " + r.explanation()
            : r.explanation(), 4000));
        scopeRow.setLong(9, scope.version());
        Sql.setInstant(scopeRow, 10, now);
        scopeRow.addBatch();
        for (ServiceMembership m : r.services()) {
          serviceRow.setLong(1, e.getKey());
          serviceRow.setString(2, Sql.cut(m.service().name(), 256));
          serviceRow.setString(3, Sql.cut(m.match().toString(), 1024));
          serviceRow.addBatch();
        }
        out.put(e.getKey(), new AssetContext(r.criticality(), r.crownJewel(), internet));
      }
      scopeRow.executeBatch();
      serviceRow.executeBatch();
    }
    return out;
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
