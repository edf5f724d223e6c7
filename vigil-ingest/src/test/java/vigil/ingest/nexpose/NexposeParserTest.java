package vigil.ingest.nexpose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vigil.ingest.Corpus;
import vigil.ingest.Formats;
import vigil.ingest.ParseException;
import vigil.ingest.RecordingSink;
import vigil.ingest.ScanFile;
import vigil.model.AssetKey;
import vigil.model.AssetRef;
import vigil.model.Location;
import vigil.model.Observation;
import vigil.model.Severity;
import vigil.model.WeaknessKind;

/**
 * Nexpose against the corpus. Vigil keeps one observation per vulnerable test (per node, or per
 * port and service) and one per open port. DefectDojo merges tests by severity and title across
 * nodes, merges open ports by protocol and port, drops tests whose id has no definition, and adds
 * one synthetic "Host Up" finding for the report. Host Up is not something a scanner found: Vigil
 * records the same fact as the node's coverage instead. The helper below rebuilds DefectDojo's
 * count from Vigil's observations to show that the two agree.
 */
class NexposeParserTest {
  private final NexposeParser parser = new NexposeParser();

  private static int defectDojoCount(RecordingSink sink) {
    Set<String> keys = new LinkedHashSet<>();
    for (Observation o : sink.observations) {
      if (o.weakness().kind() == WeaknessKind.EXPOSURE_OF_SERVICE) {
        keys.add("Open port " + o.location().protocol().toUpperCase(Locale.ROOT) + "/" + o.location().port());
      } else if (o.toolSeverity() != null) {
        keys.add(o.severity() + "|" + o.weakness().title());
      }
    }
    int hostUp = sink.covered.isEmpty() ? 0 : 1;
    return keys.size() + hostUp;
  }

  @Test
  void dnsTestsSitOnTheirPortAndProtocol() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nexpose/dns.xml");
    // 5 vulnerable service tests + 2 open ports.
    assertThat(sink.observations).hasSize(7);
    assertThat(defectDojoCount(sink)).isEqualTo(Corpus.findings("nexpose/dns.xml"));

    assertThat(sink.where(o -> o.weakness().title().equals("DNS server allows cache snooping")))
        .extracting(o -> o.location().key()).containsExactly("tcp/53", "udp/53");
    Observation snooping = sink.where(o -> o.weakness().checkId().equals("nexpose:dns-allows-cache-snooping")).get(0);
    assertThat(snooping.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(snooping.toolSeverity()).isEqualTo("5");
    assertThat(snooping.location().service()).isEqualTo("DNS");
    assertThat(snooping.cvss().v2Vector()).isEqualTo("AV:N/AC:L/Au:N/C:P/I:N/A:N");
    assertThat(snooping.cvss().v2Score()).isEqualTo(5.0);
    assertThat(snooping.description()).startsWith("This DNS server is susceptible to DNS cache snooping, whereby");
    assertThat(snooping.evidence()).startsWith("Received 4 answers to a non-recursive query for www.rapid7.com");
    // DefectDojo dates the finding 2021-02-11 16:45:06.081, when Nexpose first found it
    // vulnerable; Vigil keeps that in the evidence and dates the sighting by the scan's end.
    assertThat(snooping.evidence()).contains("vulnerable since 2021-02-11T16:45:06.081Z");
    assertThat(snooping.observedAt()).isEqualTo(Instant.parse("2021-02-28T22:54:29.678Z"));

    assertThat(sink.where(o -> o.weakness().title().equals("DNS Traffic Amplification")))
        .singleElement().satisfies(o -> {
          assertThat(o.location().key()).isEqualTo("udp/53");
          assertThat(o.severity()).isEqualTo(Severity.LOW);
        });
    assertThat(sink.where(o -> o.weakness().kind() == WeaknessKind.EXPOSURE_OF_SERVICE))
        .extracting(o -> o.location().key(), Observation::evidence)
        .containsExactly(
            tuple("tcp/53", "53/tcp open DNS (PowerDNS Recursor 4.3.5)"),
            tuple("udp/53", "53/udp open DNS (PowerDNS Recursor 4.3.5)"));

    AssetRef host = sink.covered.iterator().next();
    assertThat(host.key(AssetKey.Type.IP).value()).isEqualTo("192.168.1.1");
    assertThat(host.key(AssetKey.Type.MAC).value()).isEqualTo("00:11:22:33:44:55");
    assertThat(host.attributes()).containsEntry("os", "Linux 2.6.32");
  }

  @Test
  void authenticatedNodeTestsAreOnePerTestWithoutCves() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nexpose/report_auth.xml");
    assertThat(sink.observations).hasSize(26);
    assertThat(defectDojoCount(sink)).isEqualTo(Corpus.findings("nexpose/report_auth.xml"));
    assertThat(sink.covered).hasSize(4);

    // DefectDojo's 4, 1 and 16 locations are Vigil's observations of the same test.
    assertThat(sink.where(o -> o.weakness().title().equals("ICMP redirection enabled")))
        .hasSize(4).allSatisfy(o -> assertThat(o.severity()).isEqualTo(Severity.HIGH))
        .extracting(o -> o.asset().key(AssetKey.Type.IP).value()).doesNotHaveDuplicates();
    assertThat(sink.where(o -> o.weakness().title().equals("No password for Grub")))
        .isNotEmpty().allSatisfy(o -> assertThat(o.severity()).isEqualTo(Severity.MEDIUM));
    assertThat(sink.where(o -> o.weakness().title().equals("User home directory mode unsafe")))
        .hasSize(16).allSatisfy(o -> assertThat(o.severity()).isEqualTo(Severity.LOW));
    assertThat(sink.observations).allSatisfy(o -> {
      assertThat(o.weakness().cves()).isEmpty();
      assertThat(o.location()).isEqualTo(Location.NONE);
    });
    assertThat(sink.covered).extracting(AssetRef::name).contains("host0");
    assertThat(sink.where(o -> o.weakness().title().equals("User home directory mode unsafe")).get(0).evidence())
        .startsWith("The permissions for home directory of user anycastcontrol was found to be 755 which is more permissive than 750.");
  }

  @Test
  void manyNodesKeepCvesDefaultPasswordsOnTheirServiceAndOpenPorts() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nexpose/many_vulns.xml");
    // 162 vulnerable tests + 27 open ports on 8 nodes.
    assertThat(sink.observations).hasSize(189);
    assertThat(sink.where(o -> o.weakness().kind() == WeaknessKind.EXPOSURE_OF_SERVICE)).hasSize(27);
    assertThat(sink.covered).hasSize(8);
    assertThat(defectDojoCount(sink)).isEqualTo(Corpus.findings("nexpose/many_vulns.xml"));

    assertThat(sink.where(o -> o.weakness().title().equals("TCP Sequence Number Approximation Vulnerability")))
        .hasSize(3)
        .allSatisfy(o -> {
          assertThat(o.severity()).isEqualTo(Severity.MEDIUM);
          assertThat(o.weakness().cves()).containsExactly("CVE-2004-0230");
          assertThat(o.weakness().key()).isEqualTo("CVE-2004-0230");
        })
        .extracting(o -> o.asset().key(AssetKey.Type.IP).value()).doesNotHaveDuplicates();

    Observation rootRoot = sink.where(o -> o.weakness().title().equals("Default SSH password: root password \"root\"")).get(0);
    assertThat(rootRoot.location().port()).isEqualTo(22);
    assertThat(rootRoot.location().protocol()).isEqualTo("tcp");
    assertThat(rootRoot.location().service()).isEqualTo("SSH");
    assertThat(rootRoot.severity()).isEqualTo(Severity.CRITICAL);

    assertThat(sink.where(o -> o.weakness().kind() == WeaknessKind.EXPOSURE_OF_SERVICE
        && o.location().key().equals("udp/137"))).hasSize(1);
    // A service Nexpose could not name is an open port without a service.
    assertThat(sink.where(o -> o.weakness().kind() == WeaknessKind.EXPOSURE_OF_SERVICE
        && o.location().port() == 1010)).singleElement()
        .satisfies(o -> assertThat(o.location().service()).isNull());

    // A test key sets instances of one check apart: here the URL paths behind basic authentication.
    assertThat(sink.where(o -> o.weakness().checkId().equals("nexpose:http-basic-auth-cleartext")))
        .extracting(o -> o.location().path())
        .contains("/", "/AdminScripts/Firewall.asp", "/.cobalt/index.asp");
    assertThat(sink.covered).filteredOn(a -> a.key(AssetKey.Type.IP).value().equals("192.168.1.37"))
        .singleElement().satisfies(a -> {
          assertThat(a.name()).isEqualTo("MACBOOKPRO-C9A7");
          assertThat(a.key(AssetKey.Type.MAC).value()).isEqualTo("e4:ce:8f:49:0d:7c");
        });
    // Solutions keep their links.
    Observation tcpSeq = sink.where(o -> o.weakness().checkId().equals("nexpose:tcp-seq-num-approximation")).get(0);
    assertThat(tcpSeq.solution()).contains("Download and apply the patch from: http://www.download.windowsupdate.com/");
    assertThat(sink.observations).noneMatch(o -> o.weakness().title().equals("Host Up"));
  }

  @Test
  void nodeWithoutDefinedVulnerabilityIsCoveredAndItsUndefinedTestKept() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nexpose/no_vuln.xml");
    // DefectDojo's single finding is its synthetic "Host Up"; Vigil records that as coverage.
    assertThat(sink.covered).singleElement()
        .satisfies(a -> assertThat(a.key(AssetKey.Type.IP).value()).isEqualTo("192.168.1.1"));
    assertThat(defectDojoCount(sink)).isEqualTo(Corpus.findings("nexpose/no_vuln.xml"));
    // The node's one vulnerable test names an id the report does not define (DefectDojo drops it).
    // It is kept as the file states it, with Info severity for want of a rating.
    assertThat(sink.observations).singleElement().satisfies(o -> {
      assertThat(o.weakness().checkId()).isEqualTo("nexpose:tcp-seq-num-approximation");
      assertThat(o.weakness().title()).isEqualTo("tcp-seq-num-approximation");
      assertThat(o.weakness().kind()).isEqualTo(WeaknessKind.INFORMATIONAL);
      assertThat(o.severity()).isEqualTo(Severity.INFO);
      assertThat(o.toolSeverity()).isNull();
      assertThat(o.evidence()).startsWith("TCP reset with incorrect sequence number triggered this fault on 192.168.1.1:21");
      assertThat(o.observedAt()).isEqualTo(Instant.parse("2013-11-27T11:55:13.233Z"));
    });
  }

  @Test
  void notVulnerableTestsAndDeadNodesAreNotObserved() throws Exception {
    String xml = "<NexposeReport version=\"2.0\"><scans><scan id=\"1\" startTime=\"20210101T000000000\"/></scans><nodes>"
        + "<node address=\"10.0.0.1\" status=\"alive\"><tests>"
        + "<test id=\"a\" status=\"not-vulnerable\"/><test id=\"b\" status=\"vulnerable-potential\" scan-id=\"1\" key=\"/login.php?next=/admin\"/>"
        + "<test id=\"c\" status=\"error\"/><test id=\"d\" status=\"skipped-version\"/></tests>"
        + "<endpoints><endpoint protocol=\"tcp\" port=\"25\" status=\"closed\"><services><service name=\"SMTP\"/></services>"
        + "</endpoint></endpoints></node>"
        + "<node address=\"10.0.0.2\" status=\"dead\"/></nodes>"
        + "<VulnerabilityDefinitions><vulnerability id=\"B\" title=\"Bee\" severity=\"9\" cvssV3Score=\"9.8\""
        + " cvssV3Vector=\"CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H\"><references><reference source=\"CVE\">cve-2020-1234</reference>"
        + "</references></vulnerability></VulnerabilityDefinitions></NexposeReport>";
    RecordingSink sink = new RecordingSink();
    parser.parse(ScanFile.of("mixed.xml", xml.getBytes(StandardCharsets.UTF_8)), sink);
    assertThat(sink.covered).extracting(a -> a.key(AssetKey.Type.IP).value()).containsExactly("10.0.0.1");
    assertThat(sink.observations).singleElement().satisfies(o -> {
      assertThat(o.weakness().title()).isEqualTo("Bee");
      assertThat(o.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(o.weakness().cves()).containsExactly("CVE-2020-1234");
      assertThat(o.cvss().v3Vector()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
      assertThat(o.cvss().v3Score()).isEqualTo(9.8);
      assertThat(o.observedAt()).isEqualTo(Instant.parse("2021-01-01T00:00:00Z"));
      // A URL key is kept without its query; the whole key stays in the evidence.
      assertThat(o.location().path()).isEqualTo("/login.php");
      assertThat(o.evidence()).contains("key /login.php?next=/admin");
    });
  }

  @Test
  void severityBandsFollowTheCvssScale() {
    assertThat(NexposeParser.rate(10)).isEqualTo(Severity.CRITICAL);
    assertThat(NexposeParser.rate(9)).isEqualTo(Severity.CRITICAL);
    assertThat(NexposeParser.rate(8)).isEqualTo(Severity.HIGH);
    assertThat(NexposeParser.rate(7)).isEqualTo(Severity.HIGH);
    assertThat(NexposeParser.rate(4)).isEqualTo(Severity.MEDIUM);
    assertThat(NexposeParser.rate(3)).isEqualTo(Severity.LOW);
    assertThat(NexposeParser.rate(1)).isEqualTo(Severity.LOW);
    assertThat(NexposeParser.rate(0)).isEqualTo(Severity.INFO);
  }

  @Test
  void everyCorpusFileIsDetectedAsNexpose() throws Exception {
    for (var entry : Corpus.entries("nexpose")) {
      String path = entry.get("path").asString();
      assertThat(Formats.detect(Corpus.scanFile(path)).format()).as(path).isEqualTo("nexpose");
    }
    assertThat(Corpus.entries("nexpose")).hasSize(4);
  }

  @Test
  void nessusFileForcedAsNexposeIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "nessus/nessus_many_vuln.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nessus_many_vuln.xml")
        .hasMessageContaining("expected root element <NexposeReport>");
  }

  @Test
  void truncatedReportIsRefusedBeforeAnythingIsEmitted() throws Exception {
    byte[] whole = Files.readAllBytes(Corpus.file("nexpose/many_vulns.xml"));
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);
    RecordingSink sink = new RecordingSink();
    assertThatThrownBy(() -> parser.parse(ScanFile.of("cut.xml", cut), sink))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("cut.xml")
        .hasMessageContaining("line ");
    assertThat(sink.observations).isEmpty();
  }
}
