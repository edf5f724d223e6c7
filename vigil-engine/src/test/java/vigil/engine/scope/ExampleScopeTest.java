package vigil.engine.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import vigil.model.AssetKey;
import vigil.model.AssetKind;
import vigil.model.AssetRef;

/** The example scope file (examples/scope.yaml) against the demo data's hosts, as the Nessus parser describes them. */
class ExampleScopeTest {
  private static ScopeIndex index;

  @BeforeAll
  static void readExample() throws Exception {
    Path file = Path.of(System.getProperty("user.dir")).resolveSibling("examples").resolve("scope.yaml");
    index = ScopeIndex.build(ScopeYaml.parse(Files.readString(file), file.toString()));
  }

  private static AssetRef nessusHost(String ip, String fqdn, String netbios) {
    return AssetRef.builder(AssetKind.HOST).name(fqdn).host(ip).host(fqdn).key(AssetKey.Type.NETBIOS, netbios).build();
  }

  @Test
  void qaLabHostsAreQaApplicationsInQa() {
    for (int i = 1; i <= 9; i++) {
      ScopeResult r = index.evaluate(nessusHost("10.31.112." + (20 + i), "qa3app0" + i, "QA3APP0" + i));
      assertThat(r.serviceNames()).as("qa3app0%d", i).containsExactly("qa-applications");
      assertThat(r.environmentName()).isEqualTo("qa");
      assertThat(r.criticality()).isEqualTo(2);
      assertThat(r.owner().team()).isEqualTo("qa-platform");
      assertThat(r.crownJewel()).isEqualTo(i == 1);
    }
  }

  @Test
  void boardPortalPreprodHostIsACrownJewelInPreprod() {
    ScopeResult r = index.evaluate(nessusHost("12.233.108.201", "preprod.boardvantage.net", null));
    assertThat(r.serviceNames()).containsExactly("board-portal");
    assertThat(r.environmentName()).isEqualTo("preprod");
    assertThat(r.environment().overruled()).extracting(Environment::name).containsExactly("production");
    assertThat(r.criticality()).isEqualTo(5);
    assertThat(r.crownJewel()).isTrue();
  }

  @Test
  void publicTestShopIsTheDemoShop() {
    ScopeResult r = index.evaluate(nessusHost("44.228.249.3", "testphp.vulnweb.com", null));
    assertThat(r.serviceNames()).containsExactly("demo-shop");
    assertThat(r.owner().team()).isEqualTo("appsec");
    assertThat(r.crownJewel()).isFalse();
  }

  @Test
  void kvmConsoleIsOnlyInTheOrganisationsAddressSpaceAndGuestWifiIsOut() {
    ScopeResult kvm = index.evaluate(nessusHost("10.31.113.1", "qa3app01-kvm", null));
    assertThat(kvm.services()).isEmpty();
    assertThat(kvm.status()).isEqualTo(ScopeStatus.IN_SCOPE);
    assertThat(kvm.explanation()).isEqualTo("in scope, in no service, by cidr 10.0.0.0/8 on ip 10.31.113.1; "
        + "excluded from service 'qa-applications' by hostname qa3app*-kvm on hostname qa3app01-kvm");
    assertThat(index.evaluate(nessusHost("10.99.3.3", "laptop", null)).status()).isEqualTo(ScopeStatus.OUT_OF_SCOPE);
    assertThat(index.evaluate(nessusHost("18.192.172.30", "unknown.example.net", null)).shadowIt()).isTrue();
  }
}
