package vigil.engine.scope;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class IpAddressTest {

  private static String roundTrip(String text) {
    byte[] a = IpAddress.parse(text);
    return a == null ? null : IpAddress.format(a);
  }

  @Test
  void parsesEveryIpv6SpellingAndPrintsRfc5952() {
    assertThat(roundTrip("2001:0db8:0000:0000:0000:ff00:0042:8329")).isEqualTo("2001:db8::ff00:42:8329");
    assertThat(roundTrip("2001:db8:0:0:1:0:0:1")).isEqualTo("2001:db8::1:0:0:1");
    assertThat(roundTrip("2001:DB8::")).isEqualTo("2001:db8::");
    assertThat(roundTrip("::")).isEqualTo("::");
    assertThat(roundTrip("::1")).isEqualTo("::1");
    assertThat(roundTrip("1:2:3:4:5:6:7:8")).isEqualTo("1:2:3:4:5:6:7:8");
    assertThat(roundTrip("1:0:3:4:5:6:7:8")).isEqualTo("1:0:3:4:5:6:7:8");
    assertThat(roundTrip("64:ff9b::192.0.2.33")).isEqualTo("64:ff9b::c000:221");
    assertThat(roundTrip("[fe80::1%eth0]")).isEqualTo("fe80::1");
    assertThat(roundTrip("::ffff:192.0.2.1")).isEqualTo("192.0.2.1");
  }

  @Test
  void refusesWhatIsNotAnAddress() {
    for (String bad : List.of("", "1.2.3", "1.2.3.4.5", "256.1.1.1", "1..2.3", "1:2:3:4:5:6:7:8:9", "1::2::3", ":1:2",
        "12345::", "g::1", "1.2.3.4::", "host.example.com", "::1.2.3")) {
      assertThat(IpAddress.parse(bad)).as(bad).isNull();
    }
  }

  @Test
  void rangeBecomesTheFewestNetworks() {
    List<String> networks = IpAddress.rangeToNetworks(IpAddress.parse("10.31.112.21"), IpAddress.parse("10.31.112.29"))
        .stream().map(n -> IpAddress.format(n.address()) + "/" + n.prefix()).toList();
    assertThat(networks).containsExactly("10.31.112.21/32", "10.31.112.22/31", "10.31.112.24/30", "10.31.112.28/31");
    assertThat(IpAddress.rangeToNetworks(IpAddress.parse("0.0.0.0"), IpAddress.parse("255.255.255.255")))
        .singleElement().extracting(IpAddress.Network::prefix).isEqualTo(0);
  }
}
