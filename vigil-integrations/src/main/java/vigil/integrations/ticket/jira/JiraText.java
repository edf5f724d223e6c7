package vigil.integrations.ticket.jira;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns Vigil's plain text (paragraphs split by blank lines, "- " bullets, bare URLs) into Jira's
 * formats: Atlassian Document Format for API v3, wiki markup for v2. Text from scanners ends up in
 * tickets, so wiki markup that would form links or macros is escaped.
 */
final class JiraText {
  private static final JsonNodeFactory F = JsonNodeFactory.instance;
  private static final Pattern BLANK_LINE = Pattern.compile("\\R\\s*\\R");
  private static final Pattern BULLET = Pattern.compile("^\\s*[-*]\\s+");
  private static final Pattern URL = Pattern.compile("https?://[^\\s<>\"]+");
  private static final Pattern WIKI_SPECIAL = Pattern.compile("([{}\\[\\]|])");

  private JiraText() {}

  /** An ADF document ({@code {"type":"doc","version":1,"content":[…]}}). */
  static ObjectNode adf(String text) {
    ObjectNode doc = F.objectNode().put("type", "doc").put("version", 1);
    ArrayNode content = doc.putArray("content");
    for (List<String> block : blocks(text)) {
      if (block.stream().allMatch(l -> BULLET.matcher(l).find())) {
        ObjectNode list = content.addObject().put("type", "bulletList");
        ArrayNode items = list.putArray("content");
        for (String line : block) {
          ObjectNode item = items.addObject().put("type", "listItem");
          item.putArray("content").add(paragraph(List.of(BULLET.matcher(line).replaceFirst(""))));
        }
      } else {
        content.add(paragraph(block));
      }
    }
    if (content.isEmpty()) {
      content.add(paragraph(List.of()));
    }
    return doc;
  }

  /** Wiki markup: bullets as "* ", characters that form links or macros escaped. */
  static String wiki(String text) {
    List<String> out = new ArrayList<>();
    for (List<String> block : blocks(text)) {
      List<String> lines = new ArrayList<>();
      for (String line : block) {
        Matcher bullet = BULLET.matcher(line);
        lines.add(bullet.find()
            ? "* " + escapeWiki(line.substring(bullet.end()))
            : escapeWiki(line));
      }
      out.add(String.join("\n", lines));
    }
    return String.join("\n\n", out);
  }

  private static String escapeWiki(String line) {
    return WIKI_SPECIAL.matcher(line).replaceAll("\\\\$1");
  }

  private static List<List<String>> blocks(String text) {
    List<List<String>> blocks = new ArrayList<>();
    for (String block : BLANK_LINE.split(text.strip())) {
      List<String> lines = block.lines().map(String::stripTrailing).filter(l -> !l.isBlank()).toList();
      if (!lines.isEmpty()) {
        blocks.add(lines);
      }
    }
    return blocks;
  }

  private static ObjectNode paragraph(List<String> lines) {
    ObjectNode p = F.objectNode().put("type", "paragraph");
    ArrayNode inline = p.putArray("content");
    for (int i = 0; i < lines.size(); i++) {
      if (i > 0) {
        inline.addObject().put("type", "hardBreak");
      }
      addText(inline, lines.get(i));
    }
    return p;
  }

  private static void addText(ArrayNode inline, String line) {
    Matcher m = URL.matcher(line);
    int at = 0;
    while (m.find()) {
      if (m.start() > at) {
        inline.add(text(line.substring(at, m.start())));
      }
      ObjectNode link = text(m.group());
      link.putArray("marks").addObject().put("type", "link").putObject("attrs").put("href", m.group());
      inline.add(link);
      at = m.end();
    }
    if (at < line.length()) {
      inline.add(text(line.substring(at)));
    }
  }

  private static ObjectNode text(String s) {
    return F.objectNode().put("type", "text").put("text", s);
  }
}
