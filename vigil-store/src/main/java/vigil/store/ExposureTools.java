package vigil.store;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tools that reported an exposure, as the one text column {@code exposure.tools} holds them:
 * each name between commas (",Nessus,Qualys,"), "" for none. A column rather than a row per tool
 * spares every new exposure an index entry and a foreign-key check (ADR 011).
 */
public final class ExposureTools {
  private ExposureTools() {}

  /** The set holding one tool. */
  public static String of(String tool) {
    return "," + checked(tool) + ",";
  }

  public static boolean contains(String tools, String tool) {
    return tools.contains("," + tool + ",");
  }

  /** The set with {@code tool} added (the same text when it is there already). */
  public static String with(String tools, String tool) {
    if (contains(tools, tool)) {
      return tools;
    }
    return tools.isEmpty() ? of(tool) : tools + checked(tool) + ",";
  }

  /** The names, sorted. */
  public static List<String> list(String tools) {
    List<String> out = new ArrayList<>();
    for (String t : tools.split(",")) {
      if (!t.isEmpty()) {
        out.add(t);
      }
    }
    out.sort(null);
    return out;
  }

  /** A LIKE pattern for {@code tools LIKE ?}: the sets that contain {@code tool}, exactly. */
  public static String likePattern(String tool) {
    return "%," + checked(tool).replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + ",%";
  }

  /** A LIKE pattern for {@code LOWER(tools) LIKE ?}: the sets that contain {@code tool}, ignoring case. */
  public static String likePatternIgnoringCase(String tool) {
    return likePattern(tool.toLowerCase(Locale.ROOT));
  }

  /** The tool name, refused when it could not be told apart in the set. */
  public static String checked(String tool) {
    if (tool.isEmpty() || tool.indexOf(',') >= 0) {
      throw new IllegalArgumentException("a tool name must be non-empty and hold no comma: '" + tool + "'");
    }
    return tool;
  }
}
