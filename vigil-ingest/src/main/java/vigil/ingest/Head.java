package vigil.ingest;

import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The first bytes of a file, with the cheap looks format detection needs. */
public final class Head {
  /** How much of a file detection reads. Large enough to pass a Nessus policy block's start. */
  public static final int SIZE = 64 * 1024;

  private static final Pattern XML_ROOT =
      Pattern.compile("\\A(?:\\s|<\\?.*?\\?>|<!--.*?-->|<!DOCTYPE(?:[^\\[>]|\\[.*?\\])*>)*<([A-Za-z_][\\w.:-]*)",
          Pattern.DOTALL);

  private final String text;
  private final String xmlRoot;

  public Head(byte[] bytes) {
    String s = new String(bytes, StandardCharsets.UTF_8);
    if (s.startsWith("\uFEFF")) {
      s = s.substring(1);
    }
    this.text = s;
    Matcher m = XML_ROOT.matcher(s);
    String root = m.find() ? m.group(1) : null;
    this.xmlRoot = root == null ? null : root.substring(root.indexOf(':') + 1);
  }

  public static Head of(ScanFile file) {
    return new Head(file.head(SIZE));
  }

  public String text() {
    return text;
  }

  /** Local name of the XML root element, or {@code null} when the file is not XML. */
  public String xmlRoot() {
    return xmlRoot;
  }

  public boolean isXml(String rootLocalName) {
    return rootLocalName.equals(xmlRoot);
  }

  /** The first non-blank character, or 0 for a blank file. */
  public char firstChar() {
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (!Character.isWhitespace(c)) {
        return c;
      }
    }
    return 0;
  }

  public boolean isJson() {
    char c = firstChar();
    return c == '{' || c == '[';
  }

  /** True when the head holds the JSON property name {@code "name"}. */
  public boolean hasJsonName(String name) {
    return text.contains("\"" + name + "\"");
  }

  public boolean contains(String s) {
    return text.contains(s);
  }

  public boolean isBlank() {
    return firstChar() == 0;
  }
}
