package vigil.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;
import vigil.app.Main;
import vigil.app.TestCorpus;

/** The CLI contract other tools rely on: exit codes, one JSON object per file, error lines. */
class CliTest {
  private static final ObjectMapper JSON = JsonMapper.builder().build();

  @TempDir Path home;

  record Run(int code, String out, String err) {
    List<JsonNode> lines() {
      return out.lines().filter(l -> !l.isBlank()).map(JSON::readTree).toList();
    }
  }

  @BeforeEach
  void useTemporaryHome() {
    System.setProperty("vigil.home", home.toString());
  }

  @AfterEach
  void clearHome() {
    System.clearProperty("vigil.home");
  }

  static Run vigil(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.run(new PrintWriter(out, true), new PrintWriter(err, true), args);
    return new Run(code, out.toString(), err.toString());
  }

  @Test
  void parsePrintsOneJsonObjectPerFile() {
    Run r = vigil("parse", "--json", TestCorpus.file("nessus/nessus_many_vuln.xml").toString(),
        TestCorpus.file("nessus/nessus_was_no_vuln.xml").toString());
    assertThat(r.code()).isZero();
    List<JsonNode> objects = r.lines();
    assertThat(objects).hasSize(2);
    JsonNode first = objects.get(0);
    assertThat(first.get("format").asString()).isEqualTo("nessus");
    assertThat(first.get("observations").asInt()).isEqualTo(7);
    assertThat(first.get("assets").asInt()).isEqualTo(1);
    // Two ReportItems share plugin 11219 (SYN scanner on two ports): 7 observations, 6 weaknesses.
    assertThat(first.get("weaknesses").asInt()).isEqualTo(6);
    assertThat(first.get("severities").get("info").asInt()).isEqualTo(7);
    assertThat(first.get("file").asString()).endsWith("nessus_many_vuln.xml");
    assertThat(objects.get(1).get("observations").asInt()).isZero();
  }

  @Test
  void refusedFileExitsNonZeroWithOneLineNamingFileAndPlace() {
    Run r = vigil("parse", "--json", TestCorpus.file("hostile/truncated_mid_reportitem.nessus").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err().lines()).hasSize(1);
    assertThat(r.err()).contains("truncated_mid_reportitem.nessus").contains("line ");
  }

  @Test
  void forcedWrongFormatIsRefused() {
    Run r = vigil("import", "--format", "nessus", TestCorpus.file("hostile/wrong_format_nmap_xml.nessus").toString());
    assertThat(r.code()).isEqualTo(1);
    assertThat(r.err()).contains("wrong_format_nmap_xml.nessus").contains("NessusClientData_v2");
    assertThat(vigil("imports", "--json").lines().get(0).get("total").asInt()).isZero();
  }

  @Test
  void importThenReimportThenList() {
    String file = TestCorpus.file("nessus/nessus_v_unknown.xml").toString();
    JsonNode first = vigil("import", "--json", file).lines().get(0);
    assertThat(first.get("format").asString()).isEqualTo("nessus");
    assertThat(first.get("observations").asInt()).isEqualTo(296);
    assertThat(first.get("assets").get("new").asInt()).isEqualTo(7);
    assertThat(first.get("assets").get("matched").asInt()).isZero();
    int created = first.get("exposures").get("new").asInt();
    assertThat(created).isPositive();

    JsonNode again = vigil("import", "--json", file).lines().get(0);
    assertThat(again.get("duplicateOf").asLong()).isEqualTo(first.get("importId").asLong());
    assertThat(again.get("exposures").get("new").asInt()).isZero();
    assertThat(again.get("exposures").get("unchanged").asInt()).isEqualTo(created);

    JsonNode assets = vigil("assets", "--json").lines().get(0);
    assertThat(assets.get("total").asInt()).isEqualTo(7);
    assertThat(assets.get("items")).hasSize(7);

    JsonNode exposures = vigil("exposures", "--status", "open", "--limit", "5", "--json").lines().get(0);
    assertThat(exposures.get("total").asInt()).isEqualTo(created);
    assertThat(exposures.get("items")).hasSize(5);
    List<String> order = List.of("critical", "high", "medium", "low", "info");
    int previous = 0;
    for (JsonNode item : exposures.get("items")) {
      int rank = order.indexOf(item.get("severity").asString());
      assertThat(rank).isGreaterThanOrEqualTo(previous);
      previous = rank;
    }
    assertThat(exposures.get("items").get(0).get("severity").asString()).isEqualTo("medium");

    JsonNode fixed = vigil("exposures", "--status", "fixed", "--json").lines().get(0);
    assertThat(fixed.get("total").asInt()).isZero();
  }

  @Test
  void feedsThenRiskSortedExposuresCarryRiskPriorityAndExplanation() {
    vigil("import", TestCorpus.file("cyclonedx/log4j.json").toString());
    Run feed = vigil("feeds", "import", "kev", TestCorpus.data("kev/known_exploited_vulnerabilities.json").toString(), "--json");
    assertThat(feed.code()).as(feed.err()).isZero();
    assertThat(feed.lines().get(0).get("records").asInt()).isEqualTo(1674);
    JsonNode status = vigil("feeds", "status", "--json").lines().get(0);
    assertThat(status.get("items").get(0).get("kind").asString()).isEqualTo("kev");

    JsonNode page = vigil("exposures", "--sort", "risk", "--json", "--limit", "3").lines().get(0);
    JsonNode top = page.get("items").get(0);
    assertThat(top.get("risk").asDouble()).isPositive();
    assertThat(top.get("priority").asString()).isEqualTo("P1");
    assertThat(top.get("explanation").get("factors").toString()).contains("CISA KEV");

    Run refused = vigil("feeds", "import", "kev", TestCorpus.data("epss/epss_scores-2026-01-30.csv.gz").toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("epss_scores-2026-01-30.csv.gz");
  }

  @Test
  void cvssPrintsOneObjectPerVectorAndNamesTheBadMetric() {
    Run r = vigil("cvss", "--json", "CVSS:3.1/AV:N/AC:L/PR:N/UI:N/S:U/C:H/I:H/A:H", "AV:N/AC:L/Au:N/C:P/I:P/A:P",
        "CVSS:4.0/AV:N/AC:L/AT:N/PR:N/UI:N/VC:H/VI:H/VA:H/SC:N/SI:N/SA:N");
    assertThat(r.code()).isZero();
    List<JsonNode> objects = r.lines();
    assertThat(objects).hasSize(3);
    assertThat(objects.get(0).get("score").asDouble()).isEqualTo(9.8);
    assertThat(objects.get(0).get("base").asDouble()).isEqualTo(9.8);
    assertThat(objects.get(1).get("version").asString()).isEqualTo("2.0");
    assertThat(objects.get(1).get("score").asDouble()).isEqualTo(7.5);
    assertThat(objects.get(2).get("version").asString()).isEqualTo("4.0");
    assertThat(objects.get(2).get("score").asDouble()).isEqualTo(9.3);
    assertThat(objects.get(2).has("base")).isFalse();
    Run bad = vigil("cvss", "CVSS:3.1/AV:N/AC:Z/PR:N/UI:N/S:U/C:H/I:H/A:H");
    assertThat(bad.code()).isEqualTo(1);
    assertThat(bad.err()).contains("AC").contains("'Z'");
  }

  @Test
  void scopeApplyListsChangesAndShadowItShrinks(@TempDir Path tmp) throws Exception {
    vigil("import", TestCorpus.file("nessus/nessus_v_unknown.xml").toString(), TestCorpus.file("nmap/issue12411.xml").toString());
    assertThat(vigil("assets", "--shadow", "--json").lines().get(0).get("total").asInt()).isEqualTo(9);

    String scopeFile = java.nio.file.Paths.get("../examples/scope.yaml").toString();
    Run dry = vigil("scope", "apply", "--dry-run", scopeFile);
    assertThat(dry.out()).contains("would create");
    JsonNode applied = vigil("scope", "apply", "--json", scopeFile).lines().get(0);
    assertThat(applied.get("changes").size()).isPositive();
    assertThat(applied.get("shadowIt").asInt()).isEqualTo(2);

    JsonNode shadow = vigil("assets", "--shadow", "--json").lines().get(0);
    assertThat(shadow.get("total").asInt()).isEqualTo(2);
    JsonNode one = shadow.get("items").get(0);
    assertThat(one.get("scopeStatus").asString()).isEqualTo("shadow-it");
    assertThat(one.get("scopeExplanation").asString()).contains("no rule matches");
    assertThat(one.get("seenBy").get(0).asString()).contains("Nmap").contains("issue12411.xml");
    assertThat(one.get("firstSeen").isNull()).isFalse();

    assertThat(vigil("scope", "apply", scopeFile).out()).contains("no change");
    Run export = vigil("scope", "export");
    assertThat(export.out()).contains("qa-applications");

    Path bad = tmp.resolve("bad.yaml");
    java.nio.file.Files.writeString(bad, "version: 1\nservices:\n  - name: x\n    criticality: 7\n");
    Run refused = vigil("scope", "apply", bad.toString());
    assertThat(refused.code()).isEqualTo(1);
    assertThat(refused.err()).contains("bad.yaml:4").contains("criticality");
  }

  @Test
  void unknownStatusIsAUsageError() {
    Run r = vigil("exposures", "--status", "closed");
    assertThat(r.code()).isEqualTo(2);
    assertThat(r.err()).contains("unknown status 'closed'");
  }
}
