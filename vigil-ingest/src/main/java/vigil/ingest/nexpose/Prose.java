package vigil.ingest.nexpose;

import vigil.ingest.ParseException;
import vigil.ingest.Texts;
import vigil.ingest.xml.XmlStream;

/**
 * Nexpose's rich text ({@code ContainerBlockElement}, {@code Paragraph}, lists, {@code URLLink})
 * as plain text: paragraphs and list items on their own lines, links as their URL.
 */
final class Prose {
  private Prose() {}

  /** Reads the current element's rich text up to its end tag; {@code null} when empty. */
  static String read(XmlStream x) throws ParseException {
    String raw = x.text(Prose::onStart);
    return raw == null ? null : tidy(raw);
  }

  /** Marks a block's start; NUL cannot occur in XML text, so it never collides with content. */
  private static final char BREAK = '\0';

  private static String onStart(XmlStream x) {
    switch (x.name()) {
      case "Paragraph":
      case "ContainerBlockElement":
      case "UnorderedList":
      case "OrderedList":
        return String.valueOf(BREAK);
      case "ListItem":
        return BREAK + "- ";
      case "URLLink":
        String url = x.attr("LinkURL");
        return url == null ? null : " " + url + " ";
      default:
        return null;
    }
  }

  /**
   * Joins the export's hard-wrapped lines: whitespace runs become one space, and each block starts
   * a new line.
   */
  static String tidy(String raw) {
    StringBuilder out = new StringBuilder();
    boolean bullet = false;
    for (String block : raw.split(String.valueOf(BREAK))) {
      String t = block.replaceAll("\\s+", " ").trim();
      if (t.equals("-")) {
        bullet = true;
        continue;
      }
      if (t.isEmpty()) {
        continue;
      }
      if (out.length() > 0) {
        out.append('\n');
      }
      out.append(bullet && !t.startsWith("- ") ? "- " : "").append(t);
      bullet = false;
    }
    return Texts.blankToNull(out.toString());
  }
}
