package vigil.app;

import java.time.Instant;
import java.util.List;
import vigil.model.AssetKind;
import vigil.model.AssetRef;
import vigil.model.Cvss;
import vigil.model.Location;
import vigil.model.Observation;
import vigil.model.Severity;
import vigil.model.Weakness;
import vigil.model.WeaknessKind;
import vigil.store.Database;
import vigil.store.StoreConfig;
import vigil.store.imports.ImportRequest;
import vigil.store.imports.Importer;

/** A two-host DMZ for the validation tests: a web server reachable from the internet, a database behind it. */
public final class DmzFixture {
  private DmzFixture() {}

  public static final String FULL = "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H";
  public static final String TOPOLOGY = """
      zones:
        - id: internet
          internet: true
        - id: dmz
          cidrs: [10.1.0.0/24]
        - id: databases
          cidrs: [10.20.50.0/24]
      flows:
        - id: internet-to-dmz
          from: internet
          to: dmz
          ports: [tcp/443]
        - id: dmz-to-db
          from: dmz
          to: databases
          ports: [tcp/5432]
      entry_points:
        - id: internet
          kind: internet
          zone: internet
      crown_jewels: [10.20.50.5]
      """;

  /** web 10.1.0.10 (tcp/443) in the DMZ, db 10.20.50.5 (tcp/5432) behind it; returns their exposure ids. */
  public static long[] importDmz() throws Exception {
    AssetRef web = AssetRef.builder(AssetKind.HOST).host("10.1.0.10").build();
    AssetRef db = AssetRef.builder(AssetKind.HOST).host("10.20.50.5").build();
    try (Database store = Database.open(StoreConfig.fromEnvironment())) {
      new Importer(store).run(new ImportRequest("dmz", "test", "Nessus", "dmz-sha", "t", Instant.now()), sink -> {
        sink.observation(finding(web, "CVE-2099-0001", 443));
        sink.observation(finding(db, "CVE-2099-0002", 5432));
      });
      try (var c = store.connection(); var s = c.createStatement();
          var rs = s.executeQuery("SELECT e.id FROM exposure e JOIN asset a ON a.id = e.asset_id ORDER BY e.port")) {
        rs.next();
        long first = rs.getLong(1);
        rs.next();
        return new long[] {first, rs.getLong(1)};
      }
    }
  }

  private static Observation finding(AssetRef asset, String cve, int port) {
    Weakness w = new Weakness(WeaknessKind.VULNERABILITY, "scanner:" + cve, "Issue " + cve, List.of(cve), List.of());
    return new Observation(asset, w, Location.port(port, "tcp", null), Severity.HIGH, "High",
        new Cvss(null, null, FULL, 9.8, null, null), "d", "patch", "evidence " + cve, null);
  }


  /** An exposure on 127.0.0.1 at the port (found with Apache 2.4.49); returns its id. */
  public static long importLoopback(int port) throws Exception {
    AssetRef local = AssetRef.builder(AssetKind.HOST).host("127.0.0.1").build();
    try (Database store = Database.open(StoreConfig.fromEnvironment())) {
      new Importer(store).run(new ImportRequest("local", "test", "Nessus", "local-sha", "t", Instant.now()),
          sink -> sink.observation(finding(local, "CVE-2099-0003", port)));
      try (var c = store.connection(); var s = c.createStatement();
          var rs = s.executeQuery("SELECT MAX(id) FROM exposure")) {
        rs.next();
        return rs.getLong(1);
      }
    }
  }
}
