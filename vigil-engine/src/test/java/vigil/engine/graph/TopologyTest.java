package vigil.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;

class TopologyTest {

  private static DefinitionException refused(String yaml) {
    return catchThrowableOfType(DefinitionException.class, () -> Topology.read("net.yaml", new StringReader(yaml)));
  }

  @Test
  void readsZonesFlowsEntryPointsAndCrownJewels() {
    Topology t = Environments.topology();

    assertThat(t.zones()).extracting(Zone::id).containsExactly("internet", "dmz", "internal", "servers", "vpn");
    assertThat(t.zones().get(0).internet()).isTrue();
    assertThat(t.zones().get(3).cidrs()).containsExactly(Cidr.parse("10.1.5.0/24"));
    assertThat(t.flows()).extracting(Flow::id)
        .containsExactly("internet-to-dmz-web", "dmz-to-db", "internal-to-servers", "vpn-to-internal");
    Flow web = t.flows().get(0);
    assertThat(web.admits("tcp", 443)).isTrue();
    assertThat(web.admits("tcp", 22)).isFalse();
    assertThat(web.admits("udp", 443)).isFalse();
    assertThat(t.flows().get(3).admits("udp", 53)).isTrue();
    assertThat(t.entryPoints()).extracting(EntryPoint::kind)
        .containsExactly(EntryKind.INTERNET, EntryKind.VPN, EntryKind.PHISHED_USER);
    assertThat(t.entryPoints().get(1).probability()).isEqualTo(0.2);
    assertThat(t.entryPoints().get(2).principalId()).isEqualTo("ALICE@CORP.LOCAL");
    assertThat(t.crownJewels()).containsExactly("db");
  }

  @Test
  void shippedExampleParses() throws Exception {
    Path example = Paths.get("..", "examples", "topology.yaml");
    if (!Files.exists(example)) {
      example = Paths.get("examples", "topology.yaml");
    }
    Topology t = Topology.read(example);
    assertThat(t.zones()).isNotEmpty();
    assertThat(t.flows()).isNotEmpty();
    assertThat(t.entryPoints()).isNotEmpty();
    assertThat(t.crownJewels()).isNotEmpty();
  }

  @Test
  void flowToAnUndeclaredZoneNamesLineColumnAndField() {
    DefinitionException e = refused("""
        zones:
          - id: dmz
            cidrs: [10.0.0.0/24]
        flows:
          - from: dmz
            to: intranet
            ports: any
        """);
    assertThat(e.line()).isEqualTo(6);
    assertThat(e.column()).isEqualTo(9);
    assertThat(e.field()).isEqualTo("flows[0].to");
    assertThat(e.getMessage()).isEqualTo(
        "net.yaml: line 6, column 9: flows[0].to: unknown zone 'intranet' (declared: dmz)");
  }

  @Test
  void badPortNamesTheListElement() {
    DefinitionException e = refused("""
        zones:
          - {id: a, cidrs: [10.0.0.0/8]}
        flows:
          - {from: a, to: a, ports: [tcp/22, tcp/ssh]}
        """);
    assertThat(e.line()).isEqualTo(4);
    assertThat(e.field()).isEqualTo("flows[0].ports[1]");
    assertThat(e.problem()).contains("expected 'tcp/443'").contains("'tcp/ssh'");
  }

  @Test
  void badCidrUnknownFieldMissingFieldAndDuplicatesAreRefused() {
    assertThat(refused("zones:\n  - id: a\n    cidrs: [10.0.0.0/33]\n"))
        .satisfies(e -> assertThat(e.line()).isEqualTo(3))
        .satisfies(e -> assertThat(e.field()).isEqualTo("zones[0].cidrs[0]"))
        .hasMessageContaining("prefix length must be 0..32");
    assertThat(refused("zones:\n  - id: a\n    cidr: 10.0.0.0/8\n"))
        .satisfies(e -> assertThat(e.line()).isEqualTo(3))
        .hasMessageContaining("unknown field 'cidr'");
    assertThat(refused("zones:\n  - cidrs: [10.0.0.0/8]\n"))
        .satisfies(e -> assertThat(e.line()).isEqualTo(2))
        .hasMessageContaining("missing field 'id'");
    assertThat(refused("zones:\n  - {id: a, cidrs: [10.0.0.0/8]}\n  - {id: a, cidrs: [10.1.0.0/16]}\n"))
        .satisfies(e -> assertThat(e.line()).isEqualTo(3))
        .hasMessageContaining("zone 'a' is declared twice");
    assertThat(refused("zones: []\nzones: []\n")).hasMessageContaining("line 2").hasMessageContaining("duplicate key");
  }

  @Test
  void entryPointsAreChecked() {
    assertThat(refused("entry_points:\n  - {id: p, kind: phished-user}\n"))
        .satisfies(e -> assertThat(e.line()).isEqualTo(2))
        .hasMessageContaining("needs a host or a principal");
    assertThat(refused("entry_points:\n  - {id: p, kind: satellite, zone: x}\n"))
        .satisfies(e -> assertThat(e.field()).isEqualTo("entry_points[0].kind"))
        .hasMessageContaining("expected internet, vpn, partner or phished-user");
    assertThat(refused("zones:\n  - {id: z, internet: true}\nentry_points:\n  - {id: i, kind: internet, zone: z,"
        + " probability: 2}\n"))
        .satisfies(e -> assertThat(e.field()).isEqualTo("entry_points[0].probability"));
  }

  @Test
  void invalidYamlIsRefusedWithItsPlace() {
    DefinitionException e = refused("zones:\n  - id: a\n   cidrs: [1\n");
    assertThat(e.line()).isPositive();
    assertThat(e.getMessage()).startsWith("net.yaml: line ").contains("invalid YAML");
  }

  @Test
  void cidrsAndPortRangesParse() {
    assertThat(Cidr.parse("10.1.0.0/16").contains("10.1.200.3")).isTrue();
    assertThat(Cidr.parse("10.1.0.0/16").contains("10.2.0.1")).isFalse();
    assertThat(Cidr.parse("2001:db8::/32").contains("2001:db8::1")).isTrue();
    assertThat(Cidr.parse("0.0.0.0/0").contains("8.8.8.8")).isTrue();
    assertThat(Cidr.parse("10.0.0.0/8").contains("not-an-ip")).isFalse();
    assertThat(PortRange.parse("tcp/8000-8100").admits("tcp", 8080)).isTrue();
    assertThat(PortRange.parse("udp").admits("udp", 53)).isTrue();
    assertThat(PortRange.parse("any").admits("udp", 53)).isTrue();
  }
}
