package vigil.engine.graph;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import vigil.intel.feeds.attack.AttackReader;
import vigil.intel.feeds.attack.AttackTechnique;
import vigil.intel.feeds.capec.CweAttackMap;
import vigil.model.WeaknessKind;

/** ATT&CK techniques per step: CWE → CAPEC → ATT&CK from the real CAPEC and ATT&CK files, else the rule's. */
class TechniquesTest {

  /** The shared data folder: {@code -Dvigil.data}, else {@code shared/data} beside an ancestor. */
  static Path data() {
    String prop = System.getProperty("vigil.data");
    if (prop != null && Files.isDirectory(Paths.get(prop))) {
      return Paths.get(prop);
    }
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolveSibling("shared").resolve("data");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("shared/data not found: set -Dvigil.data");
  }

  private static AttackGraph graphWith(Techniques techniques, List<String> cwes) {
    Facts facts = Environments.dmz()
        .exposure(new ExposureFact("e-creds", "web2", "web2:443", "CVE-2099-0798", WeaknessKind.VULNERABILITY, cwes,
            Environments.LOG4SHELL, null, true, "hard-coded credentials"))
        .build();
    return AttackGraph.build(facts, RuleSet.defaults(), techniques);
  }

  private static PathStep exploitStep(AttackGraph g) {
    return g.blast("access(web2:443)", 10).reached().isEmpty() ? null
        : g.paths("db", 5).stream().flatMap(p -> p.steps().stream())
            .filter(s -> "e-creds".equals(s.fixId())).findFirst().orElseThrow();
  }

  @Test
  void cweLeadsThroughCapecToATechniqueOfAFittingTactic() throws Exception {
    List<AttackTechnique> attack = new ArrayList<>();
    new AttackReader().read(data().resolve("attack/enterprise-attack.json.gz"), attack::add);
    CweAttackMap map = CweAttackMap.load(data().resolve("cwe-capec/capec-cwe-attack-mapping.tsv"));

    PathStep step = exploitStep(graphWith(Techniques.with(map, attack), List.of("CWE-798")));
    assertThat(step.technique().id()).isEqualTo("T1078.001");
    assertThat(step.technique().name()).isEqualTo("Default Accounts");
    assertThat(step.technique().source()).isEqualTo("CWE-798 → CAPEC-70");

    // CAPEC links code injection (CWE-94) only to obfuscation techniques: no fit, the rule's technique stays.
    PathStep injection = exploitStep(graphWith(Techniques.with(map, attack), List.of("CWE-94")));
    assertThat(injection.technique().id()).isEqualTo("T1190");
    assertThat(injection.technique().source()).isEqualTo("rule remote-exploit (internet-facing)");
  }

  @Test
  void withoutCapecTheRulesTechniqueByExposureClassIsUsed() {
    PathStep step = exploitStep(graphWith(Techniques.defaults(), List.of("CWE-798")));
    assertThat(step.technique().id()).isEqualTo("T1190");
    assertThat(step.technique().name()).isEqualTo("Exploit Public-Facing Application");
  }
}
