package vigil.engine.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vigil.intel.feeds.attack.AttackTechnique;
import vigil.intel.feeds.capec.CweAttackMap;

/**
 * Names ATT&amp;CK techniques and picks one for an exposure: CWE → CAPEC → ATT&amp;CK through
 * CAPEC's own links when a {@link CweAttackMap} is given, keeping only a technique whose tactics
 * fit the rule (CAPEC links some injection weaknesses to obfuscation techniques, which say nothing
 * of how the step is taken); else the rule's technique for its exposure class.
 */
public final class Techniques {
  private record Entry(String name, List<String> tactics) {}

  private final Map<String, Entry> catalogue;
  private final CweAttackMap cweMap;

  private Techniques(Map<String, Entry> catalogue, CweAttackMap cweMap) {
    this.catalogue = catalogue;
    this.cweMap = cweMap;
  }

  /** The bundled names and tactics ({@code techniques.yaml}), no CWE mapping. */
  public static Techniques defaults() {
    return new Techniques(bundled(), null);
  }

  /**
   * With the CAPEC links and, optionally, the ATT&amp;CK catalogue (names and tactics of every
   * technique; revoked and deprecated ones are left out).
   */
  public static Techniques with(CweAttackMap cweMap, Collection<AttackTechnique> attack) {
    Map<String, Entry> catalogue = bundled();
    if (attack != null) {
      for (AttackTechnique t : attack) {
        if (t.active()) {
          catalogue.put(t.id(), new Entry(t.name(), t.tactics()));
        }
      }
    }
    return new Techniques(catalogue, Objects.requireNonNull(cweMap, "cweMap"));
  }

  /** The technique with its name (or the id itself when unknown). */
  Technique named(String id, String source) {
    Entry e = catalogue.get(id);
    return new Technique(id, e == null ? id : e.name(), source);
  }

  /** The first technique CAPEC links to one of the CWEs with a tactic in {@code tactics}, or {@code null}. */
  Technique fromCwes(List<String> cwes, Set<String> tactics) {
    if (cweMap == null) {
      return null;
    }
    for (String cwe : cwes) {
      for (String capec : cweMap.capecIds(cwe)) {
        for (String id : cweMap.techniqueIds(capec)) {
          Entry e = catalogue.get(id);
          if (e != null && e.tactics().stream().anyMatch(tactics::contains)) {
            return new Technique(id, e.name(), cwe + " → " + capec);
          }
        }
      }
    }
    return null;
  }

  private static Map<String, Entry> bundled() {
    try (InputStream in = Techniques.class.getResourceAsStream("techniques.yaml")) {
      Reader r = new InputStreamReader(Objects.requireNonNull(in, "techniques.yaml"), StandardCharsets.UTF_8);
      YamlTree root = YamlTree.parse("techniques.yaml", r);
      Map<String, Entry> out = new HashMap<>();
      YamlTree techniques = YamlTree.required(root.map(Set.of("techniques")), "techniques", root);
      if (!techniques.isMap()) {
        throw techniques.error("expected id: {name, tactics} entries");
      }
      for (Map.Entry<String, YamlTree> t : techniques.mapAny().entrySet()) {
        Map<String, YamlTree> f = t.getValue().map(Set.of("name", "tactics"));
        List<String> tactics = new java.util.ArrayList<>();
        for (YamlTree tactic : YamlTree.required(f, "tactics", t.getValue()).list()) {
          tactics.add(tactic.text());
        }
        out.put(t.getKey(), new Entry(YamlTree.required(f, "name", t.getValue()).text(), List.copyOf(tactics)));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (DefinitionException e) {
      throw new IllegalStateException("bundled techniques.yaml is invalid: " + e.getMessage(), e);
    }
  }
}
