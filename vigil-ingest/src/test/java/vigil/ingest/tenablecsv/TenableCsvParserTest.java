package vigil.ingest.tenablecsv;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import vigil.ingest.Corpus;
import vigil.ingest.ParserContract;
import vigil.ingest.Formats;
import vigil.ingest.ParseException;
import vigil.ingest.RecordingSink;
import vigil.ingest.ScanFile;
import vigil.model.AssetKey;
import vigil.model.Observation;
import vigil.model.Severity;
import vigil.model.WeaknessKind;

/**
 * Tenable CSV against the corpus. Vigil joins the adjacent rows Tenable writes for one plugin's
 * several CVEs (as DefectDojo does) and otherwise keeps one observation per row. DefectDojo also
 * de-duplicates rows on severity + title + Host + Port + Synopsis, which merges rows that are two
 * different findings (two Service Detection outputs on one port) or, where the export has no
 * "Host" column, the same plugin on different hosts; the tests assert that relation per file.
 */
class TenableCsvParserTest {
  private final TenableCsvParser parser = new TenableCsvParser();

  @Test
  void tenableIoRowsOfOnePluginWithSeveralCvesAreOneObservation() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "tenable_csv/tenable_many_vuln.csv");
    // 20 finding rows (and 2 blank ones): mariadb spans 10 rows, microcode_ctl 3.
    assertThat(sink.observations).hasSize(9).hasSize(Corpus.findings("tenable_csv/tenable_many_vuln.csv"));
    Observation first = sink.observations.get(0);
    assertThat(first.weakness().title()).isEqualTo("Amazon Linux 2 : kernel (ALAS-2023-2050)");
    assertThat(first.weakness().checkId()).isEqualTo("tenable_csv:176700");
    assertThat(first.severity()).isEqualTo(Severity.HIGH);
    assertThat(first.toolSeverity()).isEqualTo("High");
    assertThat(first.weakness().cves()).containsExactly("CVE-2023-32233");
    assertThat(first.asset().keys()).contains(
        AssetKey.of(AssetKey.Type.FQDN, "ip-127-0-0-1.us-west-2.compute.internal"),
        AssetKey.of(AssetKey.Type.IP, "127.0.0.1"));
    assertThat(first.asset().attributes()).containsEntry("os", "Linux Kernel 4.14.313-235.533.amzn2.x86_64 on Amazon Linux 2");
    assertThat(first.location().protocol()).isEqualTo("tcp");
    assertThat(first.location().port()).as("port 0 is no port").isNull();
    assertThat(first.cvss().v3Vector()).isEqualTo("CVSS:3.0/AV:L/AC:L/PR:L/UI:N/S:U/C:H/I:H/A:H");
    assertThat(first.cvss().v3Score()).isEqualTo(7.8);
    assertThat(first.observedAt()).isEqualTo(Instant.parse("2023-06-08T01:58:56.166Z"));
    Observation mariadb = sink.observations.get(1);
    assertThat(mariadb.weakness().title()).isEqualTo("Amazon Linux 2 : mariadb (ALAS-2023-2057)");
    assertThat(mariadb.weakness().cves()).hasSize(10).contains("CVE-2021-46666", "CVE-2021-46668");
    assertThat(mariadb.weakness().key()).as("a roll-up is one thing to fix").isEqualTo("tenable_csv:176703");
    assertThat(sink.where(o -> o.weakness().checkId().equals("tenable_csv:176705")).get(0).weakness().cves()).hasSize(3);
    // The second host is written with two different IP addresses in its two rows; kept as written.
    assertThat(sink.covered).hasSize(3);
  }

  @Test
  void nessusProAllColumnsKeepsTwoFindingsOfOnePluginOnOnePort() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "tenable_csv/nessus_many_vuln2-all.csv");
    assertThat(sink.observations).hasSize(30);
    // DefectDojo's 29: its key (severity, title, host, port, synopsis) folds the two Service
    // Detection rows on port 443 ("web server" and "TLSv1 server") into one.
    Set<String> ddKeys = sink.observations.stream()
        .map(o -> o.severity() + "|" + o.weakness().title() + "|" + o.asset().name() + "|" + o.location().port())
        .collect(Collectors.toSet());
    assertThat(ddKeys).hasSize(Corpus.findings("tenable_csv/nessus_many_vuln2-all.csv"));
    assertThat(sink.where(o -> o.weakness().title().equals("Service Detection") && Integer.valueOf(443).equals(o.location().port())))
        .hasSize(2);
    Observation first = sink.observations.get(0);
    assertThat(first.weakness().title()).isEqualTo("HTTP Server Type and Version");
    assertThat(first.severity()).isEqualTo(Severity.INFO);
    assertThat(first.toolSeverity()).isEqualTo("None");
    assertThat(first.weakness().cves()).isEmpty();
    assertThat(first.weakness().kind()).isEqualTo(WeaknessKind.INFORMATIONAL);
    assertThat(first.evidence()).isEqualTo("The remote web server type is :\n\nCowboy");
    Observation weakHash = sink.where(o -> o.weakness().title().equals("SSL Certificate Signed Using Weak Hashing Algorithm (Known CA)")).get(0);
    assertThat(weakHash.severity()).isEqualTo(Severity.INFO);
    assertThat(weakHash.weakness().cves()).containsExactly("CVE-2004-2761");
    Observation tls10 = sink.where(o -> o.weakness().title().equals("TLS Version 1.0 Protocol Detection")).get(0);
    assertThat(tls10.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(tls10.cvss().v3Score()).isEqualTo(6.5);
    assertThat(sink.covered).singleElement()
        .satisfies(a -> assertThat(a.keys()).containsExactly(AssetKey.of(AssetKey.Type.IP, "52.208.101.182")));
  }

  @Test
  void nessusTemplateScoresWithoutTheirDecimalPointAreReadAsTenths() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "tenable_csv/nessus-template.csv");
    assertThat(sink.observations).hasSize(5).hasSize(Corpus.findings("tenable_csv/nessus-template.csv"));
    Observation sweet32 = sink.observations.get(0);
    assertThat(sweet32.weakness().title()).isEqualTo("SSL Medium Strength Cipher Suites Supported (SWEET32)");
    assertThat(sweet32.severity()).isEqualTo(Severity.HIGH);
    assertThat(sweet32.weakness().cves()).containsExactly("CVE-2016-2183");
    assertThat(sweet32.cvss().v3Score()).as("written \"75\"").isEqualTo(7.5);
    assertThat(sweet32.location().port()).isEqualTo(3389);
    Observation trace = sink.observations.get(1);
    assertThat(trace.weakness().title()).isEqualTo("HTTP TRACE / TRACK Methods Allowed");
    assertThat(trace.severity()).isEqualTo(Severity.MEDIUM);
    assertThat(trace.weakness().cves()).containsExactly("CVE-2003-1567");
    assertThat(trace.weakness().cwes()).as("from XREF CWE:16;CWE:200").containsExactly("CWE-16", "CWE-200");
    // The note's EPSS scores (0.3833, 0.8269) are not kept: Vigil takes EPSS from its feed, by CVE.
    assertThat(sink.covered).hasSize(2);
  }

  @Test
  void tenableScExportReadsItsOwnColumnNames() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "tenable_csv/issue_9612.csv");
    assertThat(sink.observations).hasSize(3);
    // DefectDojo's 2: this export names the host "IP Address", not "Host", so DefectDojo's key
    // sees no host and folds the plugin on 2.3.4.5:1433 and 1.2.3.4:1433 together.
    Set<String> ddKeys = sink.observations.stream()
        .map(o -> o.severity() + "|" + o.weakness().title() + "|" + o.location().port())
        .collect(Collectors.toSet());
    assertThat(ddKeys).hasSize(Corpus.findings("tenable_csv/issue_9612.csv"));
    Observation first = sink.observations.get(0);
    assertThat(first.severity()).isEqualTo(Severity.CRITICAL);
    assertThat(first.weakness().checkId()).isEqualTo("tenable_csv:73756");
    assertThat(first.weakness().kind()).isEqualTo(WeaknessKind.UNSUPPORTED_SOFTWARE);
    assertThat(first.asset().keys()).contains(
        AssetKey.of(AssetKey.Type.IP, "2.3.4.5"),
        AssetKey.of(AssetKey.Type.NETBIOS, "ECODARCHDB"),
        AssetKey.of(AssetKey.Type.MAC, "9c:8e:99:1b:8b:dc"));
    assertThat(first.location().port()).isEqualTo(1433);
    assertThat(first.location().protocol()).isEqualTo("tcp");
    assertThat(first.cvss().v3Vector()).isEqualTo("CVSS:3.0/AV:N/AC:L/PR:N/UI:N/S:C/C:H/I:H/A:H");
    assertThat(first.cvss().v2Vector()).isEqualTo("AV:N/AC:L/Au:N/C:C/I:C/A:C");
    assertThat(first.observedAt()).as("Last Observed").isEqualTo(Instant.parse("2024-02-19T21:01:01Z"));
    assertThat(first.evidence()).startsWith("The following unsupported installation");
    assertThat(sink.covered).hasSize(2);
  }

  @Test
  void headerOnlyFileHasNoObservation() throws Exception {
    RecordingSink sink = RecordingSink.parse(parser, "tenable_csv/nessus_was_no_vuln.csv");
    assertThat(sink.observations).hasSize(Corpus.findings("tenable_csv/nessus_was_no_vuln.csv")).isEmpty();
    assertThat(sink.covered).isEmpty();
  }

  @Test
  void tenableIoAssetAndDefinitionColumnsAreMappedByName() throws Exception {
    String csv = "asset.id,asset.host_name,asset.ipv4_addresses,asset.display_fqdn,definition.id,definition.name,"
        + "severity,port,protocol,definition.cve,definition.cvss3.base_score,output,state\n"
        + "0f5e,web1,10.0.0.5,web1.example.com,11213,HTTP TRACE / TRACK Methods Allowed,medium,443,TCP,CVE-2003-1567,5.3,TRACE on,ACTIVE\n"
        + "0f5e,web1,10.0.0.5,web1.example.com,10107,HTTP Server Type and Version,info,80,TCP,,,nginx,FIXED\n";
    RecordingSink sink = new RecordingSink();
    parser.parse(ScanFile.of("io.csv", csv.getBytes(StandardCharsets.UTF_8)), sink);
    assertThat(sink.observations).as("the FIXED row is not an observation").singleElement().satisfies(o -> {
      assertThat(o.weakness().checkId()).isEqualTo("tenable_csv:11213");
      assertThat(o.severity()).isEqualTo(Severity.MEDIUM);
      assertThat(o.weakness().cves()).containsExactly("CVE-2003-1567");
      assertThat(o.location().key()).isEqualTo("tcp/443");
      assertThat(o.asset().keys()).contains(AssetKey.of(AssetKey.Type.AGENT_ID, "0f5e"),
          AssetKey.of(AssetKey.Type.IP, "10.0.0.5"), AssetKey.of(AssetKey.Type.FQDN, "web1.example.com"));
    });
    assertThat(sink.covered).hasSize(1);
  }

  @Test
  void semicolonSeparatedExportIsRead() throws Exception {
    String csv = "\uFEFFPlugin ID;CVE;Risk;Host;Protocol;Port;Name\n"
        + "42873;CVE-2016-2183;High;192.168.0.100;tcp;3389;SSL Medium Strength Cipher Suites Supported (SWEET32)\n";
    ScanFile file = ScanFile.of("semi.csv", csv.getBytes(StandardCharsets.UTF_8));
    assertThat(Formats.detect(file).format()).isEqualTo("tenable_csv");
    RecordingSink sink = new RecordingSink();
    parser.parse(file, sink);
    assertThat(sink.observations).singleElement().satisfies(o -> assertThat(o.location().port()).isEqualTo(3389));
  }

  @Test
  void malformedCsvIsRefusedWithItsLine() {
    String csv = "Plugin ID,CVE,Risk,Host,Protocol,Port,Name\n"
        + "10107,,None,10.0.0.1,tcp,80,HTTP Server Type and Version\n"
        + "10108,,None,10.0.0.1,tcp,80,\"unterminated\n";
    assertThatThrownBy(() -> parser.parse(ScanFile.of("bad.csv", csv.getBytes(StandardCharsets.UTF_8)), new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("bad.csv: line ")
        .hasMessageContaining("invalid CSV");
  }

  @Test
  void unknownSeverityIsRefusedWithItsLine() {
    String csv = "Plugin ID,CVE,Risk,Host,Protocol,Port,Name\n"
        + "10107,,Severe-ish,10.0.0.1,tcp,80,HTTP Server Type and Version\n";
    assertThatThrownBy(() -> parser.parse(ScanFile.of("sev.csv", csv.getBytes(StandardCharsets.UTF_8)), new RecordingSink()))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("sev.csv: line 2")
        .hasMessageContaining("Severe-ish");
  }

  @Test
  void detectedFromTheHeaderRow() throws Exception {
    for (JsonNode e : Corpus.entries("tenable_csv")) {
      String path = e.get("path").asString();
      assertThat(Formats.detect(Corpus.scanFile(path)).format()).as(path).isEqualTo("tenable_csv");
    }
  }

  @Test
  void claimsNoOtherFormatsFile() {
    ParserContract.claimsNoOtherFormatsFile(parser);
  }

  @Test
  void forcedOnNessusXmlIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "nessus/nessus_many_vuln.xml"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("nessus_many_vuln.xml: line 1")
        .hasMessageContaining("not a Tenable CSV export");
  }

  @Test
  void forcedOnJsonIsRefused() {
    assertThatThrownBy(() -> RecordingSink.parse(parser, "cloud/prowler_aws.ocsf.json"))
        .isInstanceOf(ParseException.class)
        .hasMessageContaining("prowler_aws.ocsf.json");
  }
}
