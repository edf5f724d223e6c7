package vigil.ingest.qualys;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import vigil.ingest.Texts;

/** Qualys knowledge-base texts are HTML fragments; this turns them into plain text. */
final class Html {
  private static final Pattern BREAK = Pattern.compile("(?i)<\\s*(br|p|li|dt|dd|/p|/li|/ul|/ol|/dl)\\b[^>]*>");
  private static final Pattern LINK = Pattern.compile("(?is)<\\s*a\\b[^>]*href\\s*=\\s*\"([^\"]*)\"[^>]*>(.*?)<\\s*/a\\s*>");
  private static final Pattern TAG = Pattern.compile("<[^>]*>");

  private Html() {}

  static String toText(String html) {
    if (html == null) {
      return null;
    }
    String s = LINK.matcher(html).replaceAll(m -> {
      String url = m.group(1);
      String label = TAG.matcher(m.group(2)).replaceAll("").trim();
      return Matcher.quoteReplacement(label.isEmpty() || label.equals(url) ? url : label + " (" + url + ")");
    });
    s = BREAK.matcher(s).replaceAll("\n");
    s = TAG.matcher(s).replaceAll("");
    s = s.replace("&quot;", "\"").replace("&#39;", "'").replace("&apos;", "'").replace("&lt;", "<")
        .replace("&gt;", ">").replace("&nbsp;", " ").replace("&amp;", "&");
    s = s.replaceAll("[ \\t]+\\n", "\n").replaceAll("\\n{3,}", "\n\n");
    return Texts.blankToNull(s);
  }
}
