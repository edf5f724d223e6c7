package vigil.engine.graph;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import vigil.model.WeaknessKind;

/**
 * The attack-graph rules and exposure parameters, read from YAML: the bundled {@code rules.yaml}
 * (its header documents the format) or a file of the user's. Every error names line, column and
 * field; templates are type-checked against the variables of the fact a rule stands on.
 */
public final class RuleSet {
  private static final Set<String> TOP = Set.of("rules", "exposure-probability", "exposure-defaults");
  private static final Set<String> RULE = Set.of("id", "on", "where", "requires", "yields", "probability",
      "default", "factor", "technique", "cwe-technique", "tactics", "why");
  private static final Set<String> PROBABILITY = Set.of("kev", "epss-floor", "epss-scale", "prior");
  private static final Set<String> PRIOR = Set.of("low-complexity", "high-complexity");

  private final List<Rule> rules;
  private final double kev;
  private final double epssFloor;
  private final double epssScale;
  private final double priorLow;
  private final double priorHigh;
  private final Map<WeaknessKind, String> defaultVectors;

  private RuleSet(List<Rule> rules, double[] probability, Map<WeaknessKind, String> defaultVectors) {
    this.rules = List.copyOf(rules);
    this.kev = probability[0];
    this.epssFloor = probability[1];
    this.epssScale = probability[2];
    this.priorLow = probability[3];
    this.priorHigh = probability[4];
    this.defaultVectors = defaultVectors;
  }

  /** The bundled rules. */
  public static RuleSet defaults() {
    try (InputStream in = RuleSet.class.getResourceAsStream("rules.yaml")) {
      return read("rules.yaml", new InputStreamReader(Objects.requireNonNull(in, "rules.yaml"), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (DefinitionException e) {
      throw new IllegalStateException("bundled rules.yaml is invalid: " + e.getMessage(), e);
    }
  }

  public static RuleSet read(String fileName, Reader reader) throws DefinitionException {
    YamlTree root = YamlTree.parse(fileName, reader);
    Map<String, YamlTree> top = root.map(TOP);
    double[] probability = probability(YamlTree.required(top, "exposure-probability", root));
    Map<WeaknessKind, String> defaults = new EnumMap<>(WeaknessKind.class);
    if (top.containsKey("exposure-defaults")) {
      for (Map.Entry<String, YamlTree> e : top.get("exposure-defaults").mapAny().entrySet()) {
        WeaknessKind kind = weaknessKind(e.getKey());
        if (kind == null) {
          throw e.getValue().error("unknown weakness kind '" + e.getKey() + "'");
        }
        String vector = e.getValue().text();
        try {
          ExposureTraits.parseVector(vector);
        } catch (IllegalArgumentException ex) {
          throw e.getValue().error(ex.getMessage());
        }
        defaults.put(kind, vector);
      }
    }
    List<Rule> rules = new ArrayList<>();
    Set<String> ids = new HashSet<>();
    for (YamlTree r : YamlTree.required(top, "rules", root).list()) {
      Rule rule = rule(r, rules.size());
      if (!ids.add(rule.id())) {
        throw r.error("rule '" + rule.id() + "' is declared twice");
      }
      rules.add(rule);
    }
    return new RuleSet(rules, probability, defaults);
  }

  /** The rule ids, in file order. */
  public List<String> ruleIds() {
    return rules.stream().map(Rule::id).toList();
  }

  List<Rule> rules() {
    return rules;
  }

  /** The vector assumed for an exposure of this kind without one, or {@code null}: no part in the graph. */
  String defaultVector(WeaknessKind kind) {
    return defaultVectors.get(kind);
  }

  /** KEV, else 0.05 + 0.95·√EPSS, else the prior by attack complexity. */
  double exposureProbability(boolean inKev, Double epss, boolean lowComplexity) {
    if (inKev) {
      return kev;
    }
    if (epss != null) {
      return Math.min(1, epssFloor + epssScale * Math.sqrt(epss));
    }
    return lowComplexity ? priorLow : priorHigh;
  }

  private static double[] probability(YamlTree t) throws DefinitionException {
    Map<String, YamlTree> f = t.map(PROBABILITY);
    Map<String, YamlTree> prior = YamlTree.required(f, "prior", t).map(PRIOR);
    YamlTree p = YamlTree.required(f, "prior", t);
    return new double[] {
        YamlTree.required(f, "kev", t).number(0.000001, 1),
        YamlTree.required(f, "epss-floor", t).number(0, 1),
        YamlTree.required(f, "epss-scale", t).number(0, 1),
        YamlTree.required(prior, "low-complexity", p).number(0.000001, 1),
        YamlTree.required(prior, "high-complexity", p).number(0.000001, 1)};
  }

  private static Rule rule(YamlTree t, int index) throws DefinitionException {
    Map<String, YamlTree> f = t.map(RULE);
    String id = YamlTree.required(f, "id", t).text();
    YamlTree onField = YamlTree.required(f, "on", t);
    FactType on = FactType.of(onField.text());
    if (on == null) {
      List<String> words = java.util.Arrays.stream(FactType.values()).map(FactType::word).toList();
      throw onField.error("unknown fact '" + onField.text() + "' (expected one of " + String.join(", ", words) + ")");
    }
    boolean[][] allowed = new boolean[on.filters().size()][];
    if (f.containsKey("where")) {
      for (Map.Entry<String, YamlTree> w : f.get("where").map(on.filters().keySet()).entrySet()) {
        List<String> vocabulary = on.filters().get(w.getKey());
        boolean[] a = new boolean[vocabulary.size()];
        for (YamlTree v : w.getValue().listOrOne()) {
          int code = indexOf(vocabulary, v.text());
          if (code < 0) {
            throw v.error("unknown value '" + v.text() + "' (expected one of " + String.join(", ", vocabulary) + ")");
          }
          a[code] = true;
        }
        allowed[on.filterIndex(w.getKey())] = a;
      }
    }
    List<Template> requires = new ArrayList<>();
    for (YamlTree r : YamlTree.required(f, "requires", t).listOrOne()) {
      requires.add(Template.parse(r, on));
    }
    if (requires.isEmpty()) {
      throw t.error("rule '" + id + "' requires nothing: every rule needs at least one attacker state");
    }
    Template yields = Template.parse(YamlTree.required(f, "yields", t), on);
    YamlTree p = YamlTree.required(f, "probability", t);
    String kind;
    double value;
    if (p.text().equals("exposure") || p.text().equals("entry")) {
      kind = p.text();
      if (kind.equals("exposure") && on != FactType.EXPOSURE || kind.equals("entry") && on != FactType.ENTRY_POINT) {
        throw p.error("probability '" + kind + "' needs a rule on " + (kind.equals("exposure") ? "exposure" : "entry-point"));
      }
      value = f.containsKey("default") ? f.get("default").number(0.000001, 1) : 1.0;
    } else {
      kind = "constant";
      value = p.number(0.000001, 1);
    }
    double factor = f.containsKey("factor") ? f.get("factor").number(0.000001, 1) : 1.0;
    String technique = null;
    String internetTechnique = null;
    if (f.containsKey("technique")) {
      YamlTree tech = f.get("technique");
      if (tech.isScalar()) {
        technique = tech.text();
      } else {
        Map<String, YamlTree> m = tech.map(Set.of("internet-facing", "default"));
        technique = YamlTree.required(m, "default", tech).text();
        internetTechnique = m.containsKey("internet-facing") ? m.get("internet-facing").text() : null;
      }
    }
    boolean cwe = f.containsKey("cwe-technique") && f.get("cwe-technique").bool();
    Set<String> tactics = new LinkedHashSet<>();
    if (f.containsKey("tactics")) {
      for (YamlTree tactic : f.get("tactics").listOrOne()) {
        tactics.add(tactic.text());
      }
    }
    if (cwe && (on != FactType.EXPOSURE || tactics.isEmpty())) {
      throw f.get("cwe-technique").error("cwe-technique needs a rule on exposure with tactics");
    }
    String why = f.containsKey("why") ? f.get("why").text() : id;
    return new Rule(index, id, on, allowed, List.copyOf(requires), yields, kind, value, factor, technique,
        internetTechnique, cwe, Set.copyOf(tactics), why);
  }

  private static int indexOf(List<String> vocabulary, String value) {
    for (int i = 0; i < vocabulary.size(); i++) {
      if (vocabulary.get(i).equalsIgnoreCase(value)) {
        return i;
      }
    }
    return -1;
  }

  private static WeaknessKind weaknessKind(String label) {
    for (WeaknessKind k : WeaknessKind.values()) {
      if (k.label().equals(label.toLowerCase(Locale.ROOT))) {
        return k;
      }
    }
    return null;
  }
}
