package vigil.app.cli;

import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

/** The JSON writer of the command line: one object per line. */
final class Json {
  static final ObjectMapper MAPPER = JsonMapper.builder().build();

  private Json() {}

  static String write(Object value) {
    return MAPPER.writeValueAsString(value);
  }

  /**
   * A value as the given type, through its JSON form: a report's values are engine types locally and
   * plain JSON from a server, and both read back alike.
   */
  static <T> T convert(Object value, TypeReference<T> type) {
    return MAPPER.convertValue(value, type);
  }
}
