package vigil.ingest.openvas;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Instant;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
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
 * OpenVAS against the corpus. One observation per result, as DefectDojo counts them too.
 *
 * <p>Severity differs on purpose: DefectDojo keeps the report's threat word, and reports classed by
 * the old "nist" severity class write "High" for every score from 7.0 to 10.0. Vigil rates the
 * numeric severity on the CVSS scale, as current Greenbone does, so 9.0 and above is Critical; the
 * threat word stays in {@code toolSeverity}.
 */
class OpenVasParserTest {
  private final OpenVasParser parser = new OpenVasParser();

  @Test
  void reportWithoutResultsHasNoObservation() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "openvas/no_vuln.xml");
    assertThat(sink.observations).hasSize(Corpus.findings("openvas/no_vuln.xml")).isEmpty();
    // The report lists no host (<hosts><count>0</count>), so none is covered either.
    assertThat(sink.covered).isEmpty();
  }

  @Test
  void oneResultKeepsNvtOidCvesVersionsAndTheCoveredHost() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "openvas/one_vuln.xml");
    assertThat(sink.observations).hasSize(Corpus.findings("openvas/one_vuln.xml")).hasSize(1);
    Observation o = sink.observations.get(0);
    // DefectDojo's title appends host and port ("..._10.0.101.2_general/tcp"); Vigil keeps them in
    // the asset and location.
    assertThat(o.weakness().title()).isEqualTo("Mozilla Firefox Security Update (mfsa_2023-32_2023-36) - Windows");
    assertThat(o.weakness().checkId()).isEqualTo("openvas:1.3.6.1.4.1.25623.1.0.832260");
    assertThat(o.weakness().kind()).isEqualTo(WeaknessKind.VULNERABILITY);
    assertThat(o.weakness().cves()).hasSize(12).contains("CVE-2023-4573", "CVE-2023-4585");
    assertThat(o.asset().key(AssetKey.Type.IP).value()).isEqualTo("10.0.101.2");
    assertThat(o.location().port()).isNull();
    assertThat(o.location().protocol()).isEqualTo("tcp");
    assertThat(o.location().componentVersion()).isEqualTo("116.0.3");
    assertThat(o.location().fixedVersion()).isEqualTo("117");
    // DefectDojo: High (the threat word); the score is 10.0.
    assertThat(o.toolSeverity()).isEqualTo("High");
    assertThat(o.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(o.cvss().v2Score()).isEqualTo(10.0);
    assertThat(o.solution()).startsWith("Upgrade to version 117 or later");
    assertThat(o.description()).startsWith("Mozilla Firefox is prone to multiple vulnerabilities.");
    assertThat(o.evidence()).startsWith("Installed version: 116.0.3");
    assertThat(o.observedAt()).isEqualTo(Instant.parse("2023-10-04T21:40:07.211472Z"));
    assertThat(sink.covered).singleElement()
        .satisfies(a -> assertThat(a.key(AssetKey.Type.IP).value()).isEqualTo("10.0.101.2"));
  }

  @Test
  void greenbone22ResultKeepsCvss3VectorHostNameAndPort() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "openvas/report_detail_v2.xml");
    assertThat(sink.observations).hasSize(Corpus.findings("openvas/report_detail_v2.xml")).hasSize(1);
    Observation o = sink.observations.get(0);
    assertThat(o.weakness().title()).isEqualTo("Microsoft Windows Multiple Vulnerabilities (KB5062557)");
    assertThat(o.weakness().checkId()).isEqualTo("openvas:1.3.6.1.4.1.25623.1.0.836484");
    assertThat(o.weakness().cves()).hasSize(93).contains("CVE-2025-49659", "CVE-2025-49757");
    assertThat(o.cvss().v3Vector()).isEqualTo("CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H");
    assertThat(o.cvss().v3Score()).isEqualTo(9.8);
    // DefectDojo reports High (threat word); 9.8 is Critical on the CVSS scale.
    assertThat(o.toolSeverity()).isEqualTo("High");
    assertThat(o.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(o.asset().name()).isEqualTo("server99");
    assertThat(o.asset().keys()).contains(
        AssetKey.of(AssetKey.Type.IP, "10.99.99.99"), AssetKey.of(AssetKey.Type.HOSTNAME, "server99"));
    assertThat(o.location().port()).isEqualTo(42);
    assertThat(o.location().protocol()).isEqualTo("tcp");
    assertThat(o.location().key()).isEqualTo("tcp/42");
    assertThat(o.solution()).startsWith("The vendor has released updates.");
    assertThat(o.evidence()).contains("File checked:      C:\\Windows\\system32\\Ntoskrnl.exe");
  }

  @Test
  void manyResultsKeepTheInvalidAddressAsWritten() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "openvas/many_vuln.xml");
    assertThat(sink.observations).hasSize(Corpus.findings("openvas/many_vuln.xml")).hasSize(44);
    Observation first = sink.observations.get(0);
    // An address, not a host name, though its last part is out of range.
    assertThat(first.asset().keys()).containsExactly(
        AssetKey.of(AssetKey.Type.IP, "192.168.1.1001"), AssetKey.of(AssetKey.Type.HOSTNAME, "b6b9f466d63"));
    assertThat(first.asset().name()).isEqualTo("b6b9f466d63");
    // The export's indentation is taken out of wrapped NVT texts.
    assertThat(first.description()).contains("rexec (remote\nexecution client for an exec server)");
    assertThat(first.solution()).isEqualTo("Disable the rexec service\nand use alternatives like SSH\ninstead.");
    assertThat(first.location().port()).isEqualTo(512);
    assertThat(first.location().protocol()).isEqualTo("tcp");
    // The result's own <name> is anonymised in this file; the NVT's name is the title.
    assertThat(first.weakness().title()).isEqualTo("The rexec service is running");
    assertThat(first.weakness().cves()).containsExactly("CVE-1999-0618");
    // Every result sits on the one host, with 44 locations as DefectDojo counts them.
    assertThat(sink.observations).allSatisfy(o ->
        assertThat(o.asset().key(AssetKey.Type.IP).value()).isEqualTo("192.168.1.1001"));
    assertThat(sink.covered).singleElement()
        .satisfies(a -> assertThat(a.key(AssetKey.Type.IP).value()).isEqualTo("192.168.1.1001"));

    Map<Severity, Long> bySeverity = sink.observations.stream()
        .collect(Collectors.groupingBy(Observation::severity, Collectors.counting()));
    assertThat(bySeverity).containsExactlyInAnyOrderEntriesOf(Map.of(
        Severity.CRITICAL, 8L, Severity.HIGH, 11L, Severity.MEDIUM, 25L));
    // Two results have an empty threat; their score (4.0) still rates them.
    assertThat(sink.where(o -> "4.0".equals(o.toolSeverity())))
        .hasSize(2).allSatisfy(o -> assertThat(o.severity()).isEqualTo(Severity.MEDIUM));
    assertThat(sink.where(o -> o.location().port() == null)).hasSize(1);
  }

  @Test
  void severityIsRatedOnTheCvssScaleAndNonRiskCodesAreInfo() {
    assertThat(OpenVasParser.rate(10.0, "High")).isEqualTo(Severity.CRITICAL);
    assertThat(OpenVasParser.rate(7.5, "High")).isEqualTo(Severity.HIGH);
    assertThat(OpenVasParser.rate(5.0, "Medium")).isEqualTo(Severity.MEDIUM);
    assertThat(OpenVasParser.rate(2.6, "Low")).isEqualTo(Severity.LOW);
    assertThat(OpenVasParser.rate(0.0, "Log")).isEqualTo(Severity.INFO);
    assertThat(OpenVasParser.rate(-1.0, "False Positive")).isEqualTo(Severity.INFO);
    assertThat(OpenVasParser.rate(-3.0, "Error")).isEqualTo(Severity.INFO);
    assertThat(OpenVasParser.rate(null, "Critical")).isEqualTo(Severity.CRITICAL);
    assertThat(OpenVasParser.rate(null, "Error")).isEqualTo(Severity.INFO);
  }

  @Test
  void hostSummaryDetailsNameTheCoveredHost() throws Exception {
    String xml = "<report format_id=\"a994b278-1f62-11e1-96ac-406186ea4fc5\"><report><gmp><version>22.4</version></gmp>"
        + "<scan_start>2024-01-02T03:04:05Z</scan_start><results>"
        + "<result id=\"r1\"><name>OS Detection Consolidation and Reporting</name>"
        + "<host>10.1.2.3<asset asset_id=\"a\"/><hostname/></host><port>general/tcp</port>"
        + "<nvt oid=\"1.3.6.1.4.1.25623.1.0.105937\"><name>OS Detection Consolidation and Reporting</name>"
        + "<cvss_base>0.0</cvss_base><tags>summary=Reports the OS.|cvss_base_vector=AV:N/AC:L/Au:N/C:N/I:N/A:N</tags></nvt>"
        + "<threat>Log</threat><severity>0.0</severity><description>Best matching OS: Debian</description>"
        + "<detection><result id=\"d\"><details><detail><name>product</name><value>cpe:/o:debian:debian_linux:12</value></detail>"
        + "</details></result></detection></result></results>"
        + "<host><ip>10.1.2.3</ip><detail><name>hostname</name><value>db1.example.org</value></detail>"
        + "<detail><name>MAC</name><value>00-11-22-33-44-55</value></detail>"
        + "<detail><name>best_os_txt</name><value>Debian GNU/Linux 12</value></detail></host>"
        + "<host><ip>10.1.2.4</ip></host></report></report>";
    RecordingSink sink = new RecordingSink();
    parser.parse(ScanFile.of("gvm.xml", xml.getBytes(StandardCharsets.UTF_8)), sink);
    assertThat(sink.observations).singleElement().satisfies(o -> {
      assertThat(o.severity()).isEqualTo(Severity.INFO);
      assertThat(o.toolSeverity()).isEqualTo("Log");
      assertThat(o.weakness().kind()).isEqualTo(WeaknessKind.INFORMATIONAL);
      assertThat(o.asset().keys()).containsExactly(AssetKey.of(AssetKey.Type.IP, "10.1.2.3"));
      assertThat(o.cvss().v2Vector()).isEqualTo("AV:N/AC:L/Au:N/C:N/I:N/A:N");
      assertThat(o.location().component()).isEqualTo("debian_linux");
      assertThat(o.location().componentVersion()).isEqualTo("12");
      // No creation time on the result: the scan's start stands in.
      assertThat(o.observedAt()).isEqualTo(Instant.parse("2024-01-02T03:04:05Z"));
    });
    Map<String, AssetRef> covered = sink.covered.stream()
        .collect(Collectors.toMap(a -> a.key(AssetKey.Type.IP).value(), Function.identity()));
    assertThat(covered).containsOnlyKeys("10.1.2.3", "10.1.2.4");
    AssetRef db = covered.get("10.1.2.3");
    assertThat(db.name()).isEqualTo("db1.example.org");
    assertThat(db.key(AssetKey.Type.MAC).value()).isEqualTo("00:11:22:33:44:55");
    assertThat(db.attributes()).containsEntry("os", "Debian GNU/Linux 12");
  }

  @Test
  void everyCorpusFileIsDetectedAsOpenVas() throws Exception {
    for (var entry : Corpus.entries("openvas")) {
      String path = entry.get("path").asString();
      assertThat(Formats.detect(Corpus.scanFile(path)).format()).as(path).isEqualTo("openvas");
    }
    assertThat(Corpus.entries("openvas")).hasSize(4);
  }

  @Test
  void parameterEntityXxeIsRefusedBeforeAnyFetch() {
    assertThat(Corpus.entry("hostile/xxe_parameter_entity_ssrf.xml").get("expect").asString()).isEqualTo("reject");
    assertThatThrownBy(() -> RecordingSink.parse(parser, "hostile/xxe_parameter_entity_ssrf.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("xxe_parameter_entity_ssrf.xml")
        .hasMessageContaining("DOCTYPE");
  }

  @Test
  void noExternalDtdOrEntityIsFetchedFromAServerThatListens() throws Exception {
    try (ServerSocketChannel server = ServerSocketChannel.open()) {
      server.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      server.configureBlocking(false);
      String url = "http://127.0.0.1:" + server.socket().getLocalPort() + "/evil.dtd";
      // The corpus's hostile file, aimed at a port that answers.
      String hostile = Files.readString(Corpus.file("hostile/xxe_parameter_entity_ssrf.xml"))
          .replace("http://127.0.0.1:9/evil.dtd", url);
      assertThat(hostile).contains(url);
      assertThatThrownBy(() -> parser.parse(ScanFile.of("ssrf.xml", hostile.getBytes(StandardCharsets.UTF_8)),
          new RecordingSink()))
          .isInstanceOf(ParseException.class)
          .hasMessageContaining("DOCTYPE");
      // An external DTD without entities is inert: read past, never loaded.
      String inert = "<?xml version=\"1.0\"?><!DOCTYPE report SYSTEM \"" + url + "\">"
          + "<report><report><gmp/><results/></report></report>";
      RecordingSink sink = new RecordingSink();
      parser.parse(ScanFile.of("inert.xml", inert.getBytes(StandardCharsets.UTF_8)), sink);
      assertThat(sink.observations).isEmpty();
      // Parsing is synchronous, so a fetch would already sit in the accept queue.
      assertThat(server.accept()).isNull();
    }
  }

  @Test
  void nessusFileForcedAsOpenVasIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "nessus/nessus_many_vuln.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nessus_many_vuln.xml")
        .hasMessageContaining("expected root element <report> or <get_reports_response>");
  }

  @Test
  void nmapFileIsNotTakenForOpenVas() throws Exception {
    assertThat(parser.sniff(vigil.ingest.Head.of(Corpus.scanFile("nmap/nmap_multiple_port.xml")))).isFalse();
    assertThatThrownBy(() -> RecordingSink.parse(parser, "nmap/nmap_multiple_port.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nmap_multiple_port.xml");
  }

  @Test
  void resultWithoutNvtIsRefusedWithItsPlace() {
    String xml = "<report><report><gmp/><results><result><host>10.0.0.1</host><port>80/tcp</port>"
        + "<threat>High</threat></result></results></report></report>";
    assertThatThrownBy(() -> parser.parse(ScanFile.of("nonvt.xml", xml.getBytes(StandardCharsets.UTF_8)),
        new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nonvt.xml")
        .hasMessageContaining("(at /report/report/results)")
        .hasMessageContaining("NVT OID");
  }
}
