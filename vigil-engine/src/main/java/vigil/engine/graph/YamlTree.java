package vigil.engine.graph;

import java.io.Reader;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.snakeyaml.engine.v2.api.LoadSettings;
import org.snakeyaml.engine.v2.api.lowlevel.Compose;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
import org.snakeyaml.engine.v2.exceptions.YamlEngineException;
import org.snakeyaml.engine.v2.nodes.MappingNode;
import org.snakeyaml.engine.v2.nodes.Node;
import org.snakeyaml.engine.v2.nodes.NodeTuple;
import org.snakeyaml.engine.v2.nodes.ScalarNode;
import org.snakeyaml.engine.v2.nodes.SequenceNode;

/**
 * A YAML node with its place in the file and its field path, so that every error names line,
 * column and field. Only the composed node tree is used: no object construction, no tags, no
 * aliases beyond a handful, so a hostile file cannot instantiate anything or expand a billion laughs.
 */
final class YamlTree {
  private final String file;
  private final Node node;
  private final String path;

  private YamlTree(String file, Node node, String path) {
    this.file = file;
    this.node = node;
    this.path = path;
  }

  static YamlTree parse(String file, Reader reader) throws DefinitionException {
    LoadSettings settings = LoadSettings.builder().setLabel(file).setAllowDuplicateKeys(false)
        .setMaxAliasesForCollections(10).setCodePointLimit(16 * 1024 * 1024).build();
    try {
      Optional<Node> root = new Compose(settings).composeReader(reader);
      if (root.isEmpty()) {
        throw new DefinitionException(file, 0, 0, "", "the file is empty");
      }
      return new YamlTree(file, root.get(), "");
    } catch (MarkedYamlEngineException e) {
      Mark m = e.getProblemMark().orElse(e.getContextMark().orElse(null));
      String problem = (e.getContext() == null ? "" : e.getContext() + ": ") + e.getProblem();
      throw new DefinitionException(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, "",
          "invalid YAML: " + problem.strip());
    } catch (YamlEngineException e) {
      throw new DefinitionException(file, 0, 0, "", "invalid YAML: " + e.getMessage());
    }
  }

  String path() {
    return path;
  }

  DefinitionException error(String problem) {
    Mark m = node.getStartMark().orElse(null);
    return new DefinitionException(file, m == null ? 0 : m.getLine() + 1, m == null ? 0 : m.getColumn() + 1, path,
        problem);
  }

  boolean isMap() {
    return node instanceof MappingNode;
  }

  boolean isList() {
    return node instanceof SequenceNode;
  }

  boolean isScalar() {
    return node instanceof ScalarNode;
  }

  /** The entries of a mapping, refusing keys outside {@code allowed}. */
  Map<String, YamlTree> map(Set<String> allowed) throws DefinitionException {
    if (!(node instanceof MappingNode m)) {
      throw error("expected a mapping (key: value lines)");
    }
    Map<String, YamlTree> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      YamlTree key = new YamlTree(file, t.getKeyNode(), path);
      String name = key.scalar();
      if (!allowed.contains(name)) {
        throw key.error("unknown field '" + name + "' (expected one of " + String.join(", ", allowed) + ")");
      }
      if (out.containsKey(name)) {
        throw key.error("duplicate key '" + name + "'");
      }
      out.put(name, new YamlTree(file, t.getValueNode(), path.isEmpty() ? name : path + "." + name));
    }
    return out;
  }

  /** The entries of a mapping whose keys are data (ids), not field names. */
  Map<String, YamlTree> mapAny() throws DefinitionException {
    if (!(node instanceof MappingNode m)) {
      throw error("expected a mapping (key: value lines)");
    }
    Map<String, YamlTree> out = new LinkedHashMap<>();
    for (NodeTuple t : m.getValue()) {
      YamlTree key = new YamlTree(file, t.getKeyNode(), path);
      String name = key.text();
      if (out.containsKey(name)) {
        throw key.error("duplicate key '" + name + "'");
      }
      out.put(name, new YamlTree(file, t.getValueNode(), path.isEmpty() ? name : path + "." + name));
    }
    return out;
  }

  List<YamlTree> list() throws DefinitionException {
    if (!(node instanceof SequenceNode s)) {
      throw error("expected a list");
    }
    List<YamlTree> out = new ArrayList<>();
    for (int i = 0; i < s.getValue().size(); i++) {
      out.add(new YamlTree(file, s.getValue().get(i), path + "[" + i + "]"));
    }
    return out;
  }

  /** A list, or a single scalar read as a list of one. */
  List<YamlTree> listOrOne() throws DefinitionException {
    return isScalar() ? List.of(this) : list();
  }

  String scalar() throws DefinitionException {
    if (!(node instanceof ScalarNode s)) {
      throw error("expected a single value");
    }
    return s.getValue();
  }

  /** A non-blank scalar. */
  String text() throws DefinitionException {
    String s = scalar().strip();
    if (s.isEmpty()) {
      throw error("expected a value, found nothing");
    }
    return s;
  }

  boolean bool() throws DefinitionException {
    String s = text();
    if (s.equals("true") || s.equals("false")) {
      return Boolean.parseBoolean(s);
    }
    throw error("expected true or false, found '" + s + "'");
  }

  double number(double min, double max) throws DefinitionException {
    String s = text();
    try {
      double d = Double.parseDouble(s);
      if (d >= min && d <= max) {
        return d;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw error("expected a number within " + min + ".." + max + ", found '" + s + "'");
  }

  static YamlTree required(Map<String, YamlTree> fields, String name, YamlTree owner) throws DefinitionException {
    YamlTree t = fields.get(name);
    if (t == null) {
      throw owner.error("missing field '" + name + "'");
    }
    return t;
  }
}
