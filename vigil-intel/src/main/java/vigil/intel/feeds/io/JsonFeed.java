package vigil.intel.feeds.io;

import java.io.IOException;
import java.io.InputStream;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.JacksonIOException;
import tools.jackson.core.json.JsonFactory;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.json.JsonMapper;
import vigil.intel.feeds.FeedException;

/**
 * A JSON feed read token by token, with each array element read into a tree on its own, so memory
 * follows the largest record (one STIX object, one CVE), not the file. Modelled on
 * {@code vigil.ingest.json.JsonStream}; feeds put their records in one array, either at the root or
 * under a property of the root object, which is all this cursor walks.
 */
public final class JsonFeed implements AutoCloseable {
  /** Feeds nest a few levels; STIX and CVE JSON 5 stay far below this. */
  public static final int MAX_DEPTH = 200;

  private static final JsonFactory FACTORY = JsonFactory.builder()
      .streamReadConstraints(StreamReadConstraints.builder()
          .maxNestingDepth(MAX_DEPTH)
          .maxStringLength(64 * 1024 * 1024)
          .build())
      .build();
  private static final ObjectMapper MAPPER = JsonMapper.builder(FACTORY).build();
  /** Reads one element in the middle of a stream: what follows is the rest of the file. */
  private static final ObjectReader RECORD_READER =
      MAPPER.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  /** What to do with each element of an array. */
  @FunctionalInterface
  public interface ElementHandler {
    void accept(JsonRecord element) throws FeedException;
  }

  private final FeedFile file;
  private final InputStream in;
  private final JsonParser parser;

  private JsonFeed(FeedFile file, InputStream in, JsonParser parser) {
    this.file = file;
    this.in = in;
    this.parser = parser;
  }

  public static JsonFeed open(FeedFile file) throws FeedException {
    InputStream in = file.open();
    try {
      return new JsonFeed(file, in, MAPPER.createParser(in));
    } catch (JacksonException e) {
      try {
        in.close();
      } catch (IOException closing) {
        e.addSuppressed(closing);
      }
      throw file.error(placeOf(e.getLocation(), ""), "invalid JSON: " + e.getOriginalMessage());
    }
  }

  /** The next token, or {@code null} at the end of input. */
  public JsonToken next() throws FeedException {
    try {
      return parser.nextToken();
    } catch (JacksonException e) {
      throw wrap(e);
    }
  }

  /** Moves to the first token and checks it is {@code token}; {@code what} names the expected file. */
  public void start(JsonToken token, String what) throws FeedException {
    JsonToken t = next();
    if (t != token) {
      throw error("expected " + what + ", found " + describe(t));
    }
  }

  /**
   * Inside an object: moves to the next property and returns its name (the parser then stands
   * before its value), or {@code null} at the end of the object.
   */
  public String nextProperty() throws FeedException {
    JsonToken t = next();
    if (t == JsonToken.PROPERTY_NAME) {
      String name = parser.currentName();
      next();
      return name;
    }
    if (t == JsonToken.END_OBJECT) {
      return null;
    }
    throw error("expected a property or '}', found " + describe(t));
  }

  /** The scalar value at the current token as text ({@code null} for JSON null). */
  public String scalar(String property) throws FeedException {
    JsonToken t = parser.currentToken();
    if (t == JsonToken.VALUE_NULL) {
      return null;
    }
    if (t == null || !t.isScalarValue()) {
      throw error("expected a text or number for '" + property + "', found " + describe(t));
    }
    try {
      return parser.getString();
    } catch (JacksonException e) {
      throw wrap(e);
    }
  }

  /** The integer at the current token. */
  public long integer(String property) throws FeedException {
    JsonToken t = parser.currentToken();
    if (t != JsonToken.VALUE_NUMBER_INT) {
      String found = t != null && t.isScalarValue() ? "'" + scalar(property) + "'" : describe(t);
      throw error("expected an integer for '" + property + "', found " + found);
    }
    try {
      return parser.getLongValue();
    } catch (JacksonException e) {
      throw wrap(e);
    }
  }

  /**
   * At the start of an array whose JSON pointer is {@code pointer} ("" for the root array), reads
   * each element as a tree and hands it on; returns how many there were.
   */
  public long forEachElement(String pointer, ElementHandler handler) throws FeedException {
    if (parser.currentToken() != JsonToken.START_ARRAY) {
      throw error("expected an array at '" + pointer + "', found " + describe(parser.currentToken()));
    }
    long index = 0;
    while (next() != JsonToken.END_ARRAY) {
      if (parser.currentToken() == null) {
        throw error("unexpected end of input inside '" + pointer + "'");
      }
      TokenStreamLocation start = parser.currentTokenLocation();
      String at = pointer + "/" + index;
      JsonNode node;
      try {
        node = RECORD_READER.readTree(parser);
      } catch (JacksonException e) {
        throw wrap(e);
      }
      handler.accept(new JsonRecord(file.name(), node, at, start.getLineNr(), start.getColumnNr()));
      index++;
    }
    return index;
  }

  /** Skips the value at the current token. */
  public void skip() throws FeedException {
    try {
      parser.skipChildren();
    } catch (JacksonException e) {
      throw wrap(e);
    }
  }

  /** Reads the rest of the input, refusing a truncated or garbled tail and trailing content. */
  public void finish() throws FeedException {
    JsonToken t = next();
    if (t != null) {
      throw error("expected end of input, found " + describe(t));
    }
  }

  /** An error at the parser's current place. */
  public FeedException error(String problem) {
    return file.error(placeOf(parser.currentLocation(), pointer()), problem);
  }

  private FeedException wrap(JacksonException e) {
    if (e instanceof JacksonIOException && e.getCause() instanceof IOException io) {
      return file.unreadable(placeOf(e.getLocation(), pointer()), io);
    }
    String msg = e.getOriginalMessage();
    if (msg != null && msg.contains("nesting depth")) {
      msg = "JSON nested deeper than " + MAX_DEPTH + " levels";
    }
    return file.error(placeOf(e.getLocation(), pointer()), "invalid JSON: " + msg);
  }

  private String pointer() {
    try {
      return parser.streamReadContext().pathAsPointer().toString();
    } catch (RuntimeException e) {
      return "";
    }
  }

  private String describe(JsonToken t) {
    if (t == null) {
      return "end of input";
    }
    return switch (t) {
      case START_OBJECT -> "an object";
      case START_ARRAY -> "an array";
      case VALUE_STRING -> "text";
      case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
      case VALUE_TRUE, VALUE_FALSE -> "a boolean";
      case VALUE_NULL -> "null";
      default -> t.name();
    };
  }

  static String placeOf(TokenStreamLocation loc, String pointer) {
    String at = pointer == null || pointer.isEmpty() ? "" : "at " + pointer;
    if (loc == null || loc.getLineNr() <= 0) {
      return at;
    }
    String line = "line " + loc.getLineNr() + ", column " + loc.getColumnNr();
    return at.isEmpty() ? line : line + " (" + at + ")";
  }

  @Override
  public void close() throws FeedException {
    try {
      parser.close();
      in.close();
    } catch (JacksonException e) {
      throw wrap(e);
    } catch (IOException e) {
      throw file.unreadable("", e);
    }
  }
}
