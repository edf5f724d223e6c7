package vigil.ingest.json;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;

/**
 * Streaming JSON with limits: a parser walks the file token by token and reads one record at a time
 * into a tree, so memory follows the largest record, not the file. Nesting deeper than {@link
 * #MAX_DEPTH} is refused (no scanner format comes near it).
 */
public final class JsonStream implements AutoCloseable {
  public static final int MAX_DEPTH = 200;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxStringLength(64 * 1024 * 1024)
          .build())
      .build();
  private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY).build();
  /**
   * Reads one record in the middle of a stream: what follows it is the rest of the file, not
   * trailing garbage (Jackson 3 fails on trailing tokens by default).
   */
  private static final ObjectReader RECORD_READER =
      MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private final ScanFile file;
  private final InputStream in;
  private final JsonParser parser;

  private JsonStream(ScanFile file, InputStream in, JsonParser parser) {
    this.file = file;
    this.in = in;
    this.parser = parser;
  }

  public static JsonStream open(ScanFile file) throws IOException, ParseException {
    InputStream in = file.open();
    try {
      return new JsonStream(file, in, MAPPER.createParser(in));
    } catch (JacksonException e) {
      in.close();
      throw new ParseException(file.name(), placeOf(e.getLocation()), "invalid JSON: " + e.getOriginalMessage());
    }
  }

  /** The next token, or {@code null} at the end of input. */
  public JsonToken next() throws ParseException {
    try {
      return parser.nextToken();
    } catch (JacksonException e) {
      throw wrap(e);
    }
  }

  public JsonToken current() {
    return parser.currentToken();
  }

  /** Name of the current property (after a {@code PROPERTY_NAME} token). */
  public String name() {
    return parser.currentName();
  }

  /** Reads the value at the current token (object, array or scalar) as a tree. */
  public JsonNode readTree() throws ParseException {
    try {
      return RECORD_READER.readTree(parser);
    } catch (JacksonException e) {
      throw wrap(e);
    }
  }

  /** Skips the value at the current token. */
  public void skip() throws ParseException {
    try {
      parser.skipChildren();
    } catch (JacksonException e) {
      throw wrap(e);
    }
  }

  /**
   * Reads the rest of the file to make sure it is well-formed JSON, so a truncated tail is refused
   * even after the records the parser wanted.
   */
  public void finish() throws ParseException {
    while (next() != null) {
      skip();
    }
  }

  /** An error at the current place. */
  public ParseException error(String problem) {
    return new ParseException(file.name(), placeOf(parser.currentLocation()) + at(), problem);
  }

  private ParseException wrap(JacksonException e) {
    String msg = e.getOriginalMessage();
    if (msg != null && msg.contains("nesting depth")) {
      msg = "JSON nested deeper than " + MAX_DEPTH + " levels";
    }
    return new ParseException(file.name(), placeOf(e.getLocation()) + at(), "invalid JSON: " + msg);
  }

  private String at() {
    String path;
    try {
      path = parser.streamReadContext().pathAsPointer().toString();
    } catch (RuntimeException e) {
      return "";
    }
    return path.isEmpty() ? "" : " (at " + path + ")";
  }

  private static String placeOf(TokenStreamLocation loc) {
    if (loc == null || loc.getLineNr() <= 0) {
      return "";
    }
    return "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
  }

  /** Parses a whole small document (one JSONL line, a config) with the same limits. */
  public static JsonNode readTree(String fileName, String place, String json) throws ParseException {
    try {
      return MAPPER.readTree(json);
    } catch (JacksonException e) {
      throw new ParseException(fileName, place, "invalid JSON: " + e.getOriginalMessage());
    }
  }

  /** Text of a path of properties, or {@code null} when any step is missing, null or blank. */
  public static String text(JsonNode node, String... path) {
    JsonNode n = node;
    for (String p : path) {
      if (n == null) {
        return null;
      }
      n = n.get(p);
    }
    if (n == null || n.isNull() || n.isContainer()) {
      return null;
    }
    String s = n.asString().trim();
    return s.isEmpty() ? null : s;
  }

  /** Texts of an array of scalars (or one scalar), skipping blanks. */
  public static List<String> texts(JsonNode node) {
    List<String> out = new ArrayList<>();
    if (node == null || node.isNull()) {
      return out;
    }
    if (node.isArray()) {
      for (JsonNode n : node) {
        if (!n.isContainer() && !n.isNull() && !n.asString().isBlank()) {
          out.add(n.asString().trim());
        }
      }
    } else if (!node.isContainer() && !node.asString().isBlank()) {
      out.add(node.asString().trim());
    }
    return out;
  }

  @Override
  public void close() throws IOException {
    try {
      parser.close();
    } finally {
      in.close();
    }
  }
}
