package vigil.ingest.cmdb;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.ingest.Formats;
import vigil.ingest.ParseException;
import vigil.ingest.RecordingSink;
import vigil.ingest.ScanFile;
import vigil.model.AssetKey;
import vigil.model.AssetRef;

/** ServiceNow-style CMDB exports (written for this test, with cmdb_ci_server's column names). */
class CmdbParserTest {
  private final CmdbParser parser = new CmdbParser();

  private static ScanFile resource(String name) {
    return ScanFile.of(Paths.get("src/test/resources/cmdb", name));
  }

  private static RecordingSink parse(ScanFile f) throws Exception {
    RecordingSink sink = new RecordingSink();
    new CmdbParser().parse(f, sink);
    return sink;
  }

  @Test
  void csvRowsBecomeCoveredAssetsWithDeclaredFacts() throws Exception {
    RecordingSink sink = parse(resource("cmdb_ci_server.csv"));
    assertThat(sink.observations).isEmpty();
    assertThat(sink.covered).hasSize(3);
    AssetRef payroll = sink.covered.stream().filter(a -> a.name().startsWith("payroll01")).findFirst().orElseThrow();
    assertThat(payroll.keys()).contains(AssetKey.of(AssetKey.Type.IP, "10.40.1.15"),
        AssetKey.of(AssetKey.Type.FQDN, "payroll01.corp.example.com"));
    assertThat(payroll.attributes()).containsEntry("cmdb.owner", "HR Systems")
        .containsEntry("cmdb.environment", "Production").containsEntry("cmdb.criticality", "5")
        .containsEntry("cmdb.service", "payroll").containsEntry("tag:env", "production").containsEntry("tag:pci", "true")
        .containsEntry("cmdb.id", "27d32778c0a8000b00db970eeaa60f16");
    AssetRef qa = sink.covered.stream().filter(a -> a.name().equals("qa3app01")).findFirst().orElseThrow();
    assertThat(qa.keys()).contains(AssetKey.of(AssetKey.Type.MAC, "00:50:56:81:01:b8"));
    assertThat(qa.attributes()).containsEntry("cmdb.criticality", "4");
  }

  @Test
  void jsonExportWithReferenceObjectsAndBlankRows() throws Exception {
    RecordingSink sink = parse(resource("cmdb.json"));
    assertThat(sink.covered).singleElement().satisfies(a -> {
      assertThat(a.attributes()).containsEntry("cmdb.owner", "HR Systems").containsEntry("cmdb.criticality", "5");
    });
  }

  @Test
  void columnMappingIsConfigurable(@TempDir Path tmp) throws Exception {
    Path csv = tmp.resolve("assets.csv");
    Files.writeString(csv, "Hostname,Address,Env,Tier\nweb7,10.0.0.7,staging,high\n");
    Path mapping = tmp.resolve("mapping.properties");
    Files.writeString(mapping, "name=hostname\nip=address\nenvironment=env\ncriticality=tier\n");
    RecordingSink sink = parse(ScanFile.of(csv).withOption(CmdbParser.MAPPING_OPTION, mapping.toString()));
    assertThat(sink.covered).singleElement().satisfies(a -> {
      assertThat(a.keys()).contains(AssetKey.of(AssetKey.Type.IP, "10.0.0.7"));
      assertThat(a.attributes()).containsEntry("cmdb.environment", "staging").containsEntry("cmdb.criticality", "4");
    });
    Files.writeString(mapping, "hostnme=hostname\n");
    assertThatThrownBy(() -> parse(ScanFile.of(csv).withOption(CmdbParser.MAPPING_OPTION, mapping.toString())))
        .isInstanceOf(ParseException.class).hasMessageContaining("hostnme");
  }

  @Test
  void badRowsAreRefusedWithTheLine(@TempDir Path tmp) throws Exception {
    Path csv = tmp.resolve("bad.csv");
    Files.writeString(csv, "name,ip_address,business_criticality\nok,10.0.0.1,3\nbad,10.0.0.2,urgent-ish\n");
    assertThatThrownBy(() -> parse(ScanFile.of(csv))).isInstanceOf(ParseException.class)
        .hasMessageContaining("bad.csv").hasMessageContaining("line 3").hasMessageContaining("urgent-ish");
    Path other = tmp.resolve("scan.csv");
    Files.writeString(other, "Plugin ID,Risk,Name\n1,High,x\n");
    assertThatThrownBy(() -> parse(ScanFile.of(other))).hasMessageContaining("not a CMDB export");
  }

  @Test
  void neverDetectedOnlyNamed() throws Exception {
    assertThatThrownBy(() -> Formats.detect(resource("cmdb_ci_server.csv"))).isInstanceOf(ParseException.class);
    assertThat(Formats.byName("cmdb")).isInstanceOf(CmdbParser.class);
  }
}
