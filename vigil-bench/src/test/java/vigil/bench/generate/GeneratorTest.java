package vigil.bench.generate;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import vigil.ingest.ParseSummary;
import vigil.ingest.ScanFile;
import vigil.ingest.nessus.NessusParser;
import vigil.model.Observation;
import vigil.model.ObservationSink;
import vigil.model.AssetRef;
import vigil.model.Severity;

class GeneratorTest {

  @Test
  void generatedNessusParsesIntoHostsTimesFindingsObservations() throws Exception {
    byte[] report = nessus(NessusSpec.of(7, 6, 40));

    ParseSummary summary = new ParseSummary();
    new NessusParser().parse(ScanFile.of("gen.nessus", report), summary);

    assertThat(summary.observations()).isEqualTo(240);
    assertThat(summary.assets()).isEqualTo(6);
    Map<Severity, Long> severities = summary.severities();
    assertThat(severities.get(Severity.INFO)).isGreaterThan(severities.getOrDefault(Severity.CRITICAL, 0L));
  }

  @Test
  void sameSeedGivesSameBytesAndAnotherScanTimeTheSameFindings() throws Exception {
    NessusSpec spec = NessusSpec.of(3, 3, 25);
    byte[] first = nessus(spec);
    byte[] again = nessus(spec);
    byte[] rescan = nessus(spec.withScanStart(Instant.parse("2024-06-03T01:00:00Z")));

    assertThat(again).isEqualTo(first);
    assertThat(rescan).isNotEqualTo(first);
    assertThat(findings(rescan)).isEqualTo(findings(first));
  }

  @Test
  void splittingHostsAcrossFilesKeepsEachHostIdentical() throws Exception {
    String whole = new String(nessus(NessusSpec.of(5, 4, 10)), StandardCharsets.UTF_8);
    String tail = new String(nessus(NessusSpec.of(5, 2, 10).withFirstHost(2)), StandardCharsets.UTF_8);

    String lastHosts = whole.substring(whole.indexOf("<ReportHost name=\"10.0.0.3\""), whole.lastIndexOf("</Report>"));
    assertThat(tail).contains(lastHosts);
  }

  @Test
  void targetSizeModeStopsOnceTheSizeIsReached() throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    Written w = new NessusReport(NessusSpec.ofSize(1, 1_000_000, 50)).write(out);

    assertThat(w.bytes()).isEqualTo(out.size()).isGreaterThanOrEqualTo(1_000_000);
    assertThat(w.findings()).isEqualTo(w.assets() * 50L);
  }

  @Test
  void trivyReportsHaveSchemaVersion2AndTheRequestedVulnerabilities(@TempDir Path dir) throws IOException {
    Written w = new TrivyReport(TrivySpec.of(1, 3, 120)).writeAll(dir);

    assertThat(w.findings()).isEqualTo(360);
    List<Path> files;
    try (var list = Files.list(dir)) {
      files = list.sorted().toList();
    }
    assertThat(files).hasSize(3);
    JsonNode root = JsonMapper.builder().build().readTree(files.get(0).toFile());
    assertThat(root.get("SchemaVersion").asInt()).isEqualTo(2);
    int vulns = 0;
    for (JsonNode result : root.get("Results")) {
      JsonNode list = result.get("Vulnerabilities");
      if (list != null) {
        for (JsonNode v : list) {
          assertThat(v.get("VulnerabilityID").asString()).isNotBlank();
          assertThat(v.get("PkgName").asString()).isNotBlank();
          assertThat(v.get("InstalledVersion").asString()).isNotBlank();
          assertThat(v.get("Severity").asString()).isIn("UNKNOWN", "LOW", "MEDIUM", "HIGH", "CRITICAL");
          vulns++;
        }
      }
    }
    assertThat(vulns).isEqualTo(120);
  }

  private static byte[] nessus(NessusSpec spec) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new NessusReport(spec).write(out);
    return out.toByteArray();
  }

  /** Every finding's host, check, location and severity, in file order. */
  private static List<String> findings(byte[] report) throws Exception {
    List<String> out = new ArrayList<>();
    new NessusParser().parse(ScanFile.of("x.nessus", report), new ObservationSink() {
      @Override
      public void covered(AssetRef asset) {}

      @Override
      public void observation(Observation o) {
        out.add(o.asset().name() + " " + o.weakness().checkId() + " " + o.location() + " " + o.severity());
      }
    });
    return out;
  }
}
