package vigil.integrations.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * JSON fixtures under {@code src/test/resources/fixtures}: the request bodies Vigil must send and
 * the answers the APIs give, in the shapes of their published documentation.
 */
public final class Fixtures {
  public static final JsonMapper JSON = JsonMapper.shared();

  private Fixtures() {}

  public static String text(String path) {
    try (InputStream in = Fixtures.class.getResourceAsStream("/fixtures/" + path)) {
      if (in == null) {
        throw new IllegalArgumentException("no fixture " + path);
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public static JsonNode json(String path) {
    return JSON.readTree(text(path));
  }

  /** A fixture as a mutable object, for fakes that fill in ids. */
  public static ObjectNode object(String path) {
    return (ObjectNode) json(path);
  }

  public static JsonNode parse(String body) {
    return JSON.readTree(body);
  }

  /** The body is JSON equal to the fixture (object member order aside). */
  public static void assertBodyMatches(String body, String fixture) {
    assertThat(parse(body)).as("request body vs fixture %s", fixture).isEqualTo(json(fixture));
  }
}
