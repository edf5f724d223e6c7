package vigil.app.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static vigil.app.cli.CliTest.vigil;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import vigil.app.TestCorpus;
import vigil.app.cli.CliTest.Run;

/** fixes, sla, accept, false-positive and acceptances expire from the command line. */
class MobilisationCliTest {
  @TempDir Path home;

  @BeforeEach
  void useTemporaryHome() {
    System.setProperty("vigil.home", home.toString());
  }

  @AfterEach
  void clearHome() {
    System.clearProperty("vigil.home");
  }

  @Test
  void fixGroupsAreListedByRiskRemovedAndAcceptedGroupLeavesTheList() {
    assertThat(vigil("import", TestCorpus.file("trivy/scheme_2_many_vulns.json").toString()).code()).isZero();
    JsonNode fixes = vigil("fixes", "--json").lines().get(0);
    assertThat(fixes.get("total").asInt()).isPositive();
    double previous = Double.MAX_VALUE;
    for (JsonNode g : fixes.get("items")) {
      assertThat(g.get("riskRemoved").asDouble()).isLessThanOrEqualTo(previous);
      previous = g.get("riskRemoved").asDouble();
      assertThat(g.get("owners").get(0).asString()).isEqualTo("unassigned");
      assertThat(g.get("slaDue").asString()).isNotBlank();
    }
    JsonNode top = fixes.get("items").get(0);
    assertThat(top.get("kind").asString()).isEqualTo("UPGRADE");
    assertThat(top.get("title").asString()).startsWith("Upgrade ");
    String until = LocalDate.now(ZoneOffset.UTC).plusDays(30).toString();

    Run same = vigil("accept", "--fix-group", top.get("key").asString(), "--reason", "r", "--requested-by", "bob",
        "--approver", "bob", "--until", until);
    assertThat(same.code()).isEqualTo(1);
    assertThat(same.err()).contains("someone other");

    Run ok = vigil("accept", "--fix-group", top.get("key").asString(), "--reason", "vendor fix next sprint",
        "--requested-by", "alice", "--approver", "bob", "--until", until, "--json");
    assertThat(ok.code()).as(ok.err()).isZero();
    assertThat(ok.lines().get(0).get("accepted").asInt()).isEqualTo(top.get("exposures").asInt());
    assertThat(vigil("fixes", "--json").lines().get(0).get("total").asInt())
        .isEqualTo(fixes.get("total").asInt() - 1);

    JsonNode expired = vigil("acceptances", "expire", "--today", LocalDate.now(ZoneOffset.UTC).plusDays(31).toString(),
        "--json").lines().get(0);
    assertThat(expired.get("reopened")).hasSize(top.get("exposures").asInt());
    assertThat(vigil("fixes", "--json").lines().get(0).get("total").asInt()).isEqualTo(fixes.get("total").asInt());
  }

  @Test
  void slaListsBreachesAndNearBreachesUnderThePolicy() throws Exception {
    vigil("import", TestCorpus.file("trivy/scheme_2_many_vulns.json").toString());
    JsonNode all = vigil("sla", "--json").lines().get(0);
    int active = all.get("total").asInt();
    assertThat(active).isPositive();
    assertThat(vigil("sla", "--breached", "--json").lines().get(0).get("total").asInt()).isZero();
    assertThat(vigil("sla", "--due-within", "181d", "--json").lines().get(0).get("total").asInt()).isEqualTo(active);
    assertThat(vigil("sla", "--due-within", "1h", "--json").lines().get(0).get("total").asInt()).isZero();
    Run bad = vigil("sla", "--breached", "--due-within", "7d");
    assertThat(bad.code()).isNotZero();
  }

  @Test
  void falsePositiveIsKeptAcrossReimport() throws Exception {
    Path scan = TestCorpus.file("trivy/scheme_2_many_vulns.json");
    vigil("import", scan.toString());
    long id = vigil("sla", "--json").lines().get(0).get("items").get(0).get("exposureId").asLong();
    Run fp = vigil("false-positive", String.valueOf(id), "--reason", "package not shipped", "--by", "carol");
    assertThat(fp.code()).as(fp.err()).isZero();
    // The same findings again, as new bytes so that the import runs instead of returning the earlier result.
    Path copy = home.resolve("again.json");
    Files.writeString(copy, Files.readString(scan) + "\n");
    assertThat(vigil("import", copy.toString()).code()).isZero();
    JsonNode fps = vigil("exposures", "--status", "false-positive", "--json").lines().get(0);
    assertThat(fps.get("total").asInt()).isEqualTo(1);
    assertThat(fps.get("items").get(0).get("id").asLong()).isEqualTo(id);
  }

  @Test
  void mobiliseTracksFixGroupsAndMetricsPrintTodaysSnapshot() {
    vigil("import", TestCorpus.file("trivy/scheme_2_many_vulns.json").toString());
    Run pass = vigil("mobilise", "--json");
    assertThat(pass.code()).as(pass.err()).isZero();
    JsonNode r = pass.lines().get(0);
    assertThat(r.get("queued").asInt()).as("no settings file: nothing to send").isZero();
    assertThat(r.get("fixGroupsVerified")).isEmpty();
    assertThat(r.get("ticketsClosedByThem")).isEmpty();
    Run sync = vigil("mobilise", "--sync-tickets", "--json");
    assertThat(sync.code()).as(sync.err()).isZero();
    assertThat(sync.lines().get(0).get("ticketsChecked").asInt()).as("no ticket system configured").isZero();

    Run metrics = vigil("metrics", "--json");
    assertThat(metrics.code()).as(metrics.err()).isZero();
    JsonNode items = metrics.lines().get(0).get("items");
    int open = vigil("sla", "--json").lines().get(0).get("total").asInt();
    boolean found = false;
    for (JsonNode p : items) {
      if (p.get("name").asString().equals("open_exposures") && p.get("dimension").asString().equals("all")) {
        assertThat(p.get("value").asDouble()).isEqualTo(open);
        assertThat(p.get("day").asString()).isEqualTo(LocalDate.now(ZoneOffset.UTC).toString());
        found = true;
      }
    }
    assertThat(found).isTrue();
  }
}
