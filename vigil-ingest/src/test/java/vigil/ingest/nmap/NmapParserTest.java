package vigil.ingest.nmap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vigil.ingest.Corpus;
import vigil.ingest.Formats;
import vigil.ingest.ParseException;
import vigil.ingest.RecordingSink;
import vigil.ingest.ScanFile;
import vigil.model.AssetKey;
import vigil.model.AssetRef;
import vigil.model.Observation;
import vigil.model.Severity;
import vigil.model.WeaknessKind;

/**
 * Nmap against the corpus. Vigil keeps one observation per open port per host and one per vulners
 * entry per port. DefectDojo merges open ports by port number across hosts and vulners entries by
 * id, so its count is matched by distinct open port/protocol pairs plus distinct vulners ids.
 */
class NmapParserTest {
  private final NmapParser parser = new NmapParser();

  /** DefectDojo's grouping: one finding per open port/protocol (all hosts) and per vulners id. */
  private static int defectDojoCount(RecordingSink sink) {
    Set<String> keys = new LinkedHashSet<>();
    for (Observation o : sink.observations) {
      if (o.weakness().kind() == WeaknessKind.EXPOSURE_OF_SERVICE) {
        keys.add("port " + o.location().port() + "/" + o.location().protocol());
      } else {
        keys.add("vuln " + o.weakness().title());
      }
    }
    return keys.size();
  }

  private static AssetRef onlyHost(RecordingSink sink) {
    assertThat(sink.covered).hasSize(1);
    return sink.covered.iterator().next();
  }

  @Test
  void hostWithoutOpenPortsIsCoveredWithNoObservation() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nmap/nmap_0port.xml");
    assertThat(sink.observations).hasSize(Corpus.findings("nmap/nmap_0port.xml")).isEmpty();
    AssetRef host = onlyHost(sink);
    assertThat(host.key(AssetKey.Type.IP).value()).isEqualTo("127.0.0.1");
    assertThat(host.key(AssetKey.Type.FQDN).value()).isEqualTo("localhost.localdomain");
  }

  @Test
  void everyOpenPortIsAnInfoExposureOfService() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nmap/nmap_multiple_port.xml");
    assertThat(sink.observations).hasSize(13);
    assertThat(defectDojoCount(sink)).isEqualTo(Corpus.findings("nmap/nmap_multiple_port.xml"));
    assertThat(sink.observations).allSatisfy(o -> {
      assertThat(o.severity()).isEqualTo(Severity.INFO);
      assertThat(o.weakness().kind()).isEqualTo(WeaknessKind.EXPOSURE_OF_SERVICE);
      assertThat(o.weakness().checkId()).isEqualTo("nmap:open-port");
      assertThat(o.weakness().title()).isEqualTo("Open port");
    });
    Observation first = sink.observations.get(0);
    assertThat(first.location().port()).isEqualTo(21);
    assertThat(first.location().protocol()).isEqualTo("tcp");
    assertThat(first.location().service()).isEqualTo("ftp");
    assertThat(first.location().key()).isEqualTo("tcp/21");
    // DefectDojo's "2016-05-16 17:56:59" is the run's start in UTC; the host started then too.
    assertThat(first.observedAt()).isEqualTo(Instant.parse("2016-05-16T17:56:59Z"));
    // DefectDojo names the endpoint by the PTR name; the name typed on the command line is kept too.
    assertThat(first.asset().name()).isEqualTo("mocha2005.mochahost.com");
    assertThat(first.asset().keys()).contains(
        AssetKey.of(AssetKey.Type.IP, "198.38.82.159"),
        AssetKey.of(AssetKey.Type.FQDN, "mocha2005.mochahost.com"),
        AssetKey.of(AssetKey.Type.FQDN, "joaquinlp.me"));
    assertThat(sink.observations).extracting(o -> o.location().port())
        .containsExactly(21, 25, 53, 80, 110, 143, 443, 465, 587, 993, 995, 2525, 3306);
  }

  @Test
  void vulnersEntriesBecomeVulnerabilitiesOnTheServiceComponent() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nmap/nmap_script_vulners.xml");
    assertThat(sink.observations).hasSize(3);
    assertThat(defectDojoCount(sink)).isEqualTo(Corpus.findings("nmap/nmap_script_vulners.xml"));

    Observation port = sink.observations.get(0);
    assertThat(port.weakness().checkId()).isEqualTo("nmap:open-port");
    assertThat(port.severity()).isEqualTo(Severity.INFO);
    assertThat(port.location().port()).isEqualTo(5022);
    assertThat(port.location().service()).isEqualTo("ssh");
    assertThat(port.evidence()).startsWith("5022/tcp open ssh OpenSSH 7.4 (protocol 2.0)")
        .contains("cpe:/a:openbsd:openssh:7.4");

    assertThat(sink.observations.subList(1, 3)).extracting(o -> o.weakness().cves().get(0))
        .containsExactly("CVE-2018-15919", "CVE-2017-15906");
    assertThat(sink.observations.subList(1, 3)).allSatisfy(o -> {
      assertThat(o.weakness().kind()).isEqualTo(WeaknessKind.VULNERABILITY);
      assertThat(o.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(o.toolSeverity()).isEqualTo("5.0");
      assertThat(o.cvss().v2Score()).isEqualTo(5.0);
      assertThat(o.location().component()).isEqualTo("openssh");
      assertThat(o.location().componentVersion()).isEqualTo("7.4");
      assertThat(o.location().port()).isEqualTo(5022);
      assertThat(o.location().protocol()).isEqualTo("tcp");
    });
    Observation cve = sink.observations.get(1);
    assertThat(cve.weakness().checkId()).isEqualTo("nmap:vulners:CVE-2018-15919");
    assertThat(cve.weakness().key()).isEqualTo("CVE-2018-15919");
    // DefectDojo dates the findings 2020-02-17 09:07:25, the run's start; the host's own scan
    // started five seconds later, and that is when Nmap saw the port.
    assertThat(cve.observedAt()).isEqualTo(Instant.parse("2020-02-17T09:07:30Z"));
    assertThat(onlyHost(sink).key(AssetKey.Type.IP).value()).isEqualTo("192.168.0.1");
  }

  @Test
  void exploitEntriesCarryTheCveTheyNameAndTheirOwnId() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nmap/issue4406.xml");
    assertThat(sink.observations).hasSize(67);
    assertThat(sink.where(o -> o.weakness().kind() == WeaknessKind.EXPOSURE_OF_SERVICE)).hasSize(25);
    assertThat(sink.where(o -> o.weakness().kind() == WeaknessKind.VULNERABILITY)).hasSize(42);
    assertThat(defectDojoCount(sink)).isEqualTo(Corpus.findings("nmap/issue4406.xml"));

    // DefectDojo's finding[0]: the first vulners entry, Medium, openssh 7.4.
    Observation msf = sink.where(o -> o.weakness().kind() == WeaknessKind.VULNERABILITY).get(0);
    assertThat(msf.weakness().title()).isEqualTo("MSF:ILITIES/UBUNTU-CVE-2019-6111/");
    assertThat(msf.weakness().checkId()).isEqualTo("nmap:vulners:MSF:ILITIES/UBUNTU-CVE-2019-6111/");
    assertThat(msf.weakness().cves()).containsExactly("CVE-2019-6111");
    assertThat(msf.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(msf.location().component()).isEqualTo("openssh");
    assertThat(msf.location().componentVersion()).isEqualTo("7.4");
    assertThat(msf.location().port()).isEqualTo(22);
    assertThat(msf.evidence()).contains("exploit available").contains("metasploit");

    Observation cve = sink.where(o -> o.weakness().title().equals("CVE-2019-6111")).get(0);
    assertThat(cve.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(cve.weakness().cves()).containsExactly("CVE-2019-6111");
    assertThat(cve.weakness().key()).isEqualTo(msf.weakness().key());

    Observation noCve = sink.where(o -> o.weakness().title().equals("EDB-ID:46516")).get(0);
    assertThat(noCve.weakness().cves()).isEmpty();
    assertThat(noCve.weakness().key()).isEqualTo("nmap:vulners:EDB-ID:46516");

    Observation port9100 = sink.where(o -> o.weakness().kind() == WeaknessKind.EXPOSURE_OF_SERVICE
        && o.location().port() == 9100).get(0);
    assertThat(port9100.severity()).isEqualTo(Severity.INFO);
    assertThat(port9100.asset().name()).isEqualTo("ip-10-250-195-71.eu-west-1.compute.internal");
    assertThat(port9100.asset().key(AssetKey.Type.IP).value()).isEqualTo("10.250.195.71");
  }

  @Test
  void samePortOnTwoHostsIsTwoObservationsWhereDefectDojoMergesThem() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "nmap/issue12411.xml");
    // 80 and 443 open on both hosts; 135/139/445 filtered on amazon.com are not open ports.
    assertThat(sink.observations).hasSize(4);
    assertThat(defectDojoCount(sink)).isEqualTo(Corpus.findings("nmap/issue12411.xml"));
    assertThat(sink.observations).allSatisfy(o -> assertThat(o.severity()).isEqualTo(Severity.INFO));
    assertThat(sink.where(o -> o.location().port() == 80))
        .extracting(o -> o.asset().key(AssetKey.Type.IP).value())
        .containsExactly("172.217.18.238", "54.239.28.85");
    assertThat(sink.covered).hasSize(2);
    assertThat(sink.covered).extracting(AssetRef::name).containsExactly("par10s10-in-f238.1e100.net", "amazon.com");
    assertThat(sink.covered.iterator().next().keys()).contains(AssetKey.of(AssetKey.Type.FQDN, "google.com"));
  }

  @Test
  void hostReportedDownIsNeitherCoveredNorObserved() throws Exception {
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE nmaprun><nmaprun scanner=\"nmap\" start=\"1581930445\">"
        + "<host><status state=\"down\"/><address addr=\"10.0.0.9\" addrtype=\"ipv4\"/></host>"
        + "<host><status state=\"up\"/><address addr=\"10.0.0.8\" addrtype=\"ipv4\"/>"
        + "<address addr=\"00:11:22:33:44:55\" addrtype=\"mac\" vendor=\"Acme\"/>"
        + "<ports><port protocol=\"udp\" portid=\"161\"><state state=\"open|filtered\"/></port>"
        + "<port protocol=\"udp\" portid=\"53\"><state state=\"open\"/><service name=\"domain\"/></port></ports>"
        + "<os><osmatch name=\"Linux 5.X\" accuracy=\"98\"/><osmatch name=\"Linux 4.X\" accuracy=\"90\"/></os>"
        + "</host></nmaprun>";
    RecordingSink sink = new RecordingSink();
    parser.parse(ScanFile.of("down.xml", xml.getBytes(StandardCharsets.UTF_8)), sink);
    AssetRef host = onlyHost(sink);
    assertThat(host.key(AssetKey.Type.IP).value()).isEqualTo("10.0.0.8");
    assertThat(host.key(AssetKey.Type.MAC).value()).isEqualTo("00:11:22:33:44:55");
    assertThat(host.attributes()).containsEntry("os", "Linux 5.X").containsEntry("mac-vendor", "Acme");
    assertThat(sink.observations).singleElement().satisfies(o -> {
      assertThat(o.location().key()).isEqualTo("udp/53");
      // No host start time: the run's start stands in.
      assertThat(o.observedAt()).isEqualTo(Instant.parse("2020-02-17T09:07:25Z"));
    });
  }

  @Test
  void vulnersOutputTextIsReadWhenTheScriptHasNoTables() throws Exception {
    String xml = "<nmaprun start=\"1581930445\"><host><status state=\"up\"/><address addr=\"10.0.0.8\" addrtype=\"ipv4\"/>"
        + "<ports><port protocol=\"tcp\" portid=\"22\"><state state=\"open\"/><service name=\"ssh\"/>"
        + "<script id=\"vulners\" output=\"&#xa;  cpe:/a:openbsd:openssh:7.4: &#xa;    &#x9;CVE-2018-15919&#x9;5.0"
        + "&#x9;https://vulners.com/cve/CVE-2018-15919&#xa;    &#x9;EDB-ID:45233&#x9;7.8&#x9;https://vulners.com/exploitdb/EDB-ID:45233"
        + "&#x9;*EXPLOIT*\"/></port></ports></host></nmaprun>";
    RecordingSink sink = new RecordingSink();
    parser.parse(ScanFile.of("old-vulners.xml", xml.getBytes(StandardCharsets.UTF_8)), sink);
    assertThat(sink.where(o -> o.weakness().kind() == WeaknessKind.VULNERABILITY)).satisfiesExactly(
        cve -> {
          assertThat(cve.weakness().cves()).containsExactly("CVE-2018-15919");
          assertThat(cve.location().component()).isEqualTo("openssh");
          assertThat(cve.severity()).isEqualTo(Severity.MEDIUM);
        },
        edb -> {
          assertThat(edb.weakness().title()).isEqualTo("EDB-ID:45233");
          assertThat(edb.severity()).isEqualTo(Severity.HIGH);
          assertThat(edb.evidence()).contains("exploit available");
        });
  }

  @Test
  void cpeGivesProductAndVersionInBothForms() {
    assertThat(NmapParser.Cpe.productAndVersion("cpe:/a:openbsd:openssh:7.4")).containsExactly("openssh", "7.4");
    assertThat(NmapParser.Cpe.productAndVersion("cpe:2.3:a:apache:http_server:2.4.6:*:*:*:*:*:*:*"))
        .containsExactly("http_server", "2.4.6");
    assertThat(NmapParser.Cpe.productAndVersion("cpe:/o:linux:linux_kernel")).containsExactly("linux_kernel", null);
    assertThat(NmapParser.Cpe.productAndVersion("not a cpe")).containsExactly(null, null);
  }

  @Test
  void everyCorpusFileIsDetectedAsNmap() throws Exception {
    for (var entry : Corpus.entries("nmap")) {
      String path = entry.get("path").asString();
      assertThat(Formats.detect(Corpus.scanFile(path)).format()).as(path).isEqualTo("nmap");
    }
    assertThat(Corpus.entries("nmap")).hasSize(5);
  }

  @Test
  void nmapXmlNamedNessusIsDetectedByContentAndParsed() throws Exception {
    String path = "hostile/wrong_format_nmap_xml.nessus";
    assertThat(Corpus.entry(path).get("expect").asString()).isEqualTo("detect");
    assertThat(Formats.detect(Corpus.scanFile(path)).format()).isEqualTo("nmap");
    RecordingSink sink = RecordingSink.parse(parser, path);
    assertThat(sink.observations).isEmpty();
    assertThat(sink.covered).hasSize(1);
  }

  @Test
  void nessusFileForcedAsNmapIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "nessus/nessus_many_vuln.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nessus_many_vuln.xml")
        .hasMessageContaining("expected root element <nmaprun>");
  }

  @Test
  void jsonFileForcedAsNmapIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "hostile/wrong_format_json.nessus"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("wrong_format_json.nessus");
  }

  @Test
  void truncatedFileIsRefusedWithThePlace() throws Exception {
    byte[] whole = Files.readAllBytes(Corpus.file("nmap/issue4406.xml"));
    byte[] cut = Arrays.copyOf(whole, whole.length / 2);
    assertThatThrownBy(() -> parser.parse(ScanFile.of("cut.xml", cut), new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("cut.xml")
        .hasMessageContaining("line ");
  }

  @Test
  void doctypeDeclaringEntitiesIsRefused() {
    String xml = "<?xml version=\"1.0\"?><!DOCTYPE nmaprun [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
        + "<nmaprun><host><address addr=\"&x;\" addrtype=\"ipv4\"/></host></nmaprun>";
    assertThatThrownBy(() -> parser.parse(ScanFile.of("xxe.xml", xml.getBytes(StandardCharsets.UTF_8)),
        new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("xxe.xml")
        .hasMessageContaining("DOCTYPE");
  }
}
