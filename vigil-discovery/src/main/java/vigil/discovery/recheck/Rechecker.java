package vigil.discovery.recheck;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.AssetRef;
import vigil.model.Cvss;
import vigil.model.Location;
import vigil.model.Observation;
import vigil.model.Severity;
import vigil.model.Weakness;
import vigil.model.WeaknessKind;
import vigil.store.Database;
import vigil.store.Digests;
import vigil.store.StoreException;
import vigil.store.imports.ImportRequest;
import vigil.store.imports.ImportResult;
import vigil.store.imports.Importer;

/**
 * Re-checks one stored exposure: probes its own asset's address on its port (TCP connect, TLS
 * handshake, HTTP banner; never an exploit) and, when the service still shows the version the
 * exposure was found with, records an observation by the tool {@value #TOOL} through the import
 * path, so lifecycle rules apply (a fixed exposure seen again is reopened).
 *
 * <p>The scope guard is hard: the asset must be IN_SCOPE in the applied scope, and the address
 * probed must be one of the asset's own IP addresses; otherwise nothing is sent.
 */
public final class Rechecker {
  public static final String TOOL = "Vigil re-check";

  private final Database db;
  private final Duration timeout;

  public Rechecker(Database db, Duration timeout) {
    this.db = Objects.requireNonNull(db, "db");
    this.timeout = Objects.requireNonNull(timeout, "timeout");
  }

  /** Re-checks an exposure on its asset's first IP address. */
  public RecheckResult recheck(long exposureId, String actor) {
    Target t = load(exposureId);
    if (t.addresses.isEmpty()) {
      throw new RecheckRefused("exposure " + exposureId + ": its asset has no IP address to re-check");
    }
    return recheck(t, t.addresses.get(0), actor);
  }

  /** Re-checks an exposure at a given address, which must be one of its asset's own. */
  public RecheckResult recheck(long exposureId, String address, String actor) {
    return recheck(load(exposureId), address, actor);
  }

  private RecheckResult recheck(Target t, String address, String actor) {
    if (!"IN_SCOPE".equals(t.scopeStatus)) {
      throw new RecheckRefused("exposure " + t.exposureId + ": asset " + t.assetId + " is "
          + (t.scopeStatus == null ? "not evaluated by any scope" : t.scopeStatus) + "; only IN_SCOPE assets are re-checked");
    }
    if (!t.addresses.contains(address)) {
      throw new RecheckRefused("exposure " + t.exposureId + ": " + address + " is not an address of asset " + t.assetId
          + " " + t.addresses);
    }
    if (t.port == null || t.port <= 0 || !"tcp".equalsIgnoreCase(t.protocol == null ? "tcp" : t.protocol)) {
      throw new RecheckRefused("exposure " + t.exposureId + ": no TCP port to re-check (port " + t.port + ", protocol "
          + t.protocol + ")");
    }
    InetAddress ip;
    try {
      ip = InetAddress.getByName(address); // an IP literal: no DNS lookup
    } catch (UnknownHostException e) {
      throw new RecheckRefused("exposure " + t.exposureId + ": " + address + " is no IP address");
    }
    ProbeResult probe = new ServiceProbe(timeout).probe(ip, t.port);
    RecheckResult.Verdict verdict = !probe.reachable() ? RecheckResult.Verdict.UNREACHABLE
        : probe.shows(t.version) ? RecheckResult.Verdict.STILL_VULNERABLE : RecheckResult.Verdict.REACHABLE;
    Long importId = verdict == RecheckResult.Verdict.STILL_VULNERABLE ? record(t, probe, actor) : null;
    return new RecheckResult(t.exposureId, verdict, t.version, probe, importId);
  }

  /** The same exposure again (asset keys, weakness, location) with the probe as evidence. */
  private long record(Target t, ProbeResult probe, String actor) {
    AssetRef.Builder asset = AssetRef.builder(AssetKind.HOST);
    t.keys.forEach(k -> asset.key(k.type(), k.value()));
    Weakness weakness = new Weakness(t.kind, t.checkId, t.title, t.cves, t.cwes);
    Location location = new Location(t.port, t.protocol, t.service, t.component, t.version, null, t.path, null);
    String evidence = "re-check: " + probe.summary() + "; shows version " + t.version;
    Instant now = Instant.now();
    Observation o = new Observation(asset.build(), weakness, location, t.severity, null, Cvss.NONE, null, null,
        evidence, now);
    String name = "recheck-exposure-" + t.exposureId + "-" + now;
    try {
      String sha = Digests.sha256(() -> new ByteArrayInputStream((name + evidence).getBytes(StandardCharsets.UTF_8)));
      ImportResult r = new Importer(db).run(new ImportRequest(name, "recheck", TOOL, sha, actor, now),
          sink -> sink.observation(o));
      return r.importId();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      throw new StoreException("recording the re-check of exposure " + t.exposureId, e);
    }
  }

  private record Target(long exposureId, long assetId, String scopeStatus, Integer port, String protocol, String service,
      String component, String version, String path, Severity severity, WeaknessKind kind, String checkId, String title,
      List<String> cves, List<String> cwes, List<AssetKey> keys, List<String> addresses) {}

  private Target load(long exposureId) {
    try (Connection c = db.connection()) {
      try (PreparedStatement ps = c.prepareStatement("SELECT e.asset_id, s.status, e.port, e.protocol, e.service,"
          + " e.component, e.component_version, e.path, e.severity, w.kind, w.check_id, w.title, w.cwes, w.id"
          + " FROM exposure e JOIN weakness w ON w.id = e.weakness_id LEFT JOIN asset_scope s ON s.asset_id = e.asset_id"
          + " WHERE e.id = ?")) {
        ps.setLong(1, exposureId);
        try (ResultSet rs = ps.executeQuery()) {
          if (!rs.next()) {
            throw new IllegalArgumentException("no exposure " + exposureId);
          }
          long assetId = rs.getLong(1);
          List<AssetKey> keys = keys(c, assetId);
          List<String> addresses = keys.stream().filter(k -> k.type() == AssetKey.Type.IP).map(AssetKey::value).toList();
          String cwes = rs.getString(13);
          return new Target(exposureId, assetId, rs.getString(2), rs.getObject(3, Integer.class), rs.getString(4),
              rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), Severity.values()[rs.getInt(9)],
              WeaknessKind.valueOf(rs.getString(10)), rs.getString(11), rs.getString(12), cves(c, rs.getLong(14)),
              cwes == null ? List.of() : Arrays.asList(cwes.split(",")), keys, addresses);
        }
      }
    } catch (SQLException e) {
      throw new StoreException("loading exposure " + exposureId + " to re-check", e);
    }
  }

  private static List<AssetKey> keys(Connection c, long assetId) throws SQLException {
    List<AssetKey> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement(
        "SELECT key_type, key_value FROM asset_key WHERE asset_id = ? ORDER BY last_seen DESC, key_type, key_value")) {
      ps.setLong(1, assetId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          AssetKey k = AssetKey.ofNullable(AssetKey.Type.valueOf(rs.getString(1)), rs.getString(2));
          if (k != null) {
            out.add(k);
          }
        }
      }
    }
    return out;
  }

  private static List<String> cves(Connection c, long weaknessId) throws SQLException {
    List<String> out = new ArrayList<>();
    try (PreparedStatement ps = c.prepareStatement("SELECT cve FROM weakness_cve WHERE weakness_id = ? ORDER BY cve")) {
      ps.setLong(1, weaknessId);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(rs.getString(1));
        }
      }
    }
    return out;
  }
}
