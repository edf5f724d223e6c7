package vigil.engine.graph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import vigil.model.WeaknessKind;
import vigil.model.identity.IdentityRelation;
import vigil.model.identity.PrincipalKind;

/**
 * The facts a rule can stand on, with the variables each offers to templates and the attributes
 * each offers to filters (with their vocabularies). The joins that produce them are code
 * ({@code GraphBuilder}); which rules use them, with which pre- and post-conditions, is data.
 */
enum FactType {
  ENTRY_POINT("entry-point", vars("entry", ArgType.ENTRY, "zone", ArgType.ZONE, "host", ArgType.HOST,
      "principal", ArgType.PRINCIPAL), filterMap("kind", labels(EntryKind.values()))),
  HOST("host", vars("host", ArgType.HOST, "zone", ArgType.ZONE), filterMap("zoned", Vocabulary.BOOLEAN)),
  ZONE_PORT("zone-port", vars("zone", ArgType.ZONE, "port", ArgType.PORT, "from", ArgType.ZONE, "flow", ArgType.FLOW),
      filterMap()),
  SERVICE("service", vars("service", ArgType.SERVICE, "host", ArgType.HOST, "zone", ArgType.ZONE, "port", ArgType.PORT),
      filterMap("internet-facing", Vocabulary.BOOLEAN)),
  INTERNET_SERVICE("internet-service", vars("service", ArgType.SERVICE, "host", ArgType.HOST, "from", ArgType.ZONE),
      filterMap()),
  EXPOSURE("exposure", vars("exposure", ArgType.EXPOSURE, "service", ArgType.SERVICE, "host", ArgType.HOST,
      "zone", ArgType.ZONE, "privilege", ArgType.PRIVILEGE),
      filterMap("av", List.of("N", "A", "L", "P"), "ac", List.of("L", "H"), "pr", List.of("N", "L", "H"),
          "ui", List.of("N", "R"), "impact", List.of("full", "partial", "none"), "kind", labels(WeaknessKind.values()),
          "on-service", Vocabulary.BOOLEAN)),
  IDENTITY_EDGE("identity-edge", vars("source", ArgType.PRINCIPAL, "target", ArgType.PRINCIPAL,
      "source-host", ArgType.HOST, "target-host", ArgType.HOST, "target-logon", ArgType.CREDENTIAL,
      "domain", ArgType.PRINCIPAL),
      filterMap("relation", Arrays.stream(IdentityRelation.values()).map(IdentityRelation::bloodHoundName).toList(),
          "source-kind", labels(PrincipalKind.values()), "target-kind", labels(PrincipalKind.values()))),
  PRINCIPAL("principal", vars("principal", ArgType.PRINCIPAL, "host", ArgType.HOST, "domain", ArgType.PRINCIPAL,
      "logon", ArgType.CREDENTIAL),
      filterMap("kind", labels(PrincipalKind.values()), "dc", Vocabulary.BOOLEAN, "enabled", Vocabulary.BOOLEAN)),
  CREDENTIAL("credential", vars("credential", ArgType.CREDENTIAL, "host", ArgType.HOST, "privilege", ArgType.PRIVILEGE,
      "principal", ArgType.PRINCIPAL, "target-host", ArgType.HOST), filterMap());

  /** Boolean filter values: code 0 is false, 1 is true. */
  static final class Vocabulary {
    static final List<String> BOOLEAN = List.of("false", "true");

    private Vocabulary() {}
  }

  private final String word;
  private final Map<String, ArgType> variables;
  private final Map<String, List<String>> filters;

  FactType(String word, Map<String, ArgType> variables, Map<String, List<String>> filters) {
    this.word = word;
    this.variables = variables;
    this.filters = filters;
  }

  String word() {
    return word;
  }

  /** Variable name → type, in slot order. */
  Map<String, ArgType> variables() {
    return variables;
  }

  int slot(String variable) {
    return new ArrayList<>(variables.keySet()).indexOf(variable);
  }

  /** Filter name → its values; a fact's code for a filter is the index of its value. */
  Map<String, List<String>> filters() {
    return filters;
  }

  int filterIndex(String filter) {
    return new ArrayList<>(filters.keySet()).indexOf(filter);
  }

  static FactType of(String word) {
    for (FactType t : values()) {
      if (t.word.equals(word)) {
        return t;
      }
    }
    return null;
  }

  private static Map<String, ArgType> vars(Object... pairs) {
    Map<String, ArgType> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (ArgType) pairs[i + 1]);
    }
    return m;
  }

  @SuppressWarnings("unchecked")
  private static Map<String, List<String>> filterMap(Object... pairs) {
    Map<String, List<String>> m = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      m.put((String) pairs[i], (List<String>) pairs[i + 1]);
    }
    return m;
  }

  private static List<String> labels(Enum<?>[] values) {
    List<String> out = new ArrayList<>();
    for (Enum<?> v : values) {
      out.add(v.name().toLowerCase(java.util.Locale.ROOT).replace('_', '-'));
    }
    return out;
  }
}
