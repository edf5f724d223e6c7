package vigil.intel.ssvc;

import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Parsing of decision-point values by their SSVC labels, shared by the enums. */
final class Labels {

  /** A value with the label SSVC's tables use ("public poc", "track*"). */
  interface Labelled {
    String label();
  }

  private Labels() {}

  /**
   * The constant whose label equals {@code text} ignoring case, surrounding blanks and '_'/'-' for
   * spaces; {@code alias} maps other spellings already normalised (vulnrichment's "poc").
   */
  static <E extends Enum<E> & Labelled> E parse(Class<E> type, String point, String text, String... aliases) {
    if (text != null) {
      String key = text.strip().toLowerCase(Locale.ROOT).replace('_', ' ').replace('-', ' ');
      for (int i = 0; i + 1 < aliases.length; i += 2) {
        if (key.equals(aliases[i])) {
          key = aliases[i + 1];
        }
      }
      for (E e : type.getEnumConstants()) {
        if (e.label().equals(key)) {
          return e;
        }
      }
    }
    String allowed = Stream.of(type.getEnumConstants()).map(Labelled::label).collect(Collectors.joining(", "));
    throw new IllegalArgumentException(point + ": expected one of " + allowed + ", found '" + text + "'");
  }
}
