package vigil.intel.feeds.capec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import vigil.intel.feeds.FeedData;
import vigil.intel.feeds.FeedException;
import vigil.intel.feeds.FeedInfo;
import vigil.intel.feeds.FeedKind;
import vigil.intel.feeds.attack.AttackReader;

class CapecReaderTest {
  private static final String BUNDLE = "cwe-capec/capec-stix21.json.gz";
  private static final String TABLE = "cwe-capec/capec-cwe-attack-mapping.tsv";

  private final CapecReader reader = new CapecReader();
  @TempDir Path dir;

  private List<CapecPattern> read(String relative) throws FeedException {
    List<CapecPattern> out = new ArrayList<>();
    reader.read(FeedData.file(relative), out::add);
    return out;
  }

  @Test
  void bundleHas615PatternsWithCweAndAttackLinks() throws Exception {
    List<CapecPattern> patterns = new ArrayList<>();
    FeedInfo info = reader.read(FeedData.file(BUNDLE), patterns::add);

    assertThat(info).isEqualTo(new FeedInfo(FeedKind.CAPEC, "3.9", Instant.parse("2023-01-30T20:40:28.791901Z"), 615));
    assertThat(patterns).extracting(CapecPattern::capecId).doesNotHaveDuplicates();
    assertThat(patterns).filteredOn(p -> !p.cweIds().isEmpty()).hasSize(450);
    assertThat(patterns).filteredOn(p -> !p.attackTechniqueIds().isEmpty()).hasSize(177);
    // The README's 1,214 and 272 pairs count two CWE links and one technique link that CAPEC repeats.
    assertThat(patterns.stream().mapToInt(p -> p.cweIds().size()).sum()).isEqualTo(1_212);
    assertThat(patterns.stream().mapToInt(p -> p.attackTechniqueIds().size()).sum()).isEqualTo(271);
    Map<String, Long> byStatus = patterns.stream().collect(Collectors.groupingBy(CapecPattern::status, Collectors.counting()));
    assertThat(byStatus).containsExactlyInAnyOrderEntriesOf(
        Map.of("Draft", 402L, "Stable", 154L, "Deprecated", 56L, "Usable", 2L, "Obsolete", 1L));
    assertThat(patterns).filteredOn(CapecPattern::active).hasSize(558);
  }

  @Test
  void patternCarriesItsLinksAndRatings() throws Exception {
    CapecPattern acl = read(BUNDLE).stream().filter(p -> p.capecId().equals("CAPEC-1")).findFirst().orElseThrow();

    assertThat(acl.name()).isEqualTo("Accessing Functionality Not Properly Constrained by ACLs");
    assertThat(acl.cweIds()).hasSize(16).startsWith("CWE-276", "CWE-285").endsWith("CWE-1327");
    assertThat(acl.attackTechniqueIds()).containsExactly("T1574.010");
    assertThat(acl.abstraction()).isEqualTo("Standard");
    assertThat(acl.likelihood()).isEqualTo("High");
    assertThat(acl.typicalSeverity()).isEqualTo("High");
    assertThat(acl.stixId()).isEqualTo("attack-pattern--92cdcd3d-d734-4442-afc3-4599f261498b");
  }

  @Test
  void mappingTableAgreesWithTheBundlePatternByPattern() throws Exception {
    List<CapecPattern> table = new ArrayList<>();
    FeedInfo info = reader.read(FeedData.file(TABLE), table::add);
    Map<String, CapecPattern> bundle = read(BUNDLE).stream().collect(Collectors.toMap(CapecPattern::capecId, p -> p));

    assertThat(info).isEqualTo(new FeedInfo(FeedKind.CAPEC, null, null, 615));
    assertThat(table).allSatisfy(p -> assertThat(p).isEqualTo(bundle.get(p.capecId())));
  }

  @Test
  void cweLeadsToCapecAndOnToAttack() throws Exception {
    CweAttackMap map = CweAttackMap.load(FeedData.file(TABLE));

    assertThat(map.capecIds("CWE-79")).containsExactly(
        "CAPEC-63", "CAPEC-85", "CAPEC-209", "CAPEC-588", "CAPEC-591", "CAPEC-592");
    assertThat(map.techniqueIdsForCwe("CWE-79")).as("CAPEC links no XSS pattern to ATT&CK").isEmpty();
    assertThat(map.capecIds("276")).containsExactly("CAPEC-1", "CAPEC-81", "CAPEC-127");
    assertThat(map.techniqueIdsForCwe("cwe-276")).containsExactly("T1574.010", "T1083");
    assertThat(map.techniqueIds("CAPEC-1")).containsExactly("T1574.010");
    assertThat(map.techniqueIds("1")).containsExactly("T1574.010");
    assertThat(map.capecIds("CWE-285")).as("obsolete CAPEC-5 is left out").doesNotContain("CAPEC-5").contains("CAPEC-1");
    assertThat(map.capecIds("CWE-99999")).isEmpty();
    assertThat(map.cwes()).hasSize(336);
  }

  @Test
  void mapFromTheBundleEqualsMapFromTheTable() throws Exception {
    CweAttackMap fromTable = CweAttackMap.load(FeedData.file(TABLE));
    CweAttackMap fromBundle = CweAttackMap.load(FeedData.file(BUNDLE));

    assertThat(fromBundle.cwes()).isEqualTo(fromTable.cwes());
    for (String cwe : fromTable.cwes()) {
      assertThat(fromBundle.capecIds(cwe)).as(cwe).isEqualTo(fromTable.capecIds(cwe));
      assertThat(fromBundle.techniqueIdsForCwe(cwe)).as(cwe).isEqualTo(fromTable.techniqueIdsForCwe(cwe));
    }
  }

  @Test
  void capecTechniqueIdsResolveInAttackExceptOneMobileTechnique() throws Exception {
    List<String> attackIds = new ArrayList<>();
    new AttackReader().read(FeedData.file("attack/enterprise-attack.json.gz"), t -> attackIds.add(t.id()));
    List<String> capecIds = read(TABLE).stream().flatMap(p -> p.attackTechniqueIds().stream()).distinct().toList();

    assertThat(capecIds).hasSize(189);
    // T1513 (Screen Capture) is an ATT&CK Mobile technique, not in the Enterprise bundle.
    assertThat(capecIds).filteredOn(id -> !attackIds.contains(id)).containsExactly("T1513");
  }

  @Test
  void attackBundleIsRefusedAsNotCapec() {
    Path attack = FeedData.file("attack/enterprise-attack.json.gz");

    assertThatThrownBy(() -> reader.read(attack, p -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("(at /objects/0/external_references)")
        .hasMessageContaining("expected a CAPEC attack pattern");
  }

  @Test
  void badCweInTheTableIsRefusedWithLineAndColumn() {
    List<String> lines = FeedData.text(TABLE).lines().toList();
    String text = lines.get(0) + "\n" + lines.get(1) + "\n" + lines.get(2).replace("CWE-645", "CWE-six") + "\n";
    Path file = FeedData.write(dir, "capec.tsv", text);

    assertThatThrownBy(() -> reader.read(file, p -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("line 3, column cweIds")
        .hasMessageContaining("found 'CWE-six'");
  }

  @Test
  void truncatedBundleIsRefused() {
    String text = FeedData.text(BUNDLE);
    Path cut = FeedData.write(dir, "cut.json", text.substring(0, text.length() - 5_000));

    assertThatThrownBy(() -> reader.read(cut, p -> { }))
        .isInstanceOf(FeedException.class)
        .hasMessageContaining("end-of-input");
  }

  @Test
  void revokedDeprecatedAndObsoletePatternsAreLeftOutOfTheMap() {
    CapecPattern stable = pattern("CAPEC-10", "Stable", false);
    CweAttackMap map = CweAttackMap.of(List.of(stable, pattern("CAPEC-2", "Deprecated", false),
        pattern("CAPEC-3", "Obsolete", false), pattern("CAPEC-4", "Draft", true), pattern("CAPEC-9", "Draft", false)));

    assertThat(map.capecIds("CWE-79")).containsExactly("CAPEC-9", "CAPEC-10");
    assertThat(map.techniqueIdsForCwe("CWE-79")).containsExactly("T1059");
    assertThat(map.techniqueIds("CAPEC-2")).isEmpty();
  }

  private static CapecPattern pattern(String id, String status, boolean revoked) {
    return new CapecPattern(id, "p", status, revoked, null, null, null, List.of("CWE-79"), List.of("T1059"), null);
  }
}
