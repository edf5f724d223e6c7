package vigil.ingest;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns the HTML fragments that web and cloud scanners put in descriptions (ZAP, Burp) into plain
 * text: block tags become line breaks, other tags go, character references are decoded, runs of
 * spaces collapse.
 */
public final class Html {
  private static final Pattern LIST_ITEM = Pattern.compile("(?i)<li\\b[^<>]*>");
  private static final Pattern BREAK = Pattern.compile("(?i)<br\\s*/?>|</?(p|div|ul|ol|pre|h[1-6]|tr|table)\\b[^<>]*>");
  private static final Pattern TAG = Pattern.compile("</?[A-Za-z][^<>]*>");
  private static final Pattern REFERENCE = Pattern.compile("&(#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[a-zA-Z]{2,6});");
  private static final Pattern BLANK_LINES = Pattern.compile("\\n[ \\t]*(\\n[ \\t]*)+");

  private Html() {}

  /** Plain text of an HTML fragment, or {@code null} when nothing but markup and space is left. */
  public static String toText(String html) {
    if (html == null) {
      return null;
    }
    String s = LIST_ITEM.matcher(html).replaceAll("\n- ");
    s = BREAK.matcher(s).replaceAll("\n");
    s = TAG.matcher(s).replaceAll("");
    s = decode(s);
    // Space in HTML is not significant: runs collapse and lines lose their indentation.
    s = s.replace('\u00a0', ' ').replaceAll("[ \\t\\r]+", " ").replaceAll(" ?\n ?", "\n");
    s = BLANK_LINES.matcher(s).replaceAll("\n\n").strip();
    return s.isEmpty() ? null : s;
  }

  private static String decode(String s) {
    Matcher m = REFERENCE.matcher(s);
    StringBuilder out = new StringBuilder(s.length());
    while (m.find()) {
      m.appendReplacement(out, Matcher.quoteReplacement(character(m.group(1), m.group())));
    }
    m.appendTail(out);
    return out.toString();
  }

  private static String character(String ref, String whole) {
    switch (ref) {
      case "lt":
        return "<";
      case "gt":
        return ">";
      case "amp":
        return "&";
      case "quot":
        return "\"";
      case "apos":
        return "'";
      case "nbsp":
        return " ";
      default:
        break;
    }
    if (ref.startsWith("#")) {
      try {
        int cp = ref.charAt(1) == 'x' || ref.charAt(1) == 'X'
            ? Integer.parseInt(ref.substring(2), 16)
            : Integer.parseInt(ref.substring(1));
        if (Character.isValidCodePoint(cp)) {
          return new String(Character.toChars(cp));
        }
      } catch (NumberFormatException ignored) {
        // kept as written below
      }
    }
    return whole;
  }
}
