package vigil.engine.scope;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.regex.Pattern;
import org.snakeyaml.engine.v2.api.Dump;
import org.snakeyaml.engine.v2.api.DumpSettings;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.common.FlowStyle;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;
import org.snakeyaml.engine.v2.nodes.Tag;

/**
 * Reads and writes scope files: the declarative, version-controlled form of a {@link
 * ScopeDocument}. Reading reports every problem with its line, column and field; writing produces a
 * file that reads back equal, and writes it the same way again.
 *
 * <pre>{@code
 * version: 1
 * owners:
 *   - team: payments-team
 *     contact: payments-oncall@example.com
 * environments:              # listed in precedence order
 *   - name: production
 *     include:               # rules that give an environment without a service
 *       - domain: "*.prod.example.com"
 * services:
 *   - name: payments
 *     description: Card payments
 *     owner: payments-team   # a declared team
 *     criticality: 5         # 1-5
 *     crownJewel: true
 *     dataClassification: restricted   # public, internal, confidential, restricted
 *     include:
 *       - cidr: 10.1.0.0/16
 *         environment: production      # only on a service's includes
 *       - asset: fqdn:db1.pay.example.com
 *         crownJewel: true
 *         note: the card vault
 *     exclude:
 *       - cidr: 10.1.99.0/24
 * include:                   # the organisation's, in no service
 *   - cidr: 10.0.0.0/8
 * exclude:                   # never in scope, whatever a service says
 *   - cidr: 10.99.0.0/16
 * }</pre>
 *
 * <p>A rule has exactly one pattern key: {@code cidr}, {@code ipRange}, {@code domain}, {@code
 * hostname}, {@code cloudAccount}, {@code tag}, {@code registry}, {@code codeOrg} or {@code asset}
 * (see {@link RuleKind}). Patterns starting with {@code *} must be quoted: YAML reads a bare
 * {@code *} as an alias.
 */
public final class ScopeYaml {
  /** The format version this class reads and writes. */
  public static final int VERSION = 1;

  private static final String HEADER = "# Vigil scope file (format " + VERSION + "). Exports do not keep comments.\n";
  private static final int MAX_FILE_CODE_POINTS = 64 * 1024 * 1024;
  private static final Pattern BARE_STAR = Pattern.compile("(:|^\\s*-)\\s+\\*");

  private static final List<String> TOP = List.of("version", "owners", "environments", "services", "include", "exclude");
  private static final List<String> OWNER = List.of("team", "contact");
  private static final List<String> ENVIRONMENT = List.of("name", "description", "include", "exclude");
  private static final List<String> SERVICE =
      List.of("name", "description", "owner", "criticality", "crownJewel", "dataClassification", "include", "exclude");

  private ScopeYaml() {}

  /**
   * Reads a scope file.
   *
   * @param source the file's name, used in error messages
   * @throws ScopeFileException listing every problem found, each with line, column and field
   */
  public static ScopeDocument parse(String text, String source) throws ScopeFileException {
    return new Reader(source).read(text);
  }

  /** Writes a document as a scope file that {@link #parse} reads back equal. */
  public static String write(ScopeDocument document) {
    Map<String, Object> root = new LinkedHashMap<>();
    root.put("version", VERSION);
    List<Object> owners = new ArrayList<>();
    for (Owner o : document.owners()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("team", o.team());
      putIfSet(m, "contact", o.contact());
      owners.add(m);
    }
    putIfAny(root, "owners", owners);
    List<Object> environments = new ArrayList<>();
    for (Environment e : document.environments()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", e.name());
      putIfSet(m, "description", e.description());
      putRules(m, document.rules(), r -> r.service() == null && e.name().equals(r.environment()));
      environments.add(m);
    }
    putIfAny(root, "environments", environments);
    List<Object> services = new ArrayList<>();
    for (BusinessService s : document.services()) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("name", s.name());
      putIfSet(m, "description", s.description());
      putIfSet(m, "owner", s.owner());
      m.put("criticality", s.criticality());
      if (s.crownJewel()) {
        m.put("crownJewel", true);
      }
      putIfSet(m, "dataClassification", s.dataClassification() == null ? null : s.dataClassification().label());
      putRules(m, document.rules(), r -> s.name().equals(r.service()));
      services.add(m);
    }
    putIfAny(root, "services", services);
    putRules(root, document.rules(), r -> r.service() == null && r.environment() == null);
    DumpSettings settings = DumpSettings.builder()
        .setDefaultFlowStyle(FlowStyle.BLOCK)
        .setIndent(2)
        .setIndicatorIndent(2)
        .setIndentWithIndicator(true)
        .setSplitLines(false)
        .build();
    return HEADER + new Dump(settings).dumpToString(root);
  }

  private static void putRules(Map<String, Object> target, List<ScopeRule> rules, Predicate<ScopeRule> here) {
    for (RuleEffect effect : RuleEffect.values()) {
      List<Object> list = new ArrayList<>();
      for (ScopeRule r : rules) {
        if (r.effect() == effect && here.test(r)) {
          Map<String, Object> m = new LinkedHashMap<>();
          m.put(r.kind().label(), r.pattern());
          putIfSet(m, "environment", r.service() != null ? r.environment() : null);
          if (r.crownJewel()) {
            m.put("crownJewel", true);
          }
          putIfSet(m, "note", r.note());
          list.add(m);
        }
      }
      putIfAny(target, effect.label(), list);
    }
  }

  private static void putIfSet(Map<String, Object> m, String key, String value) {
    if (value != null) {
      m.put(key, value);
    }
  }

  private static void putIfAny(Map<String, Object> m, String key, List<Object> values) {
    if (!values.isEmpty()) {
      m.put(key, values);
    }
  }

  /** One read of one file: collects problems instead of stopping at the first. */
  private static final class Reader {
    private final String source;
    private final List<ScopeFileException.Problem> problems = new ArrayList<>();
    private final ScopeDocument.Builder document = ScopeDocument.builder();
    private final Map<String, Node> owners = new HashMap<>();
    private final Map<String, Node> environments = new HashMap<>();
    private final Map<String, Node> services = new HashMap<>();
    private final Map<String, Node> rules = new HashMap<>();

    Reader(String source) {
      this.source = source;
    }

    ScopeDocument read(String text) throws ScopeFileException {
      Optional<Node> root = compose(text);
      if (root.isEmpty()) {
        if (problems.isEmpty()) {
          problem(0, 0, "", "the file holds no scope; an empty scope is written as 'version: " + VERSION + "'");
        }
        throw failure();
      }
      Map<String, Field> top = fields(root.get(), "", TOP);
      if (top != null) {
        version(top.get("version"));
        // Declarations first, whatever order the file lists them in: services refer to both.
        eachItem(top.get("owners"), "owners", this::owner);
        eachItem(top.get("environments"), "environments", this::environment);
        eachItem(top.get("services"), "services", this::service);
        rules(top.get("include"), "", RuleEffect.INCLUDE, null, null);
        rules(top.get("exclude"), "", RuleEffect.EXCLUDE, null, null);
      }
      if (!problems.isEmpty()) {
        throw failure();
      }
      try {
        return document.build();
      } catch (IllegalArgumentException e) {
        // The checks above mirror the document's own; this is a safety net, not a path.
        problem(0, 0, "", e.getMessage());
        throw failure();
      }
    }

    private Optional<Node> compose(String text) {
      LoadSettings settings = LoadSettings.builder()
          .setLabel(source)
          .setUseMarks(true)
          .setMaxAliasesForCollections(0)
          .setCodePointLimit(MAX_FILE_CODE_POINTS)
          .build();
      try {
        return new Compose(settings).composeString(text);
      } catch (MarkedYamlEngineException e) {
        Optional<Mark> mark = e.getProblemMark().or(e::getContextMark);
        String message = "not valid YAML: " + e.getProblem();
        int line = mark.map(Mark::getLine).orElse(-1);
        String[] lines = text.split("\n", -1);
        if (line >= 0 && line < lines.length && BARE_STAR.matcher(lines[line]).find()) {
          // YAML reads a bare leading '*' as an alias: the usual slip in a scope file.
          message += " (quote patterns that start with '*', e.g. \"*.corp.example.com\")";
        }
        problem(mark.map(m -> m.getLine() + 1).orElse(0), mark.map(m -> m.getColumn() + 1).orElse(0), "", message);
        return Optional.empty();
      } catch (YamlEngineException e) {
        problem(0, 0, "", "not valid YAML: " + e.getMessage());
        return Optional.empty();
      }
    }

    private ScopeFileException failure() {
      problems.sort(Comparator.comparingInt(ScopeFileException.Problem::line)
          .thenComparingInt(ScopeFileException.Problem::column));
      return new ScopeFileException(source, problems);
    }

    private void version(Field field) {
      if (field == null) {
        return;
      }
      String v = scalar(field);
      if (v != null && !v.equals(String.valueOf(VERSION))) {
        problem(field, "this Vigil reads scope format " + VERSION + ", the file says " + v);
      }
    }

    private void owner(Node node, String path) {
      Map<String, Field> f = fields(node, path, OWNER);
      if (f == null) {
        return;
      }
      String team = required(f, "team", node, path);
      if (team == null || !unique(owners, team, f.get("team"), "owner team")) {
        return;
      }
      document.owner(new Owner(team, scalar(f.get("contact"))));
    }

    private void environment(Node node, String path) {
      Map<String, Field> f = fields(node, path, ENVIRONMENT);
      if (f == null) {
        return;
      }
      String name = required(f, "name", node, path);
      if (name == null || !unique(environments, name, f.get("name"), "environment")) {
        return;
      }
      document.environment(new Environment(name, scalar(f.get("description"))));
      rules(f.get("include"), path, RuleEffect.INCLUDE, null, name);
      rules(f.get("exclude"), path, RuleEffect.EXCLUDE, null, name);
    }

    private void service(Node node, String path) {
      Map<String, Field> f = fields(node, path, SERVICE);
      if (f == null) {
        return;
      }
      String name = required(f, "name", node, path);
      if (name == null || !unique(services, name, f.get("name"), "service")) {
        return;
      }
      String owner = scalar(f.get("owner"));
      if (owner != null && !owners.containsKey(owner)) {
        problem(f.get("owner"), "unknown owner team '" + owner + "'; declared under owners: " + declared(owners));
      }
      Integer criticality = criticality(f, node, path);
      boolean crownJewel = flag(f.get("crownJewel"));
      DataClassification classification = null;
      String classificationText = scalar(f.get("dataClassification"));
      if (classificationText != null) {
        classification = DataClassification.fromLabel(classificationText);
        if (classification == null) {
          problem(f.get("dataClassification"),
              "unknown classification '" + classificationText + "'; expected one of " + DataClassification.labels());
        }
      }
      if (criticality != null) {
        document.service(new BusinessService(name, scalar(f.get("description")), owner, criticality, crownJewel, classification));
      }
      rules(f.get("include"), path, RuleEffect.INCLUDE, name, null);
      rules(f.get("exclude"), path, RuleEffect.EXCLUDE, name, null);
    }

    private Integer criticality(Map<String, Field> f, Node service, String path) {
      String text = required(f, "criticality", service, path);
      if (text == null) {
        return null;
      }
      int min = BusinessService.MIN_CRITICALITY;
      int max = BusinessService.MAX_CRITICALITY;
      if (!text.matches("-?\\d{1,9}") || Integer.parseInt(text) < min || Integer.parseInt(text) > max) {
        problem(f.get("criticality"), "must be a whole number " + min + "–" + max + " (" + max + " = most critical), was " + text);
        return null;
      }
      return Integer.parseInt(text);
    }

    private void rules(Field list, String owner, RuleEffect effect, String service, String environment) {
      eachItem(list, (owner.isEmpty() ? "" : owner + ".") + effect.label(),
          (node, path) -> rule(node, path, effect, service, environment));
    }

    private void rule(Node node, String path, RuleEffect effect, String service, String environment) {
      List<String> allowed = new ArrayList<>();
      for (RuleKind k : RuleKind.values()) {
        allowed.add(k.label());
      }
      allowed.add("note");
      boolean targetsService = service != null && effect == RuleEffect.INCLUDE;
      if (targetsService) {
        allowed.add("environment");
      }
      if (effect == RuleEffect.INCLUDE) {
        allowed.add("crownJewel");
      }
      Map<String, Field> f = fields(node, path, allowed, effect, service);
      if (f == null) {
        return;
      }
      List<String> kinds = new ArrayList<>();
      f.keySet().stream().filter(k -> RuleKind.fromLabel(k) != null).forEach(kinds::add);
      if (kinds.size() != 1) {
        problem(node, path, kinds.isEmpty()
            ? "a rule needs one pattern: one of " + RuleKind.labels()
            : "a rule has one pattern, found " + String.join(" and ", kinds) + "; write one rule for each");
        return;
      }
      RuleKind kind = RuleKind.fromLabel(kinds.get(0));
      Field patternField = f.get(kinds.get(0));
      String pattern = scalar(patternField);
      if (pattern == null) {
        problem(patternField, "empty pattern");
        return;
      }
      try {
        pattern = kind.normalise(pattern);
      } catch (IllegalArgumentException e) {
        problem(patternField, e.getMessage());
        return;
      }
      String proposed = environment;
      Field environmentField = f.get("environment");
      if (environmentField != null) {
        proposed = scalar(environmentField);
        if (proposed != null && !environments.containsKey(proposed)) {
          problem(environmentField, "unknown environment '" + proposed + "'; declared under environments: " + declared(environments));
          return;
        }
      }
      ScopeRule rule = new ScopeRule(kind, pattern, effect, service, proposed, flag(f.get("crownJewel")), scalar(f.get("note")));
      Node earlier = rules.putIfAbsent(rule.key(), node);
      if (earlier != null) {
        problem(node, path, "duplicate rule: " + rule.key() + " (first at line " + line(earlier) + ")");
        return;
      }
      document.rule(rule);
    }

    // ---- structure ----

    /** A mapping's value with its key node, which is where "unknown field" problems point. */
    private record Field(Node key, Node value, String path) {}

    private Map<String, Field> fields(Node node, String path, List<String> allowed) {
      return fields(node, path, allowed, null, null);
    }

    /**
     * The mapping's fields by name; problems for unknown and repeated ones. {@code effect} and
     * {@code service} only sharpen the message for a rule field that is misplaced.
     */
    private Map<String, Field> fields(Node node, String path, List<String> allowed, RuleEffect effect, String service) {
      if (!(node instanceof MappingNode)) {
        problem(node, path, "expected a mapping of field: value, found " + shape(node));
        return null;
      }
      Map<String, Field> out = new LinkedHashMap<>();
      for (NodeTuple t : ((MappingNode) node).getValue()) {
        if (!(t.getKeyNode() instanceof ScalarNode)) {
          problem(t.getKeyNode(), path, "a field name must be plain text");
          continue;
        }
        String name = ((ScalarNode) t.getKeyNode()).getValue();
        String fieldPath = path.isEmpty() ? name : path + "." + name;
        if (!allowed.contains(name)) {
          problem(t.getKeyNode(), fieldPath, unknownField(name, allowed, effect, service));
        } else if (out.containsKey(name)) {
          problem(t.getKeyNode(), fieldPath, "repeated field (first at line " + line(out.get(name).key()) + ")");
        } else {
          out.put(name, new Field(t.getKeyNode(), t.getValueNode(), fieldPath));
        }
      }
      return out;
    }

    private static String unknownField(String name, List<String> allowed, RuleEffect effect, String service) {
      if (name.equals("environment") && effect != null) {
        return effect == RuleEffect.EXCLUDE
            ? "an exclude takes no environment: it only takes assets out of where it sits"
            : "only a service's includes take an environment; here the rule's place decides";
      }
      if (name.equals("crownJewel") && effect == RuleEffect.EXCLUDE) {
        return "an exclude cannot mark crown jewels";
      }
      String suggestion = "";
      for (String a : allowed) {
        if (a.equalsIgnoreCase(name) || distance(a.toLowerCase(Locale.ROOT), name.toLowerCase(Locale.ROOT)) <= 2) {
          suggestion = "did you mean '" + a + "'? ";
          break;
        }
      }
      return "unknown field '" + name + "'; " + suggestion + "expected one of " + String.join(", ", allowed);
    }

    private void eachItem(Field list, String path, ItemReader reader) {
      if (list == null || isNull(list.value())) {
        return;
      }
      if (!(list.value() instanceof SequenceNode)) {
        problem(list, "expected a list (lines starting with '- '), found " + shape(list.value()));
        return;
      }
      List<Node> items = ((SequenceNode) list.value()).getValue();
      for (int i = 0; i < items.size(); i++) {
        String name = itemName(items.get(i));
        reader.read(items.get(i), path + "[" + (name != null ? name : String.valueOf(i)) + "]");
      }
    }

    /** An item's name or team, which names it in messages better than its position. */
    private static String itemName(Node item) {
      if (item instanceof MappingNode) {
        for (NodeTuple t : ((MappingNode) item).getValue()) {
          if (t.getKeyNode() instanceof ScalarNode && t.getValueNode() instanceof ScalarNode
              && List.of("name", "team").contains(((ScalarNode) t.getKeyNode()).getValue())) {
            String v = ((ScalarNode) t.getValueNode()).getValue().trim();
            return v.isEmpty() ? null : v;
          }
        }
      }
      return null;
    }

    private interface ItemReader {
      void read(Node node, String path);
    }

    private String required(Map<String, Field> f, String name, Node parent, String path) {
      Field field = f.get(name);
      if (field == null) {
        problem(parent, path.isEmpty() ? name : path + "." + name, "missing");
        return null;
      }
      int known = problems.size();
      String value = scalar(field);
      if (value == null && problems.size() == known) {
        problem(field, "must not be empty");
      }
      return value;
    }

    /** The field's text, trimmed; {@code null} when absent, null or blank, or not plain text (a problem). */
    private String scalar(Field field) {
      if (field == null || isNull(field.value())) {
        return null;
      }
      if (!(field.value() instanceof ScalarNode)) {
        problem(field, "expected a single value, found " + shape(field.value()));
        return null;
      }
      String v = ((ScalarNode) field.value()).getValue().trim();
      return v.isEmpty() ? null : v;
    }

    private boolean flag(Field field) {
      String v = scalar(field);
      if (v == null) {
        return false;
      }
      if (v.equalsIgnoreCase("true") || v.equalsIgnoreCase("false")) {
        return Boolean.parseBoolean(v.toLowerCase(Locale.ROOT));
      }
      problem(field, "must be true or false, was " + v);
      return false;
    }

    private static boolean isNull(Node node) {
      return node.getTag().equals(Tag.NULL);
    }

    /** Records the name and tells whether it is new; a problem at the field when it is not. */
    private boolean unique(Map<String, Node> seen, String name, Field field, String what) {
      for (Map.Entry<String, Node> e : seen.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          problem(field, "duplicate " + what + " '" + name + "' (first at line " + line(e.getValue()) + ")");
          return false;
        }
      }
      seen.put(name, field.value());
      return true;
    }

    private static String declared(Map<String, Node> seen) {
      return seen.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(seen.keySet()));
    }

    private static String shape(Node node) {
      if (node instanceof MappingNode) {
        return "a mapping";
      }
      return node instanceof SequenceNode ? "a list" : "'" + ((ScalarNode) node).getValue() + "'";
    }

    // ---- problems ----

    private void problem(Field field, String message) {
      problem(field.value(), field.path(), message);
    }

    private void problem(Node at, String field, String message) {
      Optional<Mark> mark = at.getStartMark();
      problem(mark.map(m -> m.getLine() + 1).orElse(0), mark.map(m -> m.getColumn() + 1).orElse(0), field, message);
    }

    private void problem(int line, int column, String field, String message) {
      problems.add(new ScopeFileException.Problem(line, column, field, message));
    }

    private static int line(Node node) {
      return node.getStartMark().map(m -> m.getLine() + 1).orElse(0);
    }
  }

  /** Levenshtein distance, for "did you mean" on misspelt field names. */
  private static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
