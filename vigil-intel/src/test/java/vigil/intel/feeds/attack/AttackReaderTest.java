package vigil.intel.feeds.attack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.intel.feeds.FeedData;
import vigil.intel.feeds.FeedException;
import vigil.intel.feeds.FeedInfo;
import vigil.intel.feeds.FeedKind;

class AttackReaderTest {
  private static final String FILE = "attack/enterprise-attack.json.gz";

  private static final List<AttackTechnique> TECHNIQUES = new ArrayList<>();
  private static final List<AttackRelationship> RELATIONSHIPS = new ArrayList<>();
  private static FeedInfo info;

  private final AttackReader reader = new AttackReader();
  @TempDir Path dir;

  /** The 45 MB bundle is read once for the class. */
  @BeforeAll
  static void readBundle() throws FeedException {
    info = new AttackReader().read(FeedData.file(FILE), TECHNIQUES::add, RELATIONSHIPS::add);
  }

  @Test
  void bundleHas835AttackPatternsOf691AreActive() {
    assertThat(info).isEqualTo(new FeedInfo(FeedKind.ATTACK, null, Instant.parse("2025-11-12T22:03:39.105Z"), 835));
    assertThat(TECHNIQUES).hasSize(835);
    List<AttackTechnique> active = TECHNIQUES.stream().filter(AttackTechnique::active).toList();
    assertThat(active).hasSize(691);
    assertThat(active).filteredOn(AttackTechnique::subtechnique).hasSize(475);
    assertThat(active).filteredOn(t -> !t.subtechnique()).hasSize(216);
    assertThat(TECHNIQUES).filteredOn(AttackTechnique::revoked).hasSize(132);
    assertThat(TECHNIQUES).filteredOn(AttackTechnique::deprecated).hasSize(12);
    assertThat(TECHNIQUES).extracting(AttackTechnique::id).doesNotHaveDuplicates();
  }

  @Test
  void subTechniqueCarriesTacticsPlatformsAndParent() {
    AttackTechnique t = byId("T1055.011");

    assertThat(t.name()).isEqualTo("Extra Window Memory Injection");
    assertThat(t.tactics()).containsExactlyInAnyOrder("defense-evasion", "privilege-escalation");
    assertThat(t.platforms()).containsExactly("Windows");
    assertThat(t.subtechnique()).isTrue();
    assertThat(t.parentId()).isEqualTo("T1055");
    assertThat(t.stixId()).isEqualTo("attack-pattern--0042a9f5-f053-4769-b3ef-9ad018dfa298");
    assertThat(byId("T1055").subtechnique()).isFalse();
  }

  @Test
  void activeSubTechniquesHaveAnActiveParent() {
    Map<String, AttackTechnique> byId = TECHNIQUES.stream().collect(Collectors.toMap(AttackTechnique::id, Function.identity()));

    assertThat(TECHNIQUES).filteredOn(t -> t.active() && t.subtechnique())
        .allSatisfy(t -> assertThat(byId.get(t.parentId())).isNotNull().matches(AttackTechnique::active));
  }

  @Test
  void relationshipsStreamInTheSamePass() {
    Map<String, Long> byType = RELATIONSHIPS.stream()
        .collect(Collectors.groupingBy(AttackRelationship::type, Collectors.counting()));

    assertThat(RELATIONSHIPS).hasSize(20_048);
    assertThat(byType).containsEntry("uses", 17_270L).containsEntry("mitigates", 1_445L)
        .containsEntry("subtechnique-of", 477L).containsEntry("revoked-by", 140L);
    String injection = byId("T1055.011").stixId();
    String parent = byId("T1055").stixId();
    assertThat(RELATIONSHIPS).contains(new AttackRelationship("subtechnique-of", injection, parent));
  }

  @Test
  void capecBundleIsRefusedAsNotAttack() {
    Path capec = FeedData.file("cwe-capec/capec-stix21.json.gz");

    assertThatThrownBy(() -> reader.read(capec, t -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageStartingWith(capec.toString())
        .hasMessageContaining("(at /objects/0/external_references)")
        .hasMessageContaining("expected an ATT&CK technique");
  }

  @Test
  void truncatedBundleIsRefused() {
    String text = FeedData.text(FILE);
    Path cut = FeedData.write(dir, "cut.json", text.substring(0, 200_000));

    assertThatThrownBy(() -> reader.read(cut, t -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("(at /objects/")
        .hasMessageContaining("end-of-input");
  }

  @Test
  void objectOfAnotherTypeAtTheRootIsRefused() {
    Path file = FeedData.write(dir, "x.json", "{\"type\": \"attack-pattern\", \"objects\": []}");

    assertThatThrownBy(() -> reader.read(file, t -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("found type 'attack-pattern'");
  }

  @Test
  void malformedTechniqueIdIsRefused() {
    Path file = FeedData.write(dir, "x.json", """
        {"type": "bundle", "objects": [{"type": "attack-pattern", "id": "attack-pattern--1", "name": "X",
          "external_references": [{"source_name": "mitre-attack", "external_id": "T10x"}]}]}""");

    assertThatThrownBy(() -> reader.read(file, t -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("(at /objects/0/external_references/0/external_id)")
        .hasMessageContaining("found 'T10x'");
  }

  private static AttackTechnique byId(String id) {
    return TECHNIQUES.stream().filter(t -> t.id().equals(id)).findFirst().orElseThrow();
  }
}
