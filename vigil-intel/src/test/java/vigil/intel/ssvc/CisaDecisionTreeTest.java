package vigil.intel.ssvc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.io.StringReader;
import java.nio.file.Files;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import vigil.intel.feeds.FeedData;

class CisaDecisionTreeTest {
  private static final String PUBLISHED = "ssvc/csv/cisa/cisa_coordinator_2_0_3.csv";
  private static final String HEADER = "row,Exploitation v1.1.0,Automatable v2.0.0,Technical Impact v1.0.0,"
      + "Mission and Well-Being Impact v1.0.0,CISA Levels v1.1.0 (cisa)\n";

  private final CisaDecisionTree tree = CisaDecisionTree.standard();

  @Test
  void everyRowOfThePublishedTableRoundTrips() {
    List<String> lines = FeedData.text(PUBLISHED).lines().skip(1).toList();

    assertThat(lines).hasSize(36);
    for (String line : lines) {
      String[] f = line.split(",");
      Decision expected = Decision.parse(f[5]);
      assertThat(tree.decide(Exploitation.parse(f[1]), Automatable.parse(f[2]), TechnicalImpact.parse(f[3]),
          MissionWellbeing.parse(f[4]))).as(line).isEqualTo(expected);
    }
    assertThat(tree.rules()).hasSize(36);
    assertThat(tree.rules().get(0)).isEqualTo(new CisaDecisionTree.Rule(Exploitation.NONE, Automatable.NO,
        TechnicalImpact.PARTIAL, MissionWellbeing.LOW, Decision.TRACK));
  }

  @Test
  void tableCoversEveryCombinationExactlyOnce() {
    Set<List<Object>> inputs = new HashSet<>();
    for (CisaDecisionTree.Rule r : tree.rules()) {
      assertThat(inputs.add(List.of(r.exploitation(), r.automatable(), r.technicalImpact(), r.missionWellbeing())))
          .as("repeated: %s", r).isTrue();
    }
    int combinations = Exploitation.values().length * Automatable.values().length
        * TechnicalImpact.values().length * MissionWellbeing.values().length;
    assertThat(combinations).isEqualTo(36);
    assertThat(inputs).hasSize(combinations);
    for (Exploitation e : Exploitation.values()) {
      for (Automatable a : Automatable.values()) {
        for (TechnicalImpact t : TechnicalImpact.values()) {
          for (MissionWellbeing m : MissionWellbeing.values()) {
            assertThat(inputs).contains(List.of(e, a, t, m));
          }
        }
      }
    }
  }

  @Test
  void knownDecisionsOfCisasTree() {
    assertThat(tree.decide(Exploitation.ACTIVE, Automatable.YES, TechnicalImpact.TOTAL, MissionWellbeing.HIGH))
        .isEqualTo(Decision.ACT);
    assertThat(tree.decide(Exploitation.NONE, Automatable.NO, TechnicalImpact.PARTIAL, MissionWellbeing.LOW))
        .isEqualTo(Decision.TRACK);
    assertThat(tree.decide(Exploitation.NONE, Automatable.NO, TechnicalImpact.TOTAL, MissionWellbeing.HIGH))
        .isEqualTo(Decision.TRACK_STAR);
    assertThat(tree.decide(Exploitation.PUBLIC_POC, Automatable.YES, TechnicalImpact.TOTAL, MissionWellbeing.HIGH))
        .isEqualTo(Decision.ATTEND);
    assertThat(tree.decide(Exploitation.ACTIVE, Automatable.NO, TechnicalImpact.PARTIAL, MissionWellbeing.LOW))
        .isEqualTo(Decision.TRACK);
  }

  @Test
  void bundledTableIsTheCertccFileUnchangedWithItsLicence() throws Exception {
    try (InputStream table = CisaDecisionTree.class.getResourceAsStream(CisaDecisionTree.RESOURCE);
        InputStream licence = CisaDecisionTree.class.getResourceAsStream("LICENSE-SSVC")) {
      assertThat(table).isNotNull();
      assertThat(table.readAllBytes()).isEqualTo(Files.readAllBytes(FeedData.file(PUBLISHED)));
      assertThat(licence).isNotNull();
      assertThat(new String(licence.readAllBytes())).contains("Copyright 2026 Carnegie Mellon University");
    }
  }

  @Test
  void valuesParseCaseInsensitivelyWithVulnrichmentSpellings() {
    assertThat(Exploitation.parse("poc")).isEqualTo(Exploitation.PUBLIC_POC);
    assertThat(Exploitation.parse("PoC")).isEqualTo(Exploitation.PUBLIC_POC);
    assertThat(Exploitation.parse("Public PoC")).isEqualTo(Exploitation.PUBLIC_POC);
    assertThat(Exploitation.parse("public_poc")).isEqualTo(Exploitation.PUBLIC_POC);
    assertThat(Exploitation.parse(" Active ")).isEqualTo(Exploitation.ACTIVE);
    assertThat(Automatable.parse("Yes")).isEqualTo(Automatable.YES);
    assertThat(TechnicalImpact.parse("TOTAL")).isEqualTo(TechnicalImpact.TOTAL);
    assertThat(MissionWellbeing.parse("Medium")).isEqualTo(MissionWellbeing.MEDIUM);
    assertThat(Decision.parse("Track*")).isEqualTo(Decision.TRACK_STAR);
    assertThat(Decision.TRACK_STAR.label()).isEqualTo("track*");
  }

  @Test
  void unknownValueIsRefusedNamingTheAllowedOnes() {
    assertThatThrownBy(() -> Exploitation.parse("weaponised"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("Exploitation: expected one of none, public poc, active, found 'weaponised'");
    assertThatThrownBy(() -> Automatable.parse(null))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("found 'null'");
  }

  @Test
  void tableWithARepeatedCombinationIsRefused() {
    String text = FeedData.text(PUBLISHED).replace("1,none,no,partial,medium,track", "1,none,no,partial,low,track");

    assertThatThrownBy(() -> CisaDecisionTree.parse("t.csv", new StringReader(text)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("t.csv: line 3: combination given twice");
  }

  @Test
  void tableMissingACombinationIsRefused() {
    String text = HEADER + "0,none,no,partial,low,track\n";

    assertThatThrownBy(() -> CisaDecisionTree.parse("t.csv", new StringReader(text)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected 36 rows, one per combination, found 1");
  }

  @Test
  void tableWithAnUnknownOutcomeIsRefusedWithItsLine() {
    String text = HEADER + "0,none,no,partial,low,panic\n";

    assertThatThrownBy(() -> CisaDecisionTree.parse("t.csv", new StringReader(text)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("t.csv: line 2: CISA Levels: expected one of track, track*, attend, act, found 'panic'");
  }

  @Test
  void tableWithoutAnInputColumnIsRefused() {
    assertThatThrownBy(() -> CisaDecisionTree.parse("t.csv", new StringReader("row,Exploitation v1.1.0\n")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expected a column 'Automatable vX.Y.Z'");
  }
}
