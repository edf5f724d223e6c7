package vigil.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import vigil.ingest.ScanFile;
import vigil.ingest.sharphound.SharpHoundReader;

/** The SharpHound corpus (TESTLAB.LOCAL computers and domain) read straight into the graph's facts. */
class SharpHoundGraphTest {
  private static final String DOMAIN = "S-1-5-21-3130019616-2776909439-2417379446";
  private static final String DCSYNC_USER = DOMAIN + "-2122";
  private static final String WIN10_ADMIN_USER = DOMAIN + "-1105";

  /** The scanner-output corpus: {@code -Dvigil.corpus}, else {@code shared/corpus} beside an ancestor. */
  private static ScanFile corpusFile(String relative) {
    String prop = System.getProperty("vigil.corpus");
    Path root = prop != null && Files.isDirectory(Paths.get(prop)) ? Paths.get(prop) : null;
    for (Path dir = Paths.get("").toAbsolutePath(); root == null && dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("corpus");
      root = Files.isDirectory(candidate) ? candidate : null;
    }
    if (root == null) {
      throw new IllegalStateException("corpus not found: set -Dvigil.corpus");
    }
    return ScanFile.of(root.resolve(relative));
  }

  private static Facts.Builder corpus(List<EntryPoint> entries) throws Exception {
    Facts.Builder b = Facts.builder();
    SharpHoundReader reader = new SharpHoundReader();
    reader.read(corpusFile("sharphound/v6_computers.json"), b);
    reader.read(corpusFile("sharphound/v6_domains.json"), b);
    return b.topology(new Topology(List.of(), List.of(), entries, List.of(DOMAIN)));
  }

  @Test
  void userWithBothReplicationRightsDcSyncsTheDomain() throws Exception {
    AttackGraph g = AttackGraph.build(corpus(List.of(EntryPoint.phishedUser("phish", null, DCSYNC_USER))).build());

    AttackPath p = g.paths(DOMAIN, 1).get(0);
    assertThat(p.steps()).extracting(PathStep::rule)
        .containsExactly("phished-user-identity", "replication-right", "dcsync");
    assertThat(p.steps().get(2).technique().id()).isEqualTo("T1003.006");
    assertThat(g.stats().principals()).isGreaterThan(4);
  }

  @Test
  void localAdminOfWin10DumpsTheSessionsThere() throws Exception {
    AttackGraph g = AttackGraph.build(corpus(List.of(EntryPoint.phishedUser("phish", null, WIN10_ADMIN_USER))).build());

    BlastRadius b = g.blast("controls(" + WIN10_ADMIN_USER + ")", 1000);
    assertThat(b.reached()).extracting(StateRef::label).contains(
        "code execution as admin on WIN10.TESTLAB.LOCAL",
        "code execution as admin on UCCOMP.TESTLAB.LOCAL"); // GenericAll on the computer object
    assertThat(b.reached()).extracting(StateRef::id).contains(
        "owns(logon:" + DOMAIN + "-500)", "owns(logon:" + DOMAIN + "-1107)", "owns(logon:" + DOMAIN + "-1108)",
        "controls(" + DOMAIN + "-500)");
  }
}
