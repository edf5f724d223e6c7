package vigil.ingest.xml;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Iterator;
import java.util.function.Function;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;
import vigil.ingest.ParseException;
import vigil.ingest.ScanFile;

/**
 * A forward-only, XXE-safe cursor over an XML file that knows its element path, so that errors can
 * say where they happened.
 *
 * <p>Safety: DTDs and external entities are off in the factory, so no DTD is ever loaded or applied,
 * and a DOCTYPE that declares or uses entities, or any entity reference, is refused outright, before
 * anything is expanded. Inert DOCTYPEs that real scanners write (Nmap's bare {@code <!DOCTYPE
 * nmaprun>}, Qualys's external DTD reference, element declarations) are read past.
 */
public final class XmlStream implements AutoCloseable {
  /** Longest text kept from one element; longer text (huge plugin outputs) is cut, not refused. */
  public static final int MAX_TEXT = 256 * 1024;

  private static final XMLInputFactory FACTORY = newFactory();
  /** An entity declaration or a parameter-entity reference inside a DOCTYPE. */
  private static final Pattern ENTITY_IN_DOCTYPE = Pattern.compile("<!ENTITY|%\\s*[A-Za-z_:][\\w.:-]*;");

  private final ScanFile file;
  private final InputStream in;
  private final XMLStreamReader reader;
  private final Deque<String> path = new ArrayDeque<>();

  private XmlStream(ScanFile file, InputStream in, XMLStreamReader reader) {
    this.file = file;
    this.in = in;
    this.reader = reader;
  }

  private static XMLInputFactory newFactory() {
    XMLInputFactory f = XMLInputFactory.newFactory();
    f.setProperty(XMLInputFactory.SUPPORT_DTD, false);
    f.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
    f.setProperty(XMLInputFactory.IS_REPLACING_ENTITY_REFERENCES, false);
    f.setProperty(XMLInputFactory.IS_COALESCING, false);
    f.setProperty(XMLInputFactory.IS_NAMESPACE_AWARE, true);
    trySet(f, XMLConstants.ACCESS_EXTERNAL_DTD, "");
    trySet(f, XMLConstants.ACCESS_EXTERNAL_SCHEMA, "");
    return f;
  }

  private static void trySet(XMLInputFactory f, String name, Object value) {
    try {
      f.setProperty(name, value);
    } catch (IllegalArgumentException notSupported) {
      // The implementation has no such property; DTDs are refused by this class anyway.
    }
  }

  public static XmlStream open(ScanFile file) throws IOException, ParseException {
    InputStream in = file.open();
    try {
      return new XmlStream(file, in, FACTORY.createXMLStreamReader(in));
    } catch (XMLStreamException e) {
      in.close();
      throw new ParseException(file.name(), placeOf(e.getLocation(), ""), "not well-formed XML: " + clean(e));
    }
  }

  /**
   * Moves to the root element and checks its local name, so that a file of another format is
   * refused rather than read as an empty report.
   */
  public String requireRoot(String... expected) throws ParseException {
    if (!advance()) {
      throw error("no root element: the file is empty or not XML");
    }
    String root = name();
    for (String e : expected) {
      if (e.equals(root)) {
        return root;
      }
    }
    throw error("expected root element <" + String.join("> or <", expected) + "> but found <" + root + ">");
  }

  /** Depth of the current element: the root is 1. */
  public int depth() {
    return path.size();
  }

  /** Local name of the current element. */
  public String name() {
    return reader.getLocalName();
  }

  /** An attribute of the current element by local name, trimmed, or {@code null} when absent or blank. */
  public String attr(String localName) {
    for (int i = 0; i < reader.getAttributeCount(); i++) {
      if (localName.equals(reader.getAttributeLocalName(i))) {
        String v = reader.getAttributeValue(i).trim();
        return v.isEmpty() ? null : v;
      }
    }
    return null;
  }

  /**
   * Moves to the next child element of the element at {@code parentDepth}, skipping deeper
   * descendants. Returns false after the parent's end tag.
   */
  public boolean nextChild(int parentDepth) throws ParseException {
    while (path.size() >= parentDepth) {
      int event = step();
      if (event == XMLStreamConstants.START_ELEMENT && path.size() == parentDepth + 1) {
        return true;
      }
      if (event == XMLStreamConstants.END_DOCUMENT) {
        break;
      }
    }
    return false;
  }

  /**
   * Moves to the next element anywhere below the element at {@code ancestorDepth}. Returns false
   * after the ancestor's end tag.
   */
  public boolean nextDescendant(int ancestorDepth) throws ParseException {
    while (path.size() >= ancestorDepth) {
      int event = step();
      if (event == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
      if (event == XMLStreamConstants.END_DOCUMENT) {
        break;
      }
    }
    return false;
  }

  /**
   * Reads the text of the current element and its descendants up to its end tag, trimmed; {@code
   * null} when empty. Text beyond {@link #MAX_TEXT} is cut.
   */
  public String text() throws ParseException {
    return text(descendant -> null);
  }

  /**
   * Like {@link #text()}, for mixed content: at each descendant's start tag, {@code onStart} sees
   * the stream positioned on that element (to read its name and attributes, never to move) and
   * may return text to insert there, such as a line break before a paragraph or a link's URL.
   */
  public String text(Function<XmlStream, String> onStart) throws ParseException {
    int depth = path.size();
    StringBuilder sb = new StringBuilder();
    while (path.size() >= depth) {
      int event = step();
      if (event == XMLStreamConstants.CHARACTERS || event == XMLStreamConstants.CDATA
          || event == XMLStreamConstants.SPACE) {
        if (sb.length() < MAX_TEXT) {
          int room = MAX_TEXT - sb.length();
          int len = Math.min(room, reader.getTextLength());
          sb.append(reader.getTextCharacters(), reader.getTextStart(), len);
        }
      } else if (event == XMLStreamConstants.START_ELEMENT) {
        String inserted = onStart.apply(this);
        if (inserted != null && sb.length() < MAX_TEXT) {
          sb.append(inserted, 0, Math.min(inserted.length(), MAX_TEXT - sb.length()));
        }
      } else if (event == XMLStreamConstants.END_DOCUMENT) {
        break;
      }
    }
    String s = sb.toString().trim();
    return s.isEmpty() ? null : s;
  }

  /** Skips the current element and everything in it. */
  public void skip() throws ParseException {
    int depth = path.size();
    while (path.size() >= depth) {
      if (step() == XMLStreamConstants.END_DOCUMENT) {
        return;
      }
    }
  }

  /** Reads to the end of the document, so that a truncated tail is reported even after the data. */
  public void finish() throws ParseException {
    while (step() != XMLStreamConstants.END_DOCUMENT) {
      // drain
    }
  }

  /** An error at the current place. */
  public ParseException error(String problem) {
    return new ParseException(file.name(), placeOf(reader.getLocation(), pathString()), problem);
  }

  public String fileName() {
    return file.name();
  }

  private boolean advance() throws ParseException {
    while (true) {
      int event = step();
      if (event == XMLStreamConstants.START_ELEMENT) {
        return true;
      }
      if (event == XMLStreamConstants.END_DOCUMENT) {
        return false;
      }
    }
  }

  /** One parser event, keeping the path; refuses DTDs and entity references. */
  private int step() throws ParseException {
    int event;
    try {
      if (!reader.hasNext()) {
        return XMLStreamConstants.END_DOCUMENT;
      }
      event = reader.next();
    } catch (XMLStreamException e) {
      throw new ParseException(file.name(), placeOf(e.getLocation(), pathString()), "not well-formed XML: " + clean(e));
    } catch (RuntimeException e) {
      // Some StAX implementations wrap I/O and well-formedness errors in runtime exceptions.
      throw new ParseException(file.name(), placeOf(reader.getLocation(), pathString()), "cannot read XML: " + e.getMessage(), e);
    }
    switch (event) {
      case XMLStreamConstants.START_ELEMENT:
        path.addLast(reader.getLocalName());
        break;
      case XMLStreamConstants.END_ELEMENT:
        path.pollLast();
        break;
      case XMLStreamConstants.DTD:
        String doctype = reader.getText();
        if (doctype == null || ENTITY_IN_DOCTYPE.matcher(doctype).find()) {
          throw error("DOCTYPE declarations with entities are not allowed (entity expansion and external entities are refused)");
        }
        break;
      case XMLStreamConstants.ENTITY_REFERENCE:
        throw error("entity reference &" + reader.getLocalName() + "; is not allowed");
      case XMLStreamConstants.END_DOCUMENT:
        if (!path.isEmpty()) {
          throw error("file ends inside <" + path.peekLast() + ">: truncated");
        }
        break;
      default:
        break;
    }
    return event;
  }

  private String pathString() {
    StringBuilder sb = new StringBuilder();
    Iterator<String> it = path.iterator();
    while (it.hasNext()) {
      sb.append('/').append(it.next());
    }
    return sb.toString();
  }

  private static String placeOf(Location loc, String path) {
    StringBuilder sb = new StringBuilder();
    if (loc != null && loc.getLineNumber() > 0) {
      sb.append("line ").append(loc.getLineNumber()).append(", column ").append(loc.getColumnNumber());
    }
    if (!path.isEmpty()) {
      sb.append(sb.length() > 0 ? " " : "").append("(at ").append(path).append(')');
    }
    return sb.toString();
  }

  private static String clean(XMLStreamException e) {
    String msg = e.getMessage() == null ? e.toString() : e.getMessage();
    // JDK messages start with "ParseError at [row,col]:[r,c]\nMessage: ..."; keep the message part.
    int i = msg.indexOf("Message: ");
    return (i >= 0 ? msg.substring(i + 9) : msg).replace('\n', ' ').trim();
  }

  @Override
  public void close() throws IOException {
    try {
      reader.close();
    } catch (XMLStreamException e) {
      // Closing a reader we are done with; the stream below is closed next.
    }
    in.close();
  }
}
