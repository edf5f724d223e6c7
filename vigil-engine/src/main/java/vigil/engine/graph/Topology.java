package vigil.engine.graph;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The declared network: zones by CIDR, the flows allowed between them, where attackers start and
 * which assets are crown jewels. Read from a YAML file ({@code examples/topology.yaml} shows every
 * field) or built in code.
 */
public record Topology(List<Zone> zones, List<Flow> flows, List<EntryPoint> entryPoints, List<String> crownJewels) {
  private static final Set<String> TOP = Set.of("zones", "flows", "entry_points", "crown_jewels");
  private static final Set<String> ZONE = Set.of("id", "cidrs", "internet");
  private static final Set<String> FLOW = Set.of("id", "from", "to", "ports");
  private static final Set<String> ENTRY = Set.of("id", "kind", "zone", "host", "principal", "probability");

  public static final Topology EMPTY = new Topology(List.of(), List.of(), List.of(), List.of());

  public Topology {
    zones = List.copyOf(zones);
    flows = List.copyOf(flows);
    entryPoints = List.copyOf(entryPoints);
    crownJewels = List.copyOf(crownJewels);
  }

  public static Topology read(Path file) throws DefinitionException, IOException {
    try (Reader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      return read(file.toString(), r);
    }
  }

  /**
   * Parses a topology; every error names the line, the column and the field. Checks that ids are
   * unique, that flows and entry points name declared zones, and that CIDRs and ports parse.
   */
  public static Topology read(String fileName, Reader reader) throws DefinitionException {
    YamlTree root = YamlTree.parse(fileName, reader);
    Map<String, YamlTree> top = root.map(TOP);
    List<Zone> zones = new ArrayList<>();
    Set<String> zoneIds = new HashSet<>();
    if (top.containsKey("zones")) {
      for (YamlTree z : top.get("zones").list()) {
        Zone zone = zone(z);
        if (!zoneIds.add(zone.id())) {
          throw z.error("zone '" + zone.id() + "' is declared twice");
        }
        zones.add(zone);
      }
    }
    List<Flow> flows = new ArrayList<>();
    Set<String> flowIds = new HashSet<>();
    if (top.containsKey("flows")) {
      List<YamlTree> list = top.get("flows").list();
      for (YamlTree f : list) {
        Flow flow = flow(f, zoneIds, flows.size());
        if (!flowIds.add(flow.id())) {
          throw f.error("flow '" + flow.id() + "' is declared twice");
        }
        flows.add(flow);
      }
    }
    List<EntryPoint> entries = new ArrayList<>();
    Set<String> entryIds = new HashSet<>();
    if (top.containsKey("entry_points")) {
      for (YamlTree e : top.get("entry_points").list()) {
        EntryPoint entry = entry(e, zoneIds);
        if (!entryIds.add(entry.id())) {
          throw e.error("entry point '" + entry.id() + "' is declared twice");
        }
        entries.add(entry);
      }
    }
    List<String> jewels = new ArrayList<>();
    if (top.containsKey("crown_jewels")) {
      for (YamlTree j : top.get("crown_jewels").list()) {
        jewels.add(j.text());
      }
    }
    return new Topology(zones, flows, entries, jewels);
  }

  private static Zone zone(YamlTree z) throws DefinitionException {
    Map<String, YamlTree> f = z.map(ZONE);
    String id = YamlTree.required(f, "id", z).text();
    boolean internet = f.containsKey("internet") && f.get("internet").bool();
    List<Cidr> cidrs = new ArrayList<>();
    if (f.containsKey("cidrs")) {
      for (YamlTree c : f.get("cidrs").listOrOne()) {
        try {
          cidrs.add(Cidr.parse(c.text()));
        } catch (IllegalArgumentException e) {
          throw c.error(e.getMessage() + " (expected a CIDR such as 10.1.0.0/16)");
        }
      }
    }
    if (cidrs.isEmpty() && !internet) {
      throw z.error("zone '" + id + "' has no cidrs (give cidrs, or internet: true)");
    }
    return new Zone(id, cidrs, internet);
  }

  private static Flow flow(YamlTree t, Set<String> zones, int index) throws DefinitionException {
    Map<String, YamlTree> f = t.map(FLOW);
    String from = zoneRef(YamlTree.required(f, "from", t), zones);
    String to = zoneRef(YamlTree.required(f, "to", t), zones);
    String id = f.containsKey("id") ? f.get("id").text() : from + "->" + to + "#" + (index + 1);
    List<PortRange> ports = new ArrayList<>();
    for (YamlTree p : YamlTree.required(f, "ports", t).listOrOne()) {
      try {
        ports.add(PortRange.parse(p.text()));
      } catch (IllegalArgumentException e) {
        throw p.error(e.getMessage());
      }
    }
    if (ports.isEmpty()) {
      throw t.error("flow '" + id + "' admits no port (write ports: any to admit all)");
    }
    return new Flow(id, from, to, ports);
  }

  private static String zoneRef(YamlTree t, Set<String> zones) throws DefinitionException {
    String zone = t.text();
    if (!zones.contains(zone)) {
      throw t.error("unknown zone '" + zone + "' (declared: " + String.join(", ", zones) + ")");
    }
    return zone;
  }

  private static EntryPoint entry(YamlTree t, Set<String> zones) throws DefinitionException {
    Map<String, YamlTree> f = t.map(ENTRY);
    String id = YamlTree.required(f, "id", t).text();
    YamlTree kindField = YamlTree.required(f, "kind", t);
    EntryKind kind = EntryKind.fromLabel(kindField.text());
    if (kind == null) {
      throw kindField.error("expected internet, vpn, partner or phished-user, found '" + kindField.text() + "'");
    }
    String zone = f.containsKey("zone") ? zoneRef(f.get("zone"), zones) : null;
    String host = f.containsKey("host") ? f.get("host").text() : null;
    String principal = f.containsKey("principal") ? f.get("principal").text() : null;
    Double probability = f.containsKey("probability") ? f.get("probability").number(0.000001, 1) : null;
    if (kind == EntryKind.PHISHED_USER && host == null && principal == null) {
      throw t.error("a phished-user entry point needs a host or a principal");
    }
    if (kind != EntryKind.PHISHED_USER && zone == null) {
      throw t.error("a " + kind.label() + " entry point needs a zone");
    }
    return new EntryPoint(id, kind, zone, host, principal, probability);
  }
}
