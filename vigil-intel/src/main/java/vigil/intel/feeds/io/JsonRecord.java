package vigil.intel.feeds.io;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import vigil.intel.feeds.FeedException;

/**
 * One JSON object of a feed (or a part of one), with the file, where the record starts and its
 * JSON pointer, so every error names the exact place ("record at line 812, column 9 (at
 * /vulnerabilities/40/dateAdded)").
 */
public final class JsonRecord extends Fields {
  private final String file;
  private final JsonNode node;
  private final String pointer;
  private final int line;
  private final int column;

  JsonRecord(String file, JsonNode node, String pointer, int line, int column) {
    this.file = file;
    this.node = node;
    this.pointer = pointer;
    this.line = line;
    this.column = column;
  }

  public String pointer() {
    return pointer;
  }

  public boolean isObject() {
    return node.isObject();
  }

  /** Refuses a record that is not a JSON object; {@code what} names what was expected. */
  public JsonRecord requireObject(String what) throws FeedException {
    if (!node.isObject()) {
      throw error(null, "expected " + what + " (a JSON object), found " + kind(node));
    }
    return this;
  }

  public boolean has(String field) {
    JsonNode n = node.get(field);
    return n != null && !n.isNull();
  }

  @Override
  public String text(String field) throws FeedException {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (n.isContainer()) {
      throw error(field, "expected a text, found " + kind(n));
    }
    String s = n.asString().trim();
    return s.isEmpty() ? null : s;
  }

  /** A JSON boolean; {@code false} when absent. */
  public boolean flag(String field) throws FeedException {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return false;
    }
    if (!n.isBoolean()) {
      throw error(field, "expected true or false, found " + kind(n));
    }
    return n.booleanValue();
  }

  /** A nested object, or {@code null} when absent. */
  public JsonRecord object(String field) throws FeedException {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return null;
    }
    if (!n.isObject()) {
      throw error(field, "expected an object, found " + kind(n));
    }
    return new JsonRecord(file, n, pointer + "/" + escape(field), line, column);
  }

  /** The elements of an array field (empty when absent), each with its own pointer. */
  public List<JsonRecord> array(String field) throws FeedException {
    JsonNode n = node.get(field);
    if (n == null || n.isNull()) {
      return List.of();
    }
    if (!n.isArray()) {
      throw error(field, "expected an array, found " + kind(n));
    }
    String base = pointer + "/" + escape(field) + "/";
    List<JsonRecord> out = new ArrayList<>(n.size());
    for (int i = 0; i < n.size(); i++) {
      out.add(new JsonRecord(file, n.get(i), base + i, line, column));
    }
    return out;
  }

  /** The elements of an array field that must all be objects. */
  public List<JsonRecord> objects(String field) throws FeedException {
    List<JsonRecord> out = array(field);
    for (JsonRecord r : out) {
      if (!r.node.isObject()) {
        throw r.error(null, "expected an object, found " + kind(r.node));
      }
    }
    return out;
  }

  /** Texts of an array of scalars (or of one scalar), skipping blanks; empty when absent. */
  public List<String> texts(String field) throws FeedException {
    JsonNode n = node.get(field);
    List<String> out = new ArrayList<>();
    if (n == null || n.isNull()) {
      return out;
    }
    if (!n.isArray()) {
      String s = text(field);
      if (s != null) {
        out.add(s);
      }
      return out;
    }
    for (int i = 0; i < n.size(); i++) {
      JsonNode e = n.get(i);
      if (e.isContainer()) {
        throw new JsonRecord(file, e, pointer + "/" + escape(field) + "/" + i, line, column)
            .error(null, "expected a text, found " + kind(e));
      }
      if (!e.isNull() && !e.asString().isBlank()) {
        out.add(e.asString().trim());
      }
    }
    return out;
  }

  /** The property names of this object in file order (for objects used as one-key maps). */
  public List<String> fieldNames() {
    List<String> out = new ArrayList<>();
    node.propertyNames().forEach(out::add);
    return out;
  }

  /** An error about a field of this record ({@code null}: about the record itself). */
  @Override
  public FeedException error(String field, String problem) {
    String at = field == null ? pointer : pointer + "/" + escape(field);
    // The line and column are where the record starts: a tree no longer knows its fields' places,
    // the pointer does.
    String start = line > 0 ? "record at line " + line + ", column " + column + " " : "";
    String place = start + "(at " + (at.isEmpty() ? "/" : at) + ")";
    return new FeedException(file, place, problem);
  }

  private static String kind(JsonNode n) {
    if (n.isObject()) {
      return "an object";
    }
    if (n.isArray()) {
      return "an array";
    }
    if (n.isNumber()) {
      return "the number " + n.asString();
    }
    if (n.isBoolean()) {
      return n.asString();
    }
    return "'" + cut(n.asString()) + "'";
  }

  /** JSON pointer escaping (RFC 6901). Field names with '/' occur in STIX extensions. */
  private static String escape(String field) {
    return field.replace("~", "~0").replace("/", "~1");
  }
}
